import type { Content, ContentTable, Node, NodeQueries, Size, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { generatedLine, plainText, PROTECTIVE_MARKING } from '../format';
import { drawable } from './fonts';
import { boxLayout, colours, defaultStyle, fieldTableLayout, listTableLayout, styles } from './styles';

/**
 * Building blocks for Signpost's printed documents. Every piece of user text goes in as a pdfmake
 * text string, which pdfmake draws as plain glyphs: there is no markup for it to interpret. It is
 * still passed through pdfText() so stray control characters never reach the page.
 */

/** User or app text ready for the page: plain, without control characters, in glyphs the font has. */
export function pdfText(value: string): string {
  return drawable(plainText(value));
}

/** A4 is 595.28 pt wide; documents keep 40 pt margins left and right. */
const PAGE_MARGIN = 40;
export const CONTENT_WIDTH = 595.28 - 2 * PAGE_MARGIN;

/** User text as a pdfmake text node. */
export function text(value: string, style?: string | string[]): Content {
  return style ? { text: pdfText(value), style } : { text: pdfText(value) };
}

/** A document's title with lines beneath it (organisation, date …). */
export function documentTitle(title: string, subtitleLines: readonly string[]): Content {
  return {
    stack: [
      { text: pdfText(title), style: 'title' },
      ...subtitleLines.filter((l) => l !== '').map((l) => ({ text: pdfText(l), style: 'subtitle' })),
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 2, lineColor: colours.nhsBlue }], margin: [0, 8, 0, 0] },
    ],
    margin: [0, 0, 0, 12],
  };
}

/** A section: a blue heading (kept with what follows it), then its content. */
export function section(title: string, body: Content[]): Content {
  return {
    stack: [{ text: pdfText(title), style: 'sectionHeading', headlineLevel: 1, margin: [0, 14, 0, 6] }, ...body],
  };
}

export type FieldRow = readonly [label: string, value: string | Content];

/** Label and value pairs, two columns, light rules between rows. Rows never split across pages. */
export function fieldTable(rows: readonly FieldRow[], labelWidth = 150): ContentTable {
  return {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: true,
      body: rows.map(([label, value]): TableCell[] => [
        { text: pdfText(label), style: 'label' },
        typeof value === 'string' ? { text: pdfText(value) } : value,
      ]),
    },
    layout: fieldTableLayout,
  };
}

/** A table with a header row that repeats on each page. */
export function listTable(headers: readonly string[], rows: readonly (readonly string[])[], widths: Size[]): ContentTable {
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths,
      body: [headers.map((h) => ({ text: pdfText(h), style: 'tableHeader' })), ...rows.map((r) => r.map((c) => ({ text: pdfText(c) })))],
    },
    layout: listTableLayout,
  };
}

/** A bulleted list of user text. */
export function bullets(items: readonly string[]): Content {
  return { ul: items.map((i) => pdfText(i)), markerColor: colours.nhsBlue };
}

/** A framed, filled box that stays on one page: alerts, codes to copy. */
export function box(body: Content[], border: string, fill: string, borderWidth = 1.5): ContentTable {
  return {
    table: { widths: ['*'], body: [[{ stack: body }]] },
    layout: boxLayout(border, fill, borderWidth),
    unbreakable: true,
    margin: [0, 6, 0, 6],
  };
}

/** A red alert box for what must not be missed (a safeguarding concern). */
export function alertBox(heading: string, body: Content[]): ContentTable {
  return box([{ text: pdfText(heading), style: 'boxHeading', color: colours.red, fontSize: 12, margin: [0, 0, 0, 4] }, ...body], colours.red, colours.paleRed, 2.5);
}

/** A clinical code to copy into EMIS Web or SystmOne: the code large, the term beside it. */
export function codeBlock(code: string, term: string): Content {
  return {
    text: [
      { text: pdfText(code), style: 'code' },
      { text: `   |${pdfText(term)}|`, fontSize: 11, color: colours.text },
    ],
    margin: [0, 2, 0, 2],
  };
}

/** Keeps a heading from being the last line on a page. */
function keepHeadingsWithContent(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel !== 1) return false;
  const position = node.startPosition as { verticalRatio?: number } | undefined;
  return queries.getFollowingNodesOnPage().length === 0 || (position?.verticalRatio ?? 0) > 0.88;
}

export interface PageFrame {
  /** Document title, also the PDF's metadata title. */
  title: string;
  /** Who the document is about, repeated at the top of every page, e.g. "Jane Smith · NHS No. 999 000 0018". */
  runningHead: string;
  generatedAt: Date;
  generatedBy: string;
  /** The PDF's author metadata (the PCN or practice). */
  author: string;
}

/**
 * An A4 document with the protective marking and the patient's identifiers at the top of every
 * page, and the marking, page x of y and who generated it when at the foot.
 */
export function a4Document(frame: PageFrame, content: Content[]): TDocumentDefinitions {
  const generated = pdfText(generatedLine(frame.generatedAt, frame.generatedBy));
  return {
    pageSize: 'A4',
    pageMargins: [PAGE_MARGIN, 52, PAGE_MARGIN, 60],
    info: { title: pdfText(frame.title), author: pdfText(frame.author), creator: 'Signpost', producer: 'Signpost', creationDate: frame.generatedAt },
    language: 'en-GB',
    displayTitle: true,
    defaultStyle,
    styles,
    pageBreakBefore: keepHeadingsWithContent,
    header: () => ({
      columns: [
        { text: 'OFFICIAL-SENSITIVE', style: 'marking', width: 'auto' },
        { text: pdfText(frame.runningHead), style: 'small', alignment: 'right' },
      ],
      margin: [PAGE_MARGIN, 24, PAGE_MARGIN, 0],
    }),
    footer: (currentPage, pageCount) => ({
      margin: [PAGE_MARGIN, 14, PAGE_MARGIN, 0],
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: colours.border }], margin: [0, 0, 0, 4] },
        {
          columns: [
            { text: PROTECTIVE_MARKING, style: 'marking', width: '*' },
            { text: `Page ${currentPage} of ${pageCount}`, style: 'marking', alignment: 'right', width: 'auto' },
          ],
        },
        { text: generated, style: 'small', margin: [0, 2, 0, 0] },
      ],
    }),
    content,
  };
}
