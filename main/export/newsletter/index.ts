import type { ExportFormat } from '../../contract/newsletter';
import { newsletterDocx } from './docx';
import { newsletterEml } from './eml';
import { newsletterHtml } from './html';
import { mastheadPng } from './masthead';
import type { NewsletterContent } from './model';
import { newsletterPdf } from './pdf';

export { arrowsInWords, NewsletterContent, headings, quoted, STORIES_NOTE } from './model';
export { newsletterHtml } from './html';
export { newsletterText } from './text';

export const newsletterMimeTypes: Readonly<Record<ExportFormat, string>> = {
  html: 'text/html;charset=utf-8',
  eml: 'message/rfc822',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The masthead as a data: URL, for the HTML file and the preview (an e-mail uses cid instead). */
export function mastheadDataUrl(): string {
  return `data:image/png;base64,${mastheadPng().toString('base64')}`;
}

/** The issue in one of the four formats a practice sends or prints. */
export async function renderNewsletter(content: NewsletterContent, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(newsletterHtml(content, { mastheadSrc: mastheadDataUrl() }), 'utf8');
    case 'eml':
      return newsletterEml(content, new Date(content.generatedAt));
    case 'pdf':
      return newsletterPdf(content);
    case 'docx':
      return newsletterDocx(content);
  }
}
