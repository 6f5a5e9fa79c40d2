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
