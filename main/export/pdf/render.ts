import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { fontDictionary, isBundledFontFile } from './fonts';

type PdfMake = typeof import('pdfmake');

// pdfmake 0.3 exports one configured instance (module.exports = new pdfmake()); its methods live on
// the prototype, which an ES namespace import would not carry, so it is loaded with require.
const pdfmake = createRequire(__filename)('pdfmake') as PdfMake;

let configured = false;

/** Bundled fonts only; no URL is ever fetched; no local file but the fonts is ever read. */
function configure(): void {
  if (configured) return;
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(isBundledFontFile);
  configured = true;
}

/**
 * Lays out a pdfmake document definition and returns the PDF bytes. Images, attachments and
 * remote resources are refused by the policies above, so a document can carry nothing but text
 * and vector drawing.
 */
export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  configure();
  pdfmake.setFonts(fontDictionary());
  return pdfmake.createPdf(doc).getBuffer();
}
