/**
 * Splitting an import file into parts of about 200 rows, so each part is one call to main and the
 * screen can show progress and stop between parts. Main does the real reading; this only finds
 * where rows end (a line break outside double quotes) and numbers them as a spreadsheet does.
 */

export const ROWS_PER_CHUNK = 200;

export interface Chunk {
  content: string;
  /** Row number (CSV, header = row 1) or position (Open Referral UK, from 1) of the chunk's first row. */
  firstRow: number;
  /** Rows in the chunk that have something in them. */
  rows: number;
}

/** The CSV's records as raw text, a quoted line break staying inside its record. */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '\n' && !inQuotes) {
      records.push(text.slice(start, text[i - 1] === '\r' ? i - 1 : i));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
}

const isBlank = (record: string) => /^[\s,"]*$/.test(record);

export function csvChunks(text: string, size = ROWS_PER_CHUNK): { chunks: Chunk[]; totalRows: number } {
  const [header = '', ...rows] = csvRecords(text.replace(/^\uFEFF/, ''));
  const chunks: Chunk[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const part = rows.slice(i, i + size);
    const filled = part.filter((r) => !isBlank(r)).length;
    if (filled > 0) chunks.push({ content: [header, ...part].join('\r\n'), firstRow: i + 2, rows: filled });
  }
  if (chunks.length === 0) chunks.push({ content: header, firstRow: 2, rows: 0 });
  return { chunks, totalRows: chunks.reduce((n, c) => n + c.rows, 0) };
}

/** Open Referral UK JSON in parts; a file that is not a list of services goes whole, for main to explain. */
export function orukChunks(text: string, size = ROWS_PER_CHUNK): { chunks: Chunk[]; totalRows: number } {
  let services: unknown[] | undefined;
  try {
    const doc = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    if (Array.isArray(doc)) services = doc;
    else if (typeof doc === 'object' && doc !== null) {
      const page = doc as { content?: unknown; services?: unknown };
      if (Array.isArray(page.content)) services = page.content as unknown[];
      else if (Array.isArray(page.services)) services = page.services as unknown[];
    }
  } catch {
    services = undefined;
  }
  if (!services || services.length === 0) return { chunks: [{ content: text, firstRow: 1, rows: services?.length ?? 0 }], totalRows: 0 };
  const chunks: Chunk[] = [];
  for (let i = 0; i < services.length; i += size) {
    const part = services.slice(i, i + size);
    chunks.push({ content: JSON.stringify(part), firstRow: i + 1, rows: part.length });
  }
  return { chunks, totalRows: services.length };
}
