import { Document, HeadingLevel, Packer, Paragraph, type Table } from 'docx';
import type { Block, PrintDocument } from '../document';
import { plainText } from '../format';
import { A4, box, DOCX_FONT, docxColours, factsStrip, fieldTable, listTable, pageFooter, pageHeader, paragraph, paragraphs, runs } from './blocks';

function spacer(): Paragraph {
  return new Paragraph({ children: [], spacing: { after: 60 } });
}

function blockContent(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'fields':
      return [fieldTable(block.rows)];
    case 'text':
      return paragraphs(block.text, block.muted ? { italics: true, color: docxColours.secondaryText } : {});
    case 'bullets':
      return block.items.map((item) => new Paragraph({ children: runs(item), bullet: { level: 0 }, spacing: { after: 40 } }));
    case 'facts':
      return [
        factsStrip(
          block.facts.map((f) => ({
            label: f.label,
            value: f.value,
            fill: f.emphasis === 'alert' ? docxColours.paleRed : f.emphasis === 'warning' ? docxColours.paleYellow : docxColours.paleBlue,
            color: f.emphasis === 'alert' ? docxColours.red : docxColours.text,
          })),
        ),
        spacer(),
      ];
    case 'alert':
      return [
        box([paragraph(block.heading, { bold: true, size: 24, color: docxColours.red }), ...block.lines.map((l) => paragraph(l))], docxColours.red, docxColours.paleRed, 18),
        spacer(),
      ];
    case 'codes':
      return [
        box(
          [
            paragraph(block.heading, { bold: true, color: docxColours.nhsBlue }),
            ...block.codes.flatMap((c) => [
              new Paragraph({
                children: [...runs(c.code, { bold: true, size: 28, color: docxColours.darkBlue }), ...runs(`   |${c.term}|`)],
                spacing: { after: 40 },
              }),
              ...(c.rule ? [paragraph(c.rule)] : []),
            ]),
            ...block.notes.map((n) => paragraph(n, { size: 18, color: docxColours.secondaryText }, 40)),
          ],
          docxColours.nhsBlue,
          docxColours.paleBlue,
        ),
        spacer(),
      ];
    case 'table':
      return [listTable(block.headers, block.rows, block.widths)];
  }
}

/** A PrintDocument as a Word document (.docx bytes), A4, to edit or attach to the GP record. */
export async function printDocumentDocx(doc: PrintDocument): Promise<Buffer> {
  const document = new Document({
    title: plainText(doc.title),
    creator: plainText(doc.author),
    description: plainText(doc.title),
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: 21, color: docxColours.text } },
        title: { run: { font: DOCX_FONT, size: 40, bold: true, color: docxColours.nhsBlue } },
        heading2: { run: { font: DOCX_FONT, size: 26, bold: true, color: docxColours.nhsBlue }, paragraph: { spacing: { before: 280, after: 100 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin } } },
        headers: { default: pageHeader(doc.runningHead) },
        footers: { default: pageFooter(doc.generatedAt, doc.generatedBy) },
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title), spacing: { after: 60 } }),
          ...doc.subtitle.filter((l) => l !== '').map((l) => paragraph(l, { color: docxColours.secondaryText }, 20)),
          new Paragraph({ children: [], border: { bottom: { style: 'single', size: 16, color: docxColours.nhsBlue, space: 1 } }, spacing: { after: 200 } }),
          ...doc.lead.flatMap(blockContent),
          ...doc.sections.flatMap((s) => [new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(s.heading) }), ...s.blocks.flatMap(blockContent)]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
