import MailComposer from 'nodemailer/lib/mail-composer';
import { plainText } from '../format';
import { newsletterHtml } from './html';
import { MASTHEAD_CID, mastheadPng } from './masthead';
import type { NewsletterContent } from './model';
import { newsletterText } from './text';

/**
 * An .eml draft that Outlook opens ready to address and send: `X-Unsent: 1` tells Outlook to open
 * it as a new message rather than a received one; no To or From, so Outlook fills the sender and
 * the manager types the recipients. The MIME is built by nodemailer's MailComposer (which sends
 * nothing): multipart/alternative with the plain text and, related to the HTML, the masthead
 * picture by Content-ID.
 */
export async function newsletterEml(c: NewsletterContent, at: Date): Promise<Buffer> {
  const composer = new MailComposer({
    subject: plainText(`${c.title}: ${c.issueLabel}, ${c.audience}`).replace(/\n/g, ' '),
    text: newsletterText(c),
    html: newsletterHtml(c, { mastheadSrc: `cid:${MASTHEAD_CID}` }),
    attachments: [{ filename: 'signpost.png', content: mastheadPng(), contentType: 'image/png', cid: MASTHEAD_CID, contentDisposition: 'inline' }],
    headers: { 'X-Unsent': '1' },
    date: at,
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
