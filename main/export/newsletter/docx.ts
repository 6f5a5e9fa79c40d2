import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  type IBorderOptions,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Figures } from '../../contract/newsletter';
import { plainText, ukDateTime } from '../format';
import { A4, box, DOCX_FONT, docxColours, fieldTable, paragraph, runs } from '../docx/blocks';
import { correctionNotice, headings, type NewsletterContent, quoted, STORIES_NOTE } from './model';

/**
 * The newsletter as a Word document, to edit before sending or to print: the shared DOCX building
 * blocks (text only as escaped TextRun data), headings Word's navigation pane lists, and charts as
 * table rows whose shaded cell is as wide as the bar.
 */

const CONTENT_WIDTH = A4.width - 2 * A4.margin;
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const noBorders = { top: none, bottom: none, left: none, right: none };

function paras(value: string, style: Parameters<typeof paragraph>[1] = {}): Paragraph[] {
  return plainText(value)
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => new Paragraph({ children: runs(p, style), spacing: { after: 120 } }));
}

function h2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(text) });
}

function h3(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_3, children: runs(text), keepNext: true });
}

function tiles(f: Figures): Table {
  const width = Math.floor(CONTENT_WIDTH / f.tiles.length);
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: f.tiles.map(() => width),
    rows: [
      new TableRow({
        cantSplit: true,
        children: f.tiles.map(
          (t) =>
            new TableCell({
              width: { size: width, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: docxColours.paleBlue },
              borders: { top: none, bottom: none, left: { style: BorderStyle.SINGLE, size: 18, color: docxColours.white }, right: { style: BorderStyle.SINGLE, size: 18, color: docxColours.white } },
              margins: { top: 80, bottom: 80, left: 100, right: 100 },
              children: [
                paragraph(t.label, { size: 16, color: docxColours.secondaryText }, 0),
                paragraph(t.value, { bold: true, size: 26, color: docxColours.darkBlue }, 0),
                paragraph(t.note, { size: 16, color: docxColours.secondaryText }, 0),
              ],
            }),
        ),
      }),
    ],
  });
}

const LABEL_W = Math.round(CONTENT_WIDTH * 0.34);
const BAR_W = Math.round(CONTENT_WIDTH * 0.46);
const VALUE_W = CONTENT_WIDTH - LABEL_W - BAR_W;

function bar(value: number | null, max: number): Paragraph | Table {
  if (value === null || value === 0) return paragraph('', {}, 0);
  const w = Math.max(60, Math.round((value / max) * (BAR_W - 120)));
  return new Table({
    width: { size: w, type: WidthType.DXA },
    columnWidths: [w],
    borders: { ...noBorders, insideHorizontal: none, insideVertical: none },
    rows: [new TableRow({ children: [new TableCell({ width: { size: w, type: WidthType.DXA }, shading: { type: ShadingType.CLEAR, color: 'auto', fill: docxColours.nhsBlue }, borders: noBorders, children: [new Paragraph({ children: [new TextRun({ text: ' ', size: 14 })] })] })] })],
  });
}

function chart(c: Figures['charts'][number]): (Paragraph | Table)[] {
  const max = Math.max(1, ...c.bars.map((b) => b.value ?? 0));
  const title = paragraph(c.title, { bold: true }, 60);
  if (c.bars.length === 0) return [title, paragraph('No referrals this month.', { italics: true, color: docxColours.secondaryText })];
  const cell = (children: (Paragraph | Table)[], width: number) => new TableCell({ width: { size: width, type: WidthType.DXA }, borders: noBorders, margins: { top: 30, bottom: 30, left: 0, right: 80 }, children });
  return [
    title,
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: [LABEL_W, BAR_W, VALUE_W],
      borders: { ...noBorders, insideHorizontal: none, insideVertical: none },
      rows: c.bars.map((b) => new TableRow({ cantSplit: true, children: [cell([paragraph(b.label, { size: 18 }, 0)], LABEL_W), cell([bar(b.value, max)], BAR_W), cell([paragraph(b.display, { bold: true, size: 18 }, 0)], VALUE_W)] })),
    }),
    paragraph('', {}, 60),
  ];
}

