import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../contract/errors';
import { reasonLabels } from '../contract/referrals';
import type { Service } from '../contract/directory';
import { emptyRaw, type RawService } from './fields';

/** The columns the export writes and the import reads, in this order. */
export const CSV_COLUMNS = [
  'name', 'organisation', 'categories', 'tags', 'description', 'eligibility', 'how_to_refer', 'phone', 'email', 'website',
  'address', 'postcode', 'opening_times', 'cost', 'cost_note', 'last_checked',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

/** Other names a practice's own spreadsheet may use for a column. */
const aliases: Readonly<Record<string, Column>> = {
  service: 'name', service_name: 'name', organization: 'organisation', provider: 'organisation', category: 'categories',
  tag: 'tags', keywords: 'tags', who_can_use_it: 'eligibility', eligibility_criteria: 'eligibility', referral: 'how_to_refer',
  referral_route: 'how_to_refer', telephone: 'phone', phone_number: 'phone', tel: 'phone', e_mail: 'email', email_address: 'email',
  web: 'website', url: 'website', web_address: 'website', post_code: 'postcode', opening_hours: 'opening_times', hours: 'opening_times',
  costs: 'cost', cost_notes: 'cost_note', last_checked_date: 'last_checked', date_checked: 'last_checked', checked: 'last_checked',
};

function columnFor(header: string): Column | undefined {
  const key = header.normalize('NFKC').trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  return (CSV_COLUMNS as readonly string[]).includes(key) ? (key as Column) : aliases[key];
}

export interface CsvRecord {
  /** The row as a spreadsheet numbers it (the header is row 1). */
  row: number;
  raw: RawService;
  /** A problem with the row's shape, found before its values are looked at. */
  shapeProblem?: string;
}

/** Spreadsheets refuse to run a cell that starts with one of these if it is written with a ' in front. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Takes off the ' the export put in front of a value that would otherwise start a formula. */
function unguard(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

function guard(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const splitList = (value: string) => value.split(';').map((v) => v.trim()).filter(Boolean);

/**
 * Reads CSV text into one record per data row. `firstRow` is the row number of the first data row
 * (2 for a whole file; larger for a later chunk of it). Blank rows count as rows but give no record.
 */
export function readCsv(content: string, firstRow = 2): { records: CsvRecord[]; ignoredColumns: string[] } {
  let table: string[][];
  try {
    table = parse(content, { bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    if (error instanceof CsvError) {
      const row = firstRow + Math.max(0, ((error as CsvError & { records?: number }).records ?? 1) - 1);
      const message =
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? `Row ${row}: a value starts with a double quote (") that is never closed, so the rest of the file cannot be read. Check that row, then import again.`
          : `The file could not be read as CSV near row ${row}. Save it from your spreadsheet as “CSV UTF-8”, then import again.`;
      throw new AppError('VALIDATION', message, { content: [message] });
    }
    throw error;
  }
  const [header, ...rows] = table;
  const columns = (header ?? []).map(columnFor);
  if (!columns.includes('name')) {
    const message = 'The first row of the file must name the columns, and one must be called “name”. Download an export to see the columns Signpost reads.';
    throw new AppError('VALIDATION', message, { content: [message] });
  }
  const ignoredColumns = (header ?? []).filter((h, i) => columns[i] === undefined && h.trim() !== '');
  const records: CsvRecord[] = [];
  rows.forEach((cells, i) => {
    if (cells.every((c) => c.trim() === '')) return;
    const raw = emptyRaw();
    columns.forEach((column, c) => {
      const value = unguard(cells[c] ?? '').trim();
      if (column === undefined || value === '') return;
      if (column === 'categories') raw.categories.push(...splitList(value));
      else if (column === 'tags') raw.tags.push(...splitList(value));
      else raw[fieldOf[column]] = value;
    });
    const record: CsvRecord = { row: firstRow + i, raw };
    const extra = cells.slice(columns.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      record.shapeProblem = `has ${cells.length} values but the first row names ${columns.length} columns; a value with a comma in it needs double quotes around it`;
    }
    records.push(record);
  });
  return { records, ignoredColumns };
}

const fieldOf: Readonly<Record<Exclude<Column, 'categories' | 'tags'>, Exclude<keyof RawService, 'categories' | 'tags'>>> = {
  name: 'name', organisation: 'organisation', description: 'description', eligibility: 'eligibility', how_to_refer: 'howToRefer',
  phone: 'phone', email: 'email', website: 'website', address: 'address', postcode: 'postcode', opening_times: 'openingTimes',
  cost: 'cost', cost_note: 'costNote', last_checked: 'lastChecked',
};

const costWords = { free: 'free', low_cost: 'low cost', paid: 'paid' } as const;
const referWords = { signpost: 'signpost', direct_referral: 'direct referral' } as const;

function ukDate(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** The services as CSV that Excel opens as UTF-8 (with a byte-order mark) and the import reads back. */
export function writeCsv(services: readonly Service[]): string {
  const rows = services.map((s) => {
    const values: Record<Column, string> = {
      name: s.name,
      organisation: s.organisation,
      categories: s.categories.map((c) => reasonLabels[c]).join('; '),
      tags: s.tags.join('; '),
      description: s.description,
      eligibility: s.eligibility,
      how_to_refer: referWords[s.howToRefer],
      phone: s.phone,
      email: s.email,
      website: s.website,
      address: s.address,
      postcode: s.postcode,
      opening_times: s.openingTimes,
      cost: s.cost ? costWords[s.cost] : '',
      cost_note: s.costNote,
      last_checked: ukDate(s.lastChecked),
    };
    return CSV_COLUMNS.map((c) => guard(values[c]));
  });
  return stringify([[...CSV_COLUMNS], ...rows], { bom: true, record_delimiter: 'windows' });
}
