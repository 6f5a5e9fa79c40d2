import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';

/**
 * Opening the documents the way a person's tools would: poppler for PDFs (pdftotext, pdftoppm,
 * pdfinfo), unzip for DOCX (fflate, which docx itself writes with), a few lines for PNG.
 */

function withPdfFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-export-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The PDF's text as pdftotext reads it (reading order, one page after another, \f between pages). */
export function pdfText(pdf: Buffer): string {
  return withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Object.fromEntries(out.split('\n').flatMap((line) => {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    return m ? [[m[1]!, m[2]!]] : [];
  }));
}

/** One page rendered to PNG by pdftoppm; optionally also saved where a person can look at it. */
export function pdfPagePng(pdf: Buffer, page: number, dpi: number, saveAs?: string): Buffer {
  const png = withPdfFile(pdf, (file, dir) => {
    const prefix = join(dir, 'page');
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    return readFileSync(`${prefix}.png`);
  });
  if (saveAs) writeFileSync(saveAs, png);
  return png;
}

export interface Raster {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel. */
  rgb: Uint8Array;
}

/** Decodes the 8-bit grey or RGB(A), non-interlaced PNGs pdftoppm writes. */
export function decodePng(png: Buffer): Raster {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colourType, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[colourType ?? -1] ?? 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) throw new Error('unsupported PNG');
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i += 1) {
    for (let k = 0; k < 3; k += 1) rgb[i * 3 + k] = pixels[i * channels + (channels === 1 ? 0 : k)]!;
  }
  return { width, height, rgb };
}

/** Share of pixels that are not (near) white. */
export function inkedShare(r: Raster): number {
  let inked = 0;
  for (let i = 0; i < r.width * r.height; i += 1) {
    if (r.rgb[i * 3]! < 230 || r.rgb[i * 3 + 1]! < 230 || r.rgb[i * 3 + 2]! < 230) inked += 1;
  }
  return inked / (r.width * r.height);
}

/** Pixels close to a colour, e.g. NHS blue #005EB8. */
export function pixelsNear(r: Raster, hex: string, tolerance = 40): number {
  const [tr, tg, tb] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < r.width * r.height; i += 1) {
    if (Math.abs(r.rgb[i * 3]! - tr) <= tolerance && Math.abs(r.rgb[i * 3 + 1]! - tg) <= tolerance && Math.abs(r.rgb[i * 3 + 2]! - tb) <= tolerance) n += 1;
  }
  return n;
}

/** The files inside a DOCX (a zip), as text. */
export function docxParts(docx: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(docx));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString('utf8')]));
}

/** The text a reader of the Word document sees: every w:t run, XML entities decoded. */
export function docxText(documentXml: string): string {
  const paragraphs = documentXml.split(/<\/w:p>/);
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[0] === '<w:br/>' ? '\n' : decodeXml(m[1] ?? '')))
        .join(''),
    )
    .filter((t) => t !== '')
    .join('\n');
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name] ?? '';
  });
}
