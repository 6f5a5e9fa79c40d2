import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TFontDictionary } from 'pdfmake/interfaces';

/**
 * The Roboto fonts that ship inside the pdfmake package: no download, no system font lookup, the
 * same glyphs on a locked-down NHS PC, in the tests and on the admin command line.
 */
const packageRoot = dirname(createRequire(__filename).resolve('pdfmake/package.json'));
const robotoDir = join(packageRoot, 'fonts', 'Roboto');

export const FONT_FAMILY = 'Roboto';

export const fontFiles = {
  normal: join(robotoDir, 'Roboto-Regular.ttf'),
  bold: join(robotoDir, 'Roboto-Medium.ttf'),
  italics: join(robotoDir, 'Roboto-Italic.ttf'),
  bolditalics: join(robotoDir, 'Roboto-MediumItalic.ttf'),
} as const;

/** A fresh dictionary each time: pdfmake rewrites the one it is given while resolving fonts. */
export function fontDictionary(): TFontDictionary {
  return { [FONT_FAMILY]: { ...fontFiles } };
}

/** The only local files a document may read. */
export function isBundledFontFile(path: string): boolean {
  return (Object.values(fontFiles) as string[]).includes(path);
}

// ---------------------------------------------------------------- characters the font can draw

interface FontkitFont {
  characterSet: number[];
}
interface Fontkit {
  openSync(path: string): FontkitFont;
}

let covered: ReadonlySet<number> | null = null;

/** The code points bundled Roboto has glyphs for (all four styles share one character set). */
function coverage(): ReadonlySet<number> {
  if (covered) return covered;
  // fontkit is what pdfkit (under pdfmake) reads fonts with; it is loaded from pdfkit's own place.
  const fromPdfkit = createRequire(createRequire(__filename).resolve('pdfkit'));
  const fontkit = fromPdfkit('fontkit') as Fontkit;
  covered = new Set(fontkit.openSync(fontFiles.normal).characterSet);
  return covered;
}

/** Readable stand-ins for common characters the font lacks. */
const SUBSTITUTES: Readonly<Record<string, string>> = {
  '→': '->',
  '⟶': '->',
  '⇒': '=>',
  '←': '<-',
  '⟵': '<-',
  '⇐': '<=',
  '↔': '<->',
  '↑': '^',
  '↓': 'v',
  '✓': '(tick)',
  '✔': '(tick)',
  '☑': '(tick)',
  '✗': '(cross)',
  '✘': '(cross)',
  '☒': '(cross)',
  '★': '*',
  '☆': '*',
};

/** Zero-width spaces and joiners, direction marks, variation selectors: invisible, and absent from the font. */
function invisible(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200f) || cp === 0x2060 || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/**
 * Text the bundled font can draw in full: composed to NFC, common symbols it lacks written out
 * (→ becomes ->), invisible joiners dropped, and anything else it lacks (emoji, scripts Roboto does
 * not cover) shown as � rather than as an empty box or nothing at all. Line breaks are kept.
 */
export function drawable(value: string): string {
  const chars = coverage();
  let out = '';
  for (const ch of value.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\n' || chars.has(cp)) out += ch;
    else if (SUBSTITUTES[ch] !== undefined) out += SUBSTITUTES[ch];
    else if (invisible(cp)) continue;
    else if (cp === 0x20 || cp === 0xa0) out += ' ';
    else out += '\uFFFD';
  }
  return out;
}
