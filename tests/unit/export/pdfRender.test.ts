import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawable, fontFiles } from '../../../main/export/pdf/fonts';
import { renderPdf } from '../../../main/export/pdf/render';
import { pdfText } from './documentTools';

describe('the PDF renderer', () => {
  it('uses the Roboto fonts bundled in pdfmake', () => {
    for (const file of Object.values(fontFiles)) expect(existsSync(file), file).toBe(true);
  });

  it('renders a document with the bundled fonts', async () => {
    const pdf = await renderPdf({ content: ['Hello Łódź', { text: 'bold', bold: true }, { text: 'italic', italics: true }] });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(pdf)).toContain('Hello Łódź');
  });

  it('never fetches a URL, whatever a document asks for', async () => {
    await expect(renderPdf({ content: [{ image: 'logo' }], images: { logo: 'https://example.invalid/logo.png' } })).rejects.toThrow(/denied/);
  });

  it('reads no local file but the fonts', async () => {
    await expect(renderPdf({ content: [{ image: '/etc/hostname' }] })).rejects.toThrow(/denied/);
  });
});

describe('text the bundled font can draw', () => {
  it('keeps what Roboto has, Latin, Greek and Cyrillic included', () => {
    expect(drawable('Zoë Łukasiewicz, Ōsaka, Ψ, Жанна, £5 – “quoted” · 10°')).toBe('Zoë Łukasiewicz, Ōsaka, Ψ, Жанна, £5 – “quoted” · 10°');
  });

  it('writes out common symbols it lacks, drops invisible joiners, and marks the rest', () => {
    expect(drawable('3 → 6 ✓ ✗')).toBe('3 -> 6 (tick) (cross)');
    expect(drawable('ok\uFE0F')).toBe('ok');
    expect(drawable('😀 名')).toBe('\uFFFD \uFFFD');
    expect(drawable('e\u0301')).toBe('é');
    expect(drawable('line one\nline two')).toBe('line one\nline two');
  });
});
