import type { Content, TableCell } from 'pdfmake/interfaces';
import type { Block, PrintDocument } from '../document';
import { a4Document, alertBox, box, bullets, codeBlock, documentTitle, fieldTable, listTable, pdfText, section } from './blocks';
import { renderPdf } from './render';
import { colours } from './styles';

function percentages(weights: readonly number[]): string[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => `${((w / total) * 100).toFixed(2)}%`);
}

function factsStrip(block: Extract<Block, { kind: 'facts' }>): Content {
  const cells: TableCell[] = block.facts.map((f) => ({
    stack: [
      { text: pdfText(f.label), style: 'small' },
      { text: pdfText(f.value), bold: true, fontSize: 11, color: f.emphasis === 'alert' ? colours.red : colours.text },
    ],
    fillColor: f.emphasis === 'alert' ? colours.paleRed : f.emphasis === 'warning' ? colours.paleYellow : colours.paleBlue,
  }));
  return {
    table: { widths: block.facts.map(() => '*'), body: [cells] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i, node) => (i === 0 || i === (node.table.widths?.length ?? 0) ? 0 : 3),
      vLineColor: () => colours.white,
      paddingLeft: () => 8,
      paddingRight: () => 8,
      paddingTop: () => 6,
      paddingBottom: () => 6,
    },
    margin: [0, 0, 0, 4],
  };
}

function blockContent(block: Block): Content {
  switch (block.kind) {
    case 'fields':
      return fieldTable(block.rows);
    case 'text':
      return { text: pdfText(block.text), style: block.muted ? 'muted' : undefined, margin: [0, 0, 0, 4] };
    case 'bullets':
      return bullets(block.items);
    case 'facts':
      return factsStrip(block);
    case 'alert':
      return alertBox(block.heading, block.lines.map((l) => ({ text: pdfText(l), margin: [0, 1, 0, 1] })));
    case 'codes':
      return box(
        [
          { text: pdfText(block.heading), style: 'boxHeading', color: colours.nhsBlue, margin: [0, 0, 0, 4] },
          ...block.codes.flatMap((c): Content[] => [
            codeBlock(c.code, c.term),
            ...(c.rule ? [{ text: pdfText(c.rule), margin: [0, 0, 0, 6] } as Content] : []),
          ]),
          ...block.notes.map((n): Content => ({ text: pdfText(n), style: 'small', fontSize: 9 })),
        ],
        colours.nhsBlue,
        colours.paleBlue,
      );
    case 'table':
      return listTable(block.headers, block.rows, percentages(block.widths));
  }
}

/** A PrintDocument as A4 PDF bytes. */
export function printDocumentPdf(doc: PrintDocument): Promise<Buffer> {
  const content: Content[] = [
    documentTitle(doc.title, doc.subtitle),
    ...doc.lead.map(blockContent),
    ...doc.sections.map((s) => section(s.heading, s.blocks.map(blockContent))),
  ];
  return renderPdf(
    a4Document({ title: doc.title, runningHead: doc.runningHead, author: doc.author, generatedAt: doc.generatedAt, generatedBy: doc.generatedBy }, content),
  );
}
