import { describe, expect, it } from 'vitest';
import { SNOMED } from '../../../main/contract/nhs';
import { type ExportContext, messageBackDocx, messageBackPdf, referralPdf } from '../../../main/export/referralDocuments';
import { acceptanceMessage, closureMessage, referralDetail, TRICKY_NAME } from '../../support/referralFixture';
import { decodePng, docxParts, docxText, inkedShare, pdfInfo, pdfPagePng, pdfText, pixelsNear } from './documentTools';

const ctx: ExportContext = { pcnName: 'Leeds North West PCN', generatedAt: new Date('2026-12-03T15:40:00Z'), generatedBy: 'Sam Patel' };
const MARKING = 'OFFICIAL-SENSITIVE: contains patient information';
const TRICKY = `${TRICKY_NAME.givenName} ${TRICKY_NAME.familyName}`;

/** pdftotext breaks lines where the layout does: compare with runs of white space made single spaces. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

function expectEveryPageMarked(pdf: Buffer): void {
  const pages = Number(pdfInfo(pdf).Pages);
  const text = pdfText(pdf);
  expect(text.split(MARKING).length - 1).toBe(pages);
  for (let n = 1; n <= pages; n += 1) expect(text).toContain(`Page ${n} of ${pages}`);
  expect(text.split('Generated 03/12/2026 15:40 by Sam Patel').length - 1).toBe(pages);
}

describe('the referral PDF', () => {
  it('is an A4 PDF with the patient, the NHS number spaced, the code and the marking', async () => {
    const pdf = await referralPdf(referralDetail(), ctx);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info['Page size']).toMatch(/^595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info.Title).toBe('Referral to social prescribing');

    const text = pdfText(pdf);
    const flatText = flat(text);
    for (const expected of [
      'Referral to social prescribing',
      'Leeds North West PCN',
      'Mrs Margaret Ellis',
      '999 000 0018',
      '04/03/1951 (75 years)',
      'LS6 2QR',
      '07700 900123 (mobile): safe to leave a message',
      '0113 496 0000 (home): do not leave a message',
      'Best times: Weekday mornings after 10am',
      'English; no interpreter needed',
      'Hearing aid in the left ear',
      'Dr Amir Khan (GP)',
      '20/11/2026',
      'Loneliness and isolation',
      'Other: Help to find a local choir',
      'She sang in a church choir',
      'The referral was discussed with the patient and they agreed to it.',
      'Taken by Dr Amir Khan on 20/11/2026.',
      'Agreed to be discussed at the multidisciplinary team meeting',
      'Large dog at the property',
      'Soon (within a week)',
      'District nurses',
      'Type 2 diabetes; COPD',
      'Dr Amir Khan (referrer and usual GP)',
      'In progress since 27/11/2026 11:45',
      SNOMED.referral.code,
      `|${SNOMED.referral.term}|`,
      'When the patient accepts the referral, for the first contact of an episode.',
      '871731000000106 recorded in the clinical system on 23/11/2026 by Sam Patel.',
      'Phoned; agreed to meet at the practice on Thursday',
      MARKING,
      'Page 1 of',
    ]) {
      expect(flatText, expected).toContain(expected);
    }
    expect(text).not.toContain('9990000018');
    expectEveryPageMarked(pdf);
  });

  it('puts a safeguarding concern in a box at the top, with the escalation and the policy reminder', async () => {
    const text = flat(pdfText(await referralPdf(referralDetail(), ctx)));
    const box = text.indexOf('Safeguarding concern A neighbour reports');
    expect(box).toBeGreaterThan(-1);
    expect(box).toBeLessThan(text.indexOf('Patient'));
    expect(text).toContain('Already escalated to: Practice safeguarding lead, Dr Priya Shah');
    expect(text).toContain('Follow the practice safeguarding policy');

    const none = flat(pdfText(await referralPdf(referralDetail({ details: { safeguardingConcern: false, safeguardingDetails: '' } }), ctx)));
    expect(none).toContain('No concern raised');
    expect(none).not.toContain('Follow the practice safeguarding policy');
  });

  it('says when the code is not yet recorded, and shows the declined code for a declined referral', async () => {
    const declined = referralDetail({ status: 'declined' });
    declined.coding = [];
    const text = flat(pdfText(await referralPdf(declined, ctx)));
    expect(text).toContain('871731000000106 not yet recorded in the clinical system.');
    expect(text).toContain(`${SNOMED.declined.code} |${SNOMED.declined.term}|`);
    expect(text).toContain('Declined by the patient');
  });

  it('renders page 1 to a non-blank PNG with NHS blue headings', async () => {
    const pdf = await referralPdf(referralDetail(), ctx);
    const png = pdfPagePng(pdf, 1, 60);
    const raster = decodePng(png);
    expect(raster.width).toBeGreaterThan(450);
    expect(raster.height).toBeGreaterThan(650);
    expect(inkedShare(raster)).toBeGreaterThan(0.03);
    expect(pixelsNear(raster, '#005EB8')).toBeGreaterThan(200);
    pdfPagePng(pdf, 1, 80, '/tmp/referral-page1.png');
  });

  it('draws a name made of markup as the characters typed, never as markup', async () => {
    const pdf = await referralPdf(referralDetail({ patient: TRICKY_NAME }), ctx);
    const text = pdfText(pdf);
    expect(text).toContain(TRICKY);
    expect(text).not.toContain('&lt;');
    expect(text).not.toContain('&amp;');
  });

  it('drops control characters and writes out symbols the bundled font lacks', async () => {
    const pdf = await referralPdf(
      referralDetail({ details: { whatMatters: 'Mood 3 → 6\u0007 in a month ✓ 😀\r\nSecond line\u0000' }, patient: { givenName: 'Zoë', familyName: 'Łukasiewicz' } }),
      ctx,
    );
    const text = pdfText(pdf);
    expect(text).toContain('Mood 3 -> 6 in a month (tick) \uFFFD');
    expect(text).toContain('Second line');
    expect(text).toContain('Zoë Łukasiewicz');
    expect(text).not.toContain('\u0000');
    expect(text).not.toContain('\u0007');
  });

  it('keeps every page marked when the referral runs long', async () => {
    const long = referralDetail();
    long.timeline = Array.from({ length: 60 }, (_, i) => ({
      id: i + 1,
      at: new Date(Date.UTC(2026, 10, 20, 9, i)).toISOString(),
      byName: 'Sam Patel',
      kind: 'note' as const,
      status: null,
      text: `Call ${i + 1}: left a voicemail as agreed.`,
    }));
    const pdf = await referralPdf(long, ctx);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThanOrEqual(4);
    expectEveryPageMarked(pdf);
    expect(pdfText(pdf)).toContain('Call 60: left a voicemail as agreed.');
  });
});

describe('the message back to GP and referrer', () => {
  const referral = referralDetail({ status: 'closed' });

  it('is a PDF in the PRSB shape: identifiers, referral, needs, what matters, support, outcomes, codes, author', async () => {
    const pdf = await messageBackPdf(closureMessage, referral, ctx);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = flat(pdfText(pdf));
    const inOrder = [
      'Message back to GP and referrer',
      'On closure of the referral',
      'Dr Amir Khan (referrer and usual GP)',
      'Mrs Margaret Ellis',
      '999 000 0018',
      '04/03/1951',
      'Beech Grove Surgery',
      '20/11/2026',
      'Dr Amir Khan (GP)',
      'The person’s needs and concerns',
      'Loneliness and low mood since her husband died',
      'What matters to them',
      'Singing in a choir again',
      'Support offered',
      'Help to apply for Pension Credit',
      'Services referred to',
      'Headingley Community Choir',
      'Outcomes so far',
      'ONS4 life satisfaction 3 -> 6',
      'Codes to record',
      `${SNOMED.referral.code} |${SNOMED.referral.term}|`,
      'Sam Patel, social prescribing link worker, Leeds North West PCN',
      '03/12/2026 15:20',
    ];
    let at = -1;
    for (const expected of inOrder) {
      const next = text.indexOf(expected, at + 1);
      expect(next, expected).toBeGreaterThan(at);
      at = next;
    }
    expectEveryPageMarked(pdf);
    pdfPagePng(pdf, 1, 80, '/tmp/message-page1.png');
  });

  it('says plainly what is not there yet on acceptance', async () => {
    const text = flat(pdfText(await messageBackPdf({ ...acceptanceMessage, codes: [] }, referralDetail(), ctx)));
    expect(text).toContain('On acceptance of the referral');
    expect(text).toContain('Services referred to None yet');
    expect(text).toContain('None recorded yet.');
    expect(text).toContain('No codes to record.');
  });

  it('is a Word document whose text carries the needs, the codes and the identifiers', async () => {
    const docx = await messageBackDocx(closureMessage, referral, ctx);
    expect(docx.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const parts = docxParts(docx);
    const xml = parts['word/document.xml'];
    expect(xml).toBeDefined();
    const text = docxText(xml!);
    for (const line of closureMessage.needs.split('\n')) expect(text).toContain(line);
    for (const line of closureMessage.servicesReferredTo.split('\n')) expect(text).toContain(line);
    expect(text).toContain(closureMessage.outcomes);
    expect(text).toContain(SNOMED.referral.code);
    expect(text).toContain(`|${SNOMED.referral.term}|`);
    expect(text).toContain('999 000 0018');
    expect(text).toContain('04/03/1951');
    expect(text).toContain('On closure of the referral');

    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    const footer = Object.entries(parts).find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1] ?? '';
    expect(docxText(header)).toContain('Mrs Margaret Ellis · NHS No. 999 000 0018');
    expect(docxText(footer)).toContain(MARKING);
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(docxText(footer)).toContain('Generated 03/12/2026 15:40 by Sam Patel');
  });

  it('escapes a name made of markup in the Word XML, and it reads back exactly as typed', async () => {
    const tricky = referralDetail({ patient: TRICKY_NAME, status: 'closed' });
    const needs = 'Says: <b>not bold</b> & "quoted" \u0001\uFFFE text';
    const docx = await messageBackDocx({ ...closureMessage, needs }, tricky, ctx);
    const parts = docxParts(docx);
    const xml = parts['word/document.xml']!;
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; ');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('<b>');
    // Characters XML 1.0 forbids: any one of them and Word refuses to open the file.
    // eslint-disable-next-line no-control-regex -- looking for exactly these characters
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    expect(docxText(xml)).toContain(TRICKY);
    expect(docxText(xml)).toContain('Says: <b>not bold</b> & "quoted"  text');
    const header = Object.entries(parts).find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? '';
    expect(header).not.toContain('<script>');
    expect(docxText(header)).toContain(TRICKY);
  });
});
