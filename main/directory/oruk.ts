import { AppError } from '../contract/errors';
import type { Reason } from '../contract/referrals';
import { emptyRaw, type RawService } from './fields';

/**
 * Open Referral UK (ORUK, the English profile of HSDS) service JSON, as a directory's API serves
 * it: an array of services, or a page of them (`{ content: [...] }`). What maps onto Signpost's
 * service is taken; the rest is left.
 */

export interface OrukRecord {
  /** The service's position in the file, from 1. */
  row: number;
  raw: RawService;
  /** false when the service's status says it is not active. */
  active: boolean;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** The services in an ORUK document: a bare array, or a paged response's `content`. */
export function orukServices(content: string): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(content.replace(/^\uFEFF/, ''));
  } catch {
    const message = 'The file is not valid JSON. Open Referral UK files are JSON: check you chose the right file.';
    throw new AppError('VALIDATION', message, { content: [message] });
  }
  if (Array.isArray(doc)) return doc;
  if (isObject(doc) && Array.isArray(doc.content)) return doc.content;
  if (isObject(doc) && Array.isArray(doc.services)) return doc.services;
  const message = 'This JSON is not an Open Referral UK list of services: expected a list of services, or a page with “content”.';
  throw new AppError('VALIDATION', message, { content: [message] });
}

const dayNames: Readonly<Record<string, string>> = {
  MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday',
};

function time(v: unknown): string {
  const m = /^(\d{1,2}):(\d{2})/.exec(text(v));
  return m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : '';
}

function days(schedule: Json): string {
  const byday = text(schedule.byday) || text(schedule.weekday);
  return byday
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((d) => dayNames[d.toUpperCase().slice(-2)] ?? (d.length > 2 ? d.charAt(0).toUpperCase() + d.slice(1).toLowerCase() : d))
    .join(', ');
}

function openingTimes(schedules: Json[]): string {
  return schedules
    .map((s) => {
      const hours = [time(s.opens_at), time(s.closes_at)].filter(Boolean).join('–');
      const when = [days(s), hours].filter(Boolean).join(' ');
      return [when, text(s.description)].filter(Boolean).join(': ');
    })
    .filter(Boolean)
    .join('; ');
}

function firstAddress(service: Json): { address: string; postcode: string } {
  for (const sal of list(service.service_at_locations)) {
    const location = isObject(sal.location) ? sal.location : undefined;
    if (!location) continue;
    for (const a of list(location.physical_addresses)) {
      const address = [text(location.name), text(a.address_1), text(a.address_2), text(a.city), text(a.state_province)]
        .filter((part, i, all) => part !== '' && all.indexOf(part) === i)
        .join(', ');
      return { address, postcode: text(a.postal_code) };
    }
  }
  return { address: '', postcode: '' };
}

function schedulesOf(service: Json): Json[] {
  const own = list(service.regular_schedules);
  if (own.length > 0) return own;
  return list(service.service_at_locations).flatMap((sal) => list(sal.regular_schedule ?? sal.regular_schedules));
}

function phone(service: Json): string {
  const direct = list(service.phones).map((p) => text(p.number)).find(Boolean);
  if (direct) return direct;
  return list(service.contacts).flatMap((c) => list(c.phones)).map((p) => text(p.number)).find(Boolean) ?? '';
}

function cost(service: Json): { cost: string; costNote: string } {
  const options = list(service.cost_options);
  const fees = text(service.fees);
  if (options.length === 0) return { cost: /^free\b/i.test(fees) ? 'free' : '', costNote: fees };
  const amounts = options.map((o) => (typeof o.amount === 'number' ? o.amount : Number.NaN));
  const note = options
    .map((o) => {
      const amount = typeof o.amount === 'number' && o.amount > 0 ? `£${o.amount.toFixed(2)}` : '';
      return [text(o.option), amount, text(o.amount_description)].filter(Boolean).join(' ');
    })
    .filter(Boolean)
    .concat(fees ? [fees] : [])
    .join('; ');
  const words = options.map((o) => `${text(o.option)} ${text(o.amount_description)}`).join(' ');
  if (amounts.every((a) => a === 0) || (amounts.every(Number.isNaN) && /\bfree\b/i.test(words))) return { cost: 'free', costNote: note };
  return { cost: 'paid', costNote: note };
}