function story(s: NewsletterContent['stories'][number]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [h3(s.title), ...paras(s.text)];
  if (quoted(s.quote)) out.push(box(paras(quoted(s.quote), { italics: true, color: docxColours.darkBlue }), docxColours.paleBlue, docxColours.paleBlue, 4), paragraph('', {}, 60));
  if (s.outcomes.length) {
    out.push(paragraph('What changed', { bold: true }, 40));
    out.push(...s.outcomes.map((o) => new Paragraph({ children: runs(o), bullet: { level: 0 }, spacing: { after: 40 } })));
  }
  return out;
}

export async function newsletterDocx(c: NewsletterContent): Promise<Buffer> {
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(c.title), spacing: { after: 60 } }),
    paragraph(`${c.issueLabel} · ${c.audience}`, { color: docxColours.secondaryText }, 20),
    new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 16, color: docxColours.nhsBlue, space: 1 } }, spacing: { after: 200 } }),
  ];
  const correction = correctionNotice(c);
  if (correction) body.push(box(paras(correction, { bold: true }), 'FFB81C', 'FFF6DC', 12), paragraph('', {}, 60));
  if (plainText(c.editorial)) body.push(h2(headings.editorial), ...paras(c.editorial));
  body.push(h2(`${headings.figures}: ${c.figures.periodLabel}`), tiles(c.figures), paragraph('', {}, 80), ...c.figures.charts.flatMap(chart), paragraph(c.figures.footnote, { size: 16, color: docxColours.secondaryText }));
  if (c.stories.length) body.push(h2(headings.stories), ...c.stories.flatMap(story), paragraph(STORIES_NOTE, { size: 16, color: docxColours.secondaryText }));
  if (c.spotlight) {
    const s = c.spotlight;
    body.push(h2(headings.spotlight), h3(s.organisation ? `${s.name} · ${s.organisation}` : s.name), ...paras(s.description), ...paras(s.note));
    if (s.details.length) body.push(fieldTable(s.details));
  }
  if (c.linkWorker) body.push(h2(headings.linkWorker), h3(c.linkWorker.name), ...paras(c.linkWorker.text));
  if (c.mdtDates.length) body.push(h2(headings.mdt), fieldTable(c.mdtDates.map((d) => [d.date, d.note] as const)));
  body.push(
    h2(headings.howToRefer),
    ...paras(c.howToRefer.text),
    box(
      [
        paragraph('Record in the clinical system (SNOMED CT)', { size: 18, color: docxColours.secondaryText }, 40),
        new Paragraph({ children: [...runs(c.howToRefer.code, { bold: true, size: 28, color: docxColours.darkBlue }), ...runs(`   |${c.howToRefer.term}|`)], spacing: { after: 40 } }),
        paragraph(c.howToRefer.rule),
      ],
      docxColours.nhsBlue,
      docxColours.paleBlue,
    ),
  );

  const document = new Document({
    title: plainText(`${c.title}: ${c.issueLabel}`),
    creator: plainText(c.pcnName),
    description: plainText(`${c.title}, ${c.issueLabel}, ${c.audience}`),
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: 22, color: docxColours.text } },
        title: { run: { font: DOCX_FONT, size: 40, bold: true, color: docxColours.nhsBlue } },
        heading2: { run: { font: DOCX_FONT, size: 28, bold: true, color: docxColours.nhsBlue }, paragraph: { spacing: { before: 320, after: 120 }, keepNext: true } },
        heading3: { run: { font: DOCX_FONT, size: 24, bold: true, color: docxColours.darkBlue }, paragraph: { spacing: { before: 200, after: 80 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin } } },
        headers: { default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(`${c.title} · ${c.issueLabel}`, { size: 16, color: docxColours.secondaryText }) })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                border: { top: { style: BorderStyle.SINGLE, size: 4, color: docxColours.border, space: 4 } },
                children: [
                  ...runs(`${c.pcnName} social prescribing service · made ${ukDateTime(c.generatedAt)} · `, { size: 16, color: docxColours.secondaryText }),
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: docxColours.secondaryText }),
                ],
              }),
            ],
          }),
        },
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
