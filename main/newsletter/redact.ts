import type { FindingKind } from '../contract/newsletter';
import type { Db } from '../store/database';
import { checkContext } from './check';
import { type RawFinding, scanText } from './deidentify';

/**
 * The de-identification check for documents circulated less securely than the record (the redacted
 * MDT agenda): every free-text field goes through the same check as a newsletter story, and what it
 * finds is replaced or dropped. Names, places, addresses and ages take the check's own fix where it
 * has one ("her son Gary" → "her son", "lives at 14 Beech Grove" → "lives nearby"); contact details,
 * dates of birth and the rest are replaced by a plain marker, so the team knows something was there
 * and finds it in the full agenda. A plain date ("before 3 March") is kept: the team needs it, and
 * on its own it points to nobody.
 */

const markers: Readonly<Record<FindingKind, string>> = {
  own_name: '[name removed]',
  other_name: '[name removed]',
  name: '[name removed]',
  nhs_number: '[NHS number removed]',
  date_of_birth: '[date of birth removed]',
  date: '',
  age: '[age removed]',
  phone: '[phone number removed]',
  email: '[e-mail address removed]',
  postcode: '[postcode removed]',
  address: '[address removed]',
  place: '[place removed]',
};

const MARKED: ReadonlySet<FindingKind> = new Set(['nhs_number', 'phone', 'email', 'postcode', 'date_of_birth']);

/** The edit a finding makes in a redacted document, or null to keep the words (a plain date). */
function edit(f: RawFinding): { start: number; end: number; with: string } | null {
  if (f.kind === 'date') return null;
  if (!MARKED.has(f.kind) && f.fix) return { start: f.fix.start, end: f.fix.end, with: f.fix.with };
  return { start: f.start, end: f.end, with: markers[f.kind] };
}

/** One text with every finding replaced, from the end so earlier positions hold; an edit overlapping a later one falls back to its marker. */
export function redactFindings(text: string, findings: readonly RawFinding[]): string {
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const f of [...findings].sort((a, b) => b.start - a.start)) {
    let e = edit(f);
    if (e && e.end > limit) e = f.end <= limit ? { start: f.start, end: f.end, with: markers[f.kind] } : null;
    if (!e) continue;
    out = out.slice(0, e.start) + e.with + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

export interface RedactionField {
  /** The case the words are about (its patient's own details are looked for too), or null. */
  referralId: number | null;
  text: string;
}

/** Each field's text as it may go into a redacted document. */
export async function redactForCirculation(db: Db, fields: readonly RedactionField[], now: Date): Promise<string[]> {
  const byCase = new Map<number | null, RedactionField[]>();
  for (const f of fields) (byCase.get(f.referralId) ?? byCase.set(f.referralId, []).get(f.referralId)!).push(f);
  const out = new Map<RedactionField, string>();
  for (const [referralId, group] of byCase) {
    const texts = group.map((g) => g.text);
    const ctx = await checkContext(db, referralId, texts, now);
    for (const g of group) out.set(g, g.text.trim() === '' ? g.text : redactFindings(g.text, scanText(g.text, ctx)));
  }
  return fields.map((f) => out.get(f)!);
}