function eligibility(service: Json): string {
  return list(service.eligibilitys)
    .map((e) => {
      const min = typeof e.minimum_age === 'number' ? e.minimum_age : undefined;
      const max = typeof e.maximum_age === 'number' ? e.maximum_age : undefined;
      const ages = min !== undefined && max !== undefined ? `aged ${min} to ${max}` : min !== undefined ? `aged ${min} and over` : max !== undefined ? `aged up to ${max}` : '';
      const words = text(e.eligibility) || list(e.taxonomys).map((t) => text(t.name)).filter(Boolean).join(', ');
      return [words, ages].filter(Boolean).join(', ');
    })
    .filter(Boolean)
    .join('; ');
}

/** A taxonomy term's words that point at one of Signpost's categories. */
const categoryWords: readonly [RegExp, Reason][] = [
  [/lonel|isolat|befriend|social (group|activit|contact)|friendship|lunch club|community group/i, 'loneliness'],
  [/mental|wellbeing|well-being|anxiety|depress|stress|mood|counsell/i, 'mental_wellbeing'],
  [/long[- ]term|condition|diabet|copd|arthritis|dementia|stroke|cancer support/i, 'long_term_condition'],
  [/physical activ|exercise|walk|sport|fitness|healthy lifestyle|dance|swim/i, 'physical_activity'],
  [/weight|slimming|healthy eating/i, 'weight'],
  [/housing|homeless|tenan|accommodation/i, 'housing'],
  [/money|debt|benefit|financ|welfare rights|income/i, 'money'],
  [/employ|job|training|volunteer|skills|education|learning/i, 'employment'],
  [/carer/i, 'carers'],
  [/bereave|grief|loss/i, 'bereavement'],
  [/food|practical|form filling|shopping|transport|foodbank/i, 'practical_help'],
  [/alcohol|drug|substance|smok|addict|gambling/i, 'substance_use'],
];

function taxonomyTerms(service: Json): string[] {
  return list(service.service_taxonomys)
    .map((st) => (isObject(st.taxonomy) ? text(st.taxonomy.name) : text(st.name)))
    .filter(Boolean);
}

/** Categories the taxonomy terms point at; terms that point at none are kept as tags. */
function categoriesAndTags(terms: readonly string[]): { categories: string[]; tags: string[] } {
  const categories = new Set<string>();
  const tags: string[] = [];
  for (const term of terms) {
    const hits = categoryWords.filter(([re]) => re.test(term)).map(([, c]) => c);
    if (hits.length === 0) tags.push(term);
    for (const c of hits) categories.add(c);
  }
  return { categories: [...categories], tags: tags.slice(0, 20) };
}

/** One record per service in the document; `firstRow` numbers the first (later chunks start higher). */
export function readOruk(content: string, firstRow = 1): OrukRecord[] {
  return orukServices(content).map((item, i) => {
    const row = firstRow + i;
    const raw = emptyRaw();
    if (!isObject(item)) return { row, raw, active: true };
    const organisation = isObject(item.organization) ? text(item.organization.name) : '';
    const { address, postcode } = firstAddress(item);
    const { categories, tags } = categoriesAndTags(taxonomyTerms(item));
    const { cost: costWord, costNote } = cost(item);
    Object.assign(raw, {
      name: text(item.name),
      organisation,
      categories,
      tags,
      description: text(item.description),
      eligibility: eligibility(item),
      howToRefer: '',
      phone: phone(item),
      email: text(item.email),
      website: text(item.url),
      address,
      postcode,
      openingTimes: openingTimes(schedulesOf(item)),
      cost: costWord,
      costNote,
      lastChecked: text(item.assured_date) || text(item.last_modified),
    } satisfies RawService);
    return { row, raw, active: text(item.status).toLowerCase() !== 'inactive' };
  });
}
