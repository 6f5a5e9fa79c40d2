import type { Content, Node, NodeQueries, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Figures } from '../../contract/newsletter';
import { plainText, ukDateTime } from '../format';
import { box, bullets, CONTENT_WIDTH, documentTitle, fieldTable, pdfText, section } from '../pdf/blocks';
import { renderPdf } from '../pdf/render';
import { colours, defaultStyle, styles } from '../pdf/styles';
import { correctionNotice, headings, type NewsletterContent, quoted, STORIES_NOTE } from './model';

/**
 * The newsletter as an A4 PDF to print, drawn with the shared PDF building blocks (bundled Roboto,
 * no images, no file or URL access). Charts are vector bars. The page frame is the newsletter's own:
 * it carries no patient, so it has no patient marking, only the issue and the page number.
 */

const BAR_WIDTH = 230;

function paragraphs(value: string, extra: Record<string, unknown> = {}): Content[] {
  return plainText(value)
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => ({ text: pdfText(p), margin: [0, 0, 0, 6], ...extra }) as Content);
}

function tiles(f: Figures): Content {
  const cells = f.tiles.map((t) => ({
    stack: [
      { text: pdfText(t.label), style: 'small', fontSize: 8.5 },
      { text: pdfText(t.value), bold: true, fontSize: 13, color: colours.darkBlue, margin: [0, 2, 0, 2] },
      { text: pdfText(t.note), style: 'small' },
    ],
    fillColor: colours.paleBlue,
  }));
  return {
    table: { widths: cells.map(() => '*'), body: [cells] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number, node: { table: { widths?: unknown[] } }) => (i === 0 || i === (node.table.widths?.length ?? 0) ? 0 : 3),
      vLineColor: () => colours.white,
      paddingLeft: () => 6,
      paddingRight: () => 6,
      paddingTop: () => 6,
      paddingBottom: () => 6,
    },
    margin: [0, 0, 0, 8],
  } as Content;
}

function chart(c: Figures['charts'][number]): Content {
  const max = Math.max(1, ...c.bars.map((b) => b.value ?? 0));
  const rows: Content[] = c.bars.map((b) => {
    const length = b.value === null || b.value === 0 ? 0 : Math.max(3, (b.value / max) * BAR_WIDTH);
    return {
      columns: [
        { text: pdfText(b.label), width: 170, fontSize: 9 },
        length > 0
          ? { canvas: [{ type: 'rect', x: 0, y: 1.5, w: length, h: 9, color: colours.nhsBlue }], width: BAR_WIDTH + 6 }
          : { text: '', width: BAR_WIDTH + 6 },
        { text: pdfText(b.display), width: '*', bold: true, fontSize: 9 },
      ],
      margin: [0, 1, 0, 1],
    } as Content;
  });
  return {
    stack: [{ text: pdfText(c.title), bold: true, margin: [0, 8, 0, 4] }, ...(rows.length ? rows : [{ text: 'No referrals this month.', style: 'muted' } as Content])],
    unbreakable: true,
  } as Content;
}

function storyContent(s: NewsletterContent['stories'][number]): Content {
  const parts: Content[] = [{ text: pdfText(s.title), fontSize: 12, bold: true, color: colours.darkBlue, margin: [0, 6, 0, 4] }, ...paragraphs(s.text)];
  if (quoted(s.quote)) parts.push(box(paragraphs(quoted(s.quote), { italics: true, color: colours.darkBlue }), colours.paleBlue, colours.paleBlue, 0.5));
  if (s.outcomes.length) parts.push({ text: 'What changed', bold: true, margin: [0, 2, 0, 2] }, bullets(s.outcomes));
  return { stack: parts, margin: [0, 0, 0, 8] };
}

function keepHeadingsWithContent(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel !== 1) return false;
  const position = node.startPosition as { verticalRatio?: number } | undefined;
  return queries.getFollowingNodesOnPage().length === 0 || (position?.verticalRatio ?? 0) > 0.85;
}

function definition(c: NewsletterContent): TDocumentDefinitions {
  const content: Content[] = [documentTitle(c.title, [`${c.issueLabel} · ${c.audience}`])];
  const correction = correctionNotice(c);
  if (correction) content.push(box([{ text: pdfText(correction), bold: true, margin: [0, 0, 0, 0] } as Content], colours.warmYellow, '#FFF6DC', 2));
  if (plainText(c.editorial)) content.push(section(headings.editorial, paragraphs(c.editorial)));
  content.push(
    section(`${headings.figures}: ${c.figures.periodLabel}`, [
      tiles(c.figures),
      ...c.figures.charts.map(chart),
      { text: pdfText(c.figures.footnote), style: 'small', fontSize: 8, margin: [0, 8, 0, 0] },
    ]),
  );
  if (c.stories.length) content.push(section(headings.stories, [...c.stories.map(storyContent), { text: pdfText(STORIES_NOTE), style: 'small' }]));
  if (c.spotlight) {
    const s = c.spotlight;
    content.push(
      section(headings.spotlight, [
        { text: pdfText(s.organisation ? `${s.name} · ${s.organisation}` : s.name), fontSize: 12, bold: true, color: colours.darkBlue, margin: [0, 0, 0, 4] },
        ...paragraphs(s.description),
        ...paragraphs(s.note),
        ...(s.details.length ? [fieldTable(s.details, 130)] : []),
      ]),
    );
  }
  if (c.linkWorker) content.push(section(headings.linkWorker, [{ text: pdfText(c.linkWorker.name), bold: true, margin: [0, 0, 0, 4] }, ...paragraphs(c.linkWorker.text)]));
  if (c.mdtDates.length) content.push(section(headings.mdt, [fieldTable(c.mdtDates.map((d) => [d.date, d.note] as const), 130)]));
  content.push(
    section(headings.howToRefer, [
      ...paragraphs(c.howToRefer.text),
      box(
        [
          { text: 'Record in the clinical system (SNOMED CT)', style: 'small' },
          { text: [{ text: pdfText(c.howToRefer.code), style: 'code' }, { text: `   |${pdfText(c.howToRefer.term)}|` }], margin: [0, 2, 0, 2] },
          { text: pdfText(c.howToRefer.rule) },
        ],
        colours.nhsBlue,
        colours.paleBlue,
      ),
    ]),
  );

  const foot = pdfText(`${c.pcnName} social prescribing service · ${c.issueLabel} · made ${ukDateTime(c.generatedAt)}`);
  return {
    pageSize: 'A4',
    pageMargins: [40, 44, 40, 56],
    info: { title: pdfText(`${c.title}: ${c.issueLabel}`), author: pdfText(c.pcnName), creator: 'Signpost', producer: 'Signpost', creationDate: new Date(c.generatedAt) },
    language: 'en-GB',
    displayTitle: true,
    defaultStyle: { ...defaultStyle, fontSize: 10.5 },
    styles,
    pageBreakBefore: keepHeadingsWithContent,
    header: () => ({ text: pdfText(`${c.title} · ${c.issueLabel}`), style: 'small', alignment: 'right', margin: [40, 22, 40, 0] }),
    footer: (currentPage, pageCount) => ({
      margin: [40, 12, 40, 0],
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: colours.border }], margin: [0, 0, 0, 4] },
        { columns: [{ text: foot, style: 'small', width: '*' }, { text: `Page ${currentPage} of ${pageCount}`, style: 'small', alignment: 'right', width: 'auto' }] },
      ],
    }),
    content,
  };
}

export function newsletterPdf(c: NewsletterContent): Promise<Buffer> {
  return renderPdf(definition(c));
}
