import { z } from 'zod';
import { Figures } from '../../contract/newsletter';

/**
 * One issue of the newsletter as plain data: what every writer (HTML e-mail, plain text, .eml, PDF,
 * DOCX) draws, and what a final issue keeps for ever as it was sent. Every string is plain text
 * typed by a person or made by the app; writers escape it for their format and never interpret it.
 */
export const NewsletterContent = z.object({
  title: z.string(),
  /** "June 2026" */
  issueLabel: z.string(),
  /** The practice, or the PCN for a PCN-wide issue. */
  audience: z.string(),
  pcnName: z.string(),
  editorial: z.string(),
  figures: Figures,
  stories: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      text: z.string(),
      quote: z.string(),
      /** One line each. */
      outcomes: z.array(z.string()),
    }),
  ),
  spotlight: z
    .object({
      name: z.string(),
      organisation: z.string(),
      description: z.string(),
      /** Label and value: how to refer, phone, opening times … */
      details: z.array(z.tuple([z.string(), z.string()])),
      note: z.string(),
    })
    .nullable(),
  linkWorker: z.object({ name: z.string(), text: z.string() }).nullable(),
  mdtDates: z.array(z.object({ date: z.string(), note: z.string() })),
  howToRefer: z.object({ text: z.string(), code: z.string(), term: z.string(), rule: z.string() }),
  generatedAt: z.string(),
  generatedBy: z.string(),
  /** A correction of an issue already sent: which version this is, what it replaces and what changed (absent from issues kept before corrections existed). */
  correction: z
    .object({ version: z.number().int(), replaces: z.string(), note: z.string() })
    .nullable()
    .default(null),
});
export type NewsletterContent = z.infer<typeof NewsletterContent>;

/** Section headings, the same in every format. */
export const headings = {
  editorial: 'From the editor',
  figures: 'This month in numbers',
  stories: 'Stories of support',
  spotlight: 'Service spotlight',
  linkWorker: 'Meet your link worker',
  mdt: 'Upcoming MDT meetings',
  howToRefer: 'How to refer',
} as const;

/** The sentence under every issue: why the stories can be shared. */
export const STORIES_NOTE = 'Stories are shared with the consent of the people they are about. Names and details that could identify anyone have been changed or left out.';

/** The banner at the top of a corrected issue, the same in every format. */
export function correctionNotice(c: NewsletterContent): string | null {
  if (!c.correction) return null;
  return `Correction (version ${c.correction.version}): this issue replaces ${c.correction.replaces}. What changed: ${c.correction.note}`;
}

const QUOTE_MARKS = /^[\s"“”„‘’'«»]+|[\s"“”„‘’'«»]+$/g;

/**
 * A quote between curly quotation marks, once: the marks a writer typed around it are taken off
 * first, so "I sing again" never comes out as “"I sing again"”.
 */
export function quoted(quote: string): string {
  const bare = quote.trim().replace(QUOTE_MARKS, '');
  return bare === '' ? '' : `“${bare}”`;
}

/**
 * Arrows in words, for a newsletter read on paper too (the PDF font has no arrow, and "->" reads
 * badly): "19.3 → 24.1" becomes "19.3 to 24.1".
 */
export function arrowsInWords(text: string): string {
  return text.replace(/[ \t]*(?:→|⟶|->|=>)[ \t]*/g, ' to ');
}
