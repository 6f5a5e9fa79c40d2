import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  type IBorderOptions,
  type ITableCellBorders,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  Tab,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { generatedLine, plainText, PROTECTIVE_MARKING } from '../format';

/**
 * Building blocks for Word documents. Text goes in only as TextRun text, which the docx library
 * writes as escaped XML character data (&lt; &amp; &quot; …): nothing a person typed can become
 * markup. plainText() also drops the control characters that XML 1.0 forbids, which would
 * otherwise make Word refuse to open the file.
 */

/** Colours without the '#', as Word wants them. */
export const docxColours = {
  nhsBlue: '005EB8',
  darkBlue: '003087',
  paleBlue: 'E8F1F8',
  text: '212B32',
  secondaryText: '4C6272',
  border: 'D8DDE0',
  paleGrey: 'F0F4F5',
  red: 'D5281B',
  paleRed: 'FBE9E7',
  paleYellow: 'FFF9C4',
  white: 'FFFFFF',
} as const;

/** Arial: on every NHS Windows PC, and the NHS identity's fallback for Frutiger. */
export const DOCX_FONT = 'Arial';

/** A4 in twentieths of a point, with 2 cm margins. */
export const A4 = { width: 11906, height: 16838, margin: 1134 } as const;
const CONTENT_WIDTH = A4.width - 2 * A4.margin;

export interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  /** Half-points, as Word counts them (22 = 11 pt). */
  size?: number;
  color?: string;
}

/** User text as runs; each line of the text after the first starts after a line break. */
export function runs(value: string, style: RunStyle = {}): TextRun[] {
  return plainText(value)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i === 0 ? undefined : 1, ...style }));
}

export function paragraph(value: string, style: RunStyle = {}, spacingAfter = 80): Paragraph {
  return new Paragraph({ children: runs(value, style), spacing: { after: spacingAfter } });
}

/** Paragraphs, one per line of the text, so Word's paragraph spacing applies between them. */
export function paragraphs(value: string, style: RunStyle = {}): Paragraph[] {
  return plainText(value)
    .split('\n')
    .map((line) => paragraph(line, style));
}

const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };

function allBorders(border: IBorderOptions): ITableCellBorders {
  return { top: border, bottom: border, left: border, right: border };
}

const rowRule: ITableCellBorders = { top: none, left: none, right: none, bottom: { style: BorderStyle.SINGLE, size: 4, color: docxColours.border } };

function cellMargins(twips: number) {
  return { top: twips, bottom: twips, left: twips, right: twips };
}

function fullWidthTable(rows: TableRow[], columnWeights: readonly number[]): Table {
  const total = columnWeights.reduce((a, b) => a + b, 0);
  return new Table({
    rows,
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: columnWeights.map((w) => Math.round((w / total) * CONTENT_WIDTH)),
    borders: {
      top: none,
      bottom: none,
      left: none,
      right: none,
      insideHorizontal: none,
      insideVertical: none,
    },
  });
}

/** Label and value rows, with a light rule under each. */
export function fieldTable(rows: readonly (readonly [string, string])[]): Table {
  return fullWidthTable(
    rows.map(
      ([label, value]) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({ children: [paragraph(label, { bold: true, color: docxColours.secondaryText }, 0)], borders: rowRule, margins: cellMargins(80) }),
            new TableCell({ children: paragraphs(value).map((p) => p), borders: rowRule, margins: cellMargins(80) }),
          ],
        }),
    ),
    [3, 7],
  );
}

/** A list table; the header row repeats on each page. */
export function listTable(headers: readonly string[], rows: readonly (readonly string[])[], weights: readonly number[]): Table {
  const shading = { type: ShadingType.CLEAR, color: 'auto', fill: docxColours.paleGrey };
  return fullWidthTable(
    [
      new TableRow({
        tableHeader: true,
        children: headers.map((h) => new TableCell({ children: [paragraph(h, { bold: true, color: docxColours.secondaryText }, 0)], shading, borders: rowRule, margins: cellMargins(80) })),
      }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => new TableCell({ children: paragraphs(c), borders: rowRule, margins: cellMargins(80) })) })),
    ],
    weights,
  );
}

/** A framed, filled one-cell table: alerts, codes to copy. */
export function box(children: Paragraph[], border: string, fill: string, borderSize = 12): Table {
  return fullWidthTable(
    [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            children,
            borders: allBorders({ style: BorderStyle.SINGLE, size: borderSize, color: border }),
            shading: { type: ShadingType.CLEAR, color: 'auto', fill },
            margins: cellMargins(160),
          }),
        ],
      }),
    ],
    [1],
  );
}

/** Key facts side by side, on tinted cells. */
export function factsStrip(facts: readonly { label: string; value: string; fill: string; color: string }[]): Table {
  return fullWidthTable(
    [
      new TableRow({
        cantSplit: true,
        children: facts.map(
          (f) =>
            new TableCell({
              children: [paragraph(f.label, { size: 16, color: docxColours.secondaryText }, 0), paragraph(f.value, { bold: true, color: f.color }, 0)],
              shading: { type: ShadingType.CLEAR, color: 'auto', fill: f.fill },
              borders: allBorders({ style: BorderStyle.SINGLE, size: 18, color: docxColours.white }),
              margins: cellMargins(100),
            }),
        ),
      }),
    ],
    facts.map(() => 1),
  );
}

/** The marking and the person the document is about, at the top of every page. */
export function pageHeader(runningHead: string): Header {
  return new Header({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        children: [
          new TextRun({ text: 'OFFICIAL-SENSITIVE', bold: true, size: 16 }),
          new TextRun({ children: [new Tab()], size: 16 }),
          ...runs(runningHead, { size: 16, color: docxColours.secondaryText }),
        ],
      }),
    ],
  });
}

/** The marking, page x of y, and who generated the document when, at the foot of every page. */
export function pageFooter(generatedAt: Date, generatedBy: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: docxColours.border, space: 4 } },
        children: [
          new TextRun({ text: PROTECTIVE_MARKING, bold: true, size: 16 }),
          new TextRun({ children: [new Tab(), 'Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], bold: true, size: 16 }),
        ],
      }),
      new Paragraph({ alignment: AlignmentType.LEFT, children: runs(generatedLine(generatedAt, generatedBy), { size: 16, color: docxColours.secondaryText }) }),
    ],
  });
}
