import { plainText } from '../format';
import { correctionNotice, headings, type NewsletterContent, quoted, STORIES_NOTE } from './model';

/**
 * The plain-text alternative of the e-mail: what a reader without HTML sees and what a screen
 * reader's plain view reads, every figure and chart value included as text.
 */

const WIDTH = 72;

function wrap(text: string, indent = ''): string {
  return plainText(text)
    .split('\n')
    .map((line) => {
      const words = line.split(/ +/);
      const lines: string[] = [];
      let current = indent;
      for (const w of words) {
        if (current.trim() !== '' && current.length + w.length + 1 > WIDTH) {
          lines.push(current.trimEnd());
          current = indent;
        }
        current += (current.trim() === '' ? '' : ' ') + w;
      }
      lines.push(current.trimEnd());
      return lines.join('\n');
    })
    .join('\n');
}

function heading(text: string): string {
  const t = plainText(text).toUpperCase();
  return `${t}\n${'-'.repeat(Math.min(WIDTH, t.length))}`;
}

export function newsletterText(c: NewsletterContent): string {
  const out: string[] = [];
  const title = `${plainText(c.title)}: ${plainText(c.issueLabel)}`;
  out.push(`${title}\n${plainText(c.audience)}\n${'='.repeat(Math.min(WIDTH, title.length))}`);
  const correction = correctionNotice(c);
  if (correction) out.push(wrap(correction));
  if (plainText(c.editorial)) out.push(`${heading(headings.editorial)}\n${wrap(c.editorial)}`);

  const f = c.figures;
  const figureLines = f.tiles.map((t) => `- ${plainText(t.label)}: ${plainText(t.value)} (${plainText(t.note)})`);
  for (const chart of f.charts) {
    figureLines.push('', `${plainText(chart.title)}:`);
    if (chart.bars.length === 0) figureLines.push('- none this month');
    for (const b of chart.bars) figureLines.push(`- ${plainText(b.label)}: ${plainText(b.display)}`);
  }
  figureLines.push('', wrap(f.footnote));
  out.push(`${heading(`${headings.figures}: ${f.periodLabel}`)}\n${figureLines.join('\n')}`);

  if (c.stories.length) {
    const stories = c.stories.map((s) => {
      const parts = [`* ${plainText(s.title)}`, wrap(s.text)];
      if (quoted(s.quote)) parts.push(wrap(quoted(plainText(s.quote)), '    '));
      if (s.outcomes.length) parts.push(`What changed:\n${s.outcomes.map((o) => wrap(`- ${o}`)).join('\n')}`);
      return parts.join('\n\n');
    });
    out.push(`${heading(headings.stories)}\n${stories.join('\n\n')}\n\n${wrap(STORIES_NOTE)}`);
  }
  if (c.spotlight) {
    const s = c.spotlight;
    const parts = [`${plainText(s.name)}${s.organisation ? ` (${plainText(s.organisation)})` : ''}`];
    if (plainText(s.description)) parts.push(wrap(s.description));
    if (plainText(s.note)) parts.push(wrap(s.note));
    parts.push(s.details.map(([label, value]) => `${plainText(label)}: ${plainText(value).replace(/\n/g, '; ')}`).join('\n'));
    out.push(`${heading(headings.spotlight)}\n${parts.join('\n\n')}`);
  }
  if (c.linkWorker) out.push(`${heading(headings.linkWorker)}\n${plainText(c.linkWorker.name)}\n\n${wrap(c.linkWorker.text)}`);
  if (c.mdtDates.length) out.push(`${heading(headings.mdt)}\n${c.mdtDates.map((d) => `- ${plainText(d.date)}${plainText(d.note) ? `: ${plainText(d.note)}` : ''}`).join('\n')}`);
  out.push(
    `${heading(headings.howToRefer)}\n${wrap(c.howToRefer.text)}\n\nRecord in the clinical system (SNOMED CT): ${c.howToRefer.code} |${plainText(c.howToRefer.term)}|\n${wrap(c.howToRefer.rule)}`,
  );
  out.push(wrap(`${plainText(c.pcnName)} social prescribing service.`));
  return `${out.join('\n\n')}\n`;
}
