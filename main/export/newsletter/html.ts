import type { Figures } from '../../contract/newsletter';
import { plainText } from '../format';
import { correctionNotice, headings, type NewsletterContent, quoted, STORIES_NOTE } from './model';

/**
 * The newsletter as an HTML e-mail that Outlook on Windows renders (its Word engine): table layout
 * 600 px wide, every style inline, no CSS classes, no scripts, no web fonts, no background images.
 * Charts are table rows whose coloured cell is as wide as the bar: Outlook draws table widths and
 * cell colours faithfully, the numbers stay real text (read by screen readers, shown with pictures
 * blocked, repeated in the plain-text part), and no chart picture is needed at all.
 *
 * Every piece of text goes through esc(): nothing a person typed can become markup.
 */

/** Text made safe for HTML element content and attribute values. */
export function esc(value: string): string {
  return plainText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const C = {
  blue: '#005EB8',
  darkBlue: '#003087',
  paleBlue: '#E8F1F8',
  text: '#212B32',
  secondary: '#4C6272',
  border: '#D8DDE0',
  page: '#F0F4F5',
  white: '#FFFFFF',
} as const;

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const BODY = `${FONT}font-size:15px;line-height:22px;color:${C.text};`;

/** Paragraphs from text: a blank line starts a paragraph, a single line break stays a line break. */
function paras(value: string, style = BODY): string {
  return plainText(value)
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p style="margin:0 0 12px 0;${style}">${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function heading(text: string): string {
  return `<h2 style="margin:0 0 12px 0;${FONT}font-size:20px;line-height:26px;font-weight:bold;color:${C.blue};">${esc(text)}</h2>`;
}

function row(inner: string, padding = '20px 28px'): string {
  return `<tr><td style="padding:${padding};border-bottom:1px solid ${C.border};">${inner}</td></tr>`;
}

function tiles(figures: Figures): string {
  const cells = figures.tiles.map(
    (t) =>
      `<tr><td style="padding:8px 12px;background-color:${C.paleBlue};border-bottom:2px solid ${C.white};" bgcolor="${C.paleBlue}">` +
      `<p style="margin:0;${FONT}font-size:13px;line-height:18px;color:${C.secondary};">${esc(t.label)}</p>` +
      `<p style="margin:0;${FONT}font-size:20px;line-height:26px;font-weight:bold;color:${C.darkBlue};">${esc(t.value)}</p>` +
      `<p style="margin:0;${FONT}font-size:12px;line-height:16px;color:${C.secondary};">${esc(t.note)}</p></td></tr>`,
  );
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${cells.join('')}</table>`;
}

function chart(c: Figures['charts'][number]): string {
  const max = Math.max(1, ...c.bars.map((b) => b.value ?? 0));
  const bars = c.bars.map((b) => {
    const pct = b.value === null || b.value === 0 ? 0 : Math.max(2, Math.round((b.value / max) * 100));
    const bar =
      pct > 0
        ? `<table role="presentation" width="${pct}%" cellpadding="0" cellspacing="0" border="0" style="width:${pct}%;border-collapse:collapse;"><tr><td height="14" bgcolor="${C.blue}" style="height:14px;background-color:${C.blue};font-size:1px;line-height:1px;">&nbsp;</td></tr></table>`
        : '&nbsp;';
    return (
      `<tr><td width="34%" style="width:34%;padding:3px 8px 3px 0;${FONT}font-size:13px;line-height:18px;color:${C.text};">${esc(b.label)}</td>` +
      `<td width="46%" style="width:46%;padding:3px 0;">${bar}</td>` +
      `<td width="20%" style="width:20%;padding:3px 0 3px 8px;${FONT}font-size:13px;line-height:18px;font-weight:bold;color:${C.text};">${esc(b.display)}</td></tr>`
    );
  });
  const body = bars.length ? bars.join('') : `<tr><td style="${FONT}font-size:13px;color:${C.secondary};">No referrals this month.</td></tr>`;
  return (
    `<p style="margin:16px 0 6px 0;${FONT}font-size:15px;line-height:20px;font-weight:bold;color:${C.text};">${esc(c.title)}</p>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${body}</table>`
  );
}

function figuresSection(f: Figures): string {
  return row(
    heading(`${headings.figures}: ${f.periodLabel}`) +
      tiles(f) +
      f.charts.map(chart).join('') +
      `<p style="margin:14px 0 0 0;${FONT}font-size:12px;line-height:17px;color:${C.secondary};">${esc(f.footnote)}</p>`,
  );
}

function story(s: NewsletterContent['stories'][number]): string {
  const quote = quoted(s.quote)
    ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:4px 0 12px 0;"><tr>` +
      `<td width="4" bgcolor="${C.blue}" style="width:4px;background-color:${C.blue};">&nbsp;</td>` +
      `<td style="padding:6px 12px;background-color:${C.paleBlue};" bgcolor="${C.paleBlue}">${paras(quoted(s.quote), `${BODY}font-style:italic;color:${C.darkBlue};`)}</td></tr></table>`
    : '';
  const outcomes = s.outcomes.length
    ? `<p style="margin:0 0 4px 0;${FONT}font-size:14px;font-weight:bold;color:${C.text};">What changed</p><ul style="margin:0 0 8px 20px;padding:0;">${s.outcomes
        .map((o) => `<li style="${BODY}margin:0 0 4px 0;">${esc(o)}</li>`)
        .join('')}</ul>`
    : '';
  return `<h3 style="margin:0 0 8px 0;${FONT}font-size:17px;line-height:23px;font-weight:bold;color:${C.darkBlue};">${esc(s.title)}</h3>${paras(s.text)}${quote}${outcomes}`;
}

function details(rows: readonly (readonly [string, string])[]): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${rows
    .map(
      ([label, value]) =>
        `<tr><td width="32%" valign="top" style="width:32%;padding:4px 8px 4px 0;${FONT}font-size:14px;line-height:20px;font-weight:bold;color:${C.secondary};">${esc(label)}</td>` +
        `<td valign="top" style="padding:4px 0;${FONT}font-size:14px;line-height:20px;color:${C.text};">${esc(value).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('')}</table>`;
}

export interface HtmlOptions {
  /** The masthead picture's address: "cid:…" in the .eml, a data: URL in the HTML file and the preview. */
  mastheadSrc: string;
}

/** The whole e-mail body, a complete HTML document. */
export function newsletterHtml(c: NewsletterContent, options: HtmlOptions): string {
  const sections: string[] = [];
  const correction = correctionNotice(c);
  if (correction) {
    sections.push(row(`<p style="margin:0;padding:10px 14px;border-left:4px solid #FFB81C;background-color:#FFF6DC;${BODY}font-weight:bold;" bgcolor="#FFF6DC">${esc(correction)}</p>`));
  }
  if (plainText(c.editorial)) sections.push(row(heading(headings.editorial) + paras(c.editorial)));
  sections.push(figuresSection(c.figures));
  if (c.stories.length) {
    sections.push(
      row(
        heading(headings.stories) +
          c.stories.map(story).join(`<hr style="border:0;border-top:1px solid ${C.border};margin:16px 0;">`) +
          `<p style="margin:8px 0 0 0;${FONT}font-size:12px;line-height:17px;color:${C.secondary};">${esc(STORIES_NOTE)}</p>`,
      ),
    );
  }
  if (c.spotlight) {
    const s = c.spotlight;
    sections.push(
      row(
        heading(headings.spotlight) +
          `<h3 style="margin:0 0 6px 0;${FONT}font-size:17px;line-height:23px;font-weight:bold;color:${C.darkBlue};">${esc(s.name)}${s.organisation ? `<span style="font-weight:normal;color:${C.secondary};"> · ${esc(s.organisation)}</span>` : ''}</h3>` +
          paras(s.description) +
          paras(s.note) +
          details(s.details),
      ),
    );
  }
  if (c.linkWorker) sections.push(row(heading(headings.linkWorker) + `<h3 style="margin:0 0 6px 0;${FONT}font-size:17px;font-weight:bold;color:${C.darkBlue};">${esc(c.linkWorker.name)}</h3>` + paras(c.linkWorker.text)));
  if (c.mdtDates.length) sections.push(row(heading(headings.mdt) + details(c.mdtDates.map((d) => [d.date, d.note] as const))));
  sections.push(
    row(
      heading(headings.howToRefer) +
        paras(c.howToRefer.text) +
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr><td style="padding:10px 14px;border:2px solid ${C.blue};background-color:${C.paleBlue};" bgcolor="${C.paleBlue}">` +
        `<p style="margin:0 0 4px 0;${FONT}font-size:13px;color:${C.secondary};">Record in the clinical system (SNOMED CT)</p>` +
        `<p style="margin:0 0 4px 0;${FONT}font-size:18px;line-height:24px;font-weight:bold;color:${C.darkBlue};">${esc(c.howToRefer.code)} <span style="font-weight:normal;font-size:14px;color:${C.text};">|${esc(c.howToRefer.term)}|</span></p>` +
        `<p style="margin:0;${FONT}font-size:13px;line-height:18px;color:${C.text};">${esc(c.howToRefer.rule)}</p></td></tr></table>`,
    ),
  );

  return (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">' +
    '<html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">' +
    `<title>${esc(`${c.title}: ${c.issueLabel}`)}</title></head>` +
    `<body style="margin:0;padding:0;background-color:${C.page};">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="${C.page}" style="background-color:${C.page};"><tr><td align="center" style="padding:16px 8px;">` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" bgcolor="${C.white}" style="width:600px;max-width:600px;background-color:${C.white};border-collapse:collapse;">` +
    `<tr><td bgcolor="${C.blue}" style="padding:18px 28px;background-color:${C.blue};">` +
    `<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td valign="middle" style="padding-right:14px;"><img src="${esc(options.mastheadSrc)}" width="48" height="48" alt="" style="display:block;border:0;width:48px;height:48px;"></td>` +
    `<td valign="middle"><h1 style="margin:0;${FONT}font-size:24px;line-height:30px;font-weight:bold;color:${C.white};">${esc(c.title)}</h1>` +
    `<p style="margin:2px 0 0 0;${FONT}font-size:15px;line-height:20px;color:${C.white};">${esc(c.issueLabel)} · ${esc(c.audience)}</p></td></tr></table></td></tr>` +
    sections.join('') +
    `<tr><td style="padding:14px 28px;${FONT}font-size:12px;line-height:17px;color:${C.secondary};">${esc(c.pcnName)} social prescribing service. ${esc(STORIES_NOTE)}</td></tr>` +
    '</table></td></tr></table></body></html>'
  );
}
