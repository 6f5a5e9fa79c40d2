import { normalisePostcode } from '../contract/nhs';
import { londonToday, parseAt } from '../contract/time';
import { Reason, reasonLabels } from '../contract/referrals';
import { type Cost, type HowToRefer, normaliseWebsite, servicePhoneProblem, ServiceInput, type ServiceValues } from '../contract/directory';

/**
 * Turning one imported record (a CSV row, an Open Referral UK service) into a service, with a
 * plain reason for every value that does not fit. Shared by both import formats.
 */

/** The fields of an imported record, as text; anything absent is ''. */
export interface RawService {
  name: string;
  organisation: string;
  categories: string[];
  tags: string[];
  description: string;
  eligibility: string;
  howToRefer: string;
  phone: string;
  email: string;
  website: string;
  address: string;
  postcode: string;
  openingTimes: string;
  cost: string;
  costNote: string;
  lastChecked: string;
}

/** How each field is named in a reason: the CSV column. */
export const columnOf: Readonly<Record<keyof RawService, string>> = {
  name: 'name',
  organisation: 'organisation',
  categories: 'categories',
  tags: 'tags',
  description: 'description',
  eligibility: 'eligibility',
  howToRefer: 'how_to_refer',
  phone: 'phone',
  email: 'email',
  website: 'website',
  address: 'address',
  postcode: 'postcode',
  openingTimes: 'opening_times',
  cost: 'cost',
  costNote: 'cost_note',
  lastChecked: 'last_checked',
};

const maxLength: Partial<Record<keyof RawService, number>> = {
  name: 200, organisation: 200, description: 4000, eligibility: 2000, address: 300, openingTimes: 1000, costNote: 300,
};

/** A value quoted in a reason: short enough to read. */
export function quoted(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return `'${flat.length > 40 ? `${flat.slice(0, 37)}...` : flat}'`;
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/&/g, 'and').replace(/[\s_-]+/g, ' ').trim();
}

const categoryByWord = new Map<string, Reason>();
for (const code of Reason.options) {
  categoryByWord.set(fold(code), code);
  categoryByWord.set(fold(reasonLabels[code]), code);
}

/** A category given as Signpost's code or label; anything else is kept as a tag. */
export function splitCategories(values: readonly string[]): { categories: Reason[]; tags: string[] } {
  const categories: Reason[] = [];
  const tags: string[] = [];
  for (const value of values.map((v) => v.trim()).filter(Boolean)) {
    const code = categoryByWord.get(fold(value));
    if (code) categories.push(code);
    else tags.push(value);
  }
  return { categories: [...new Set(categories)], tags };
}

function howToRefer(value: string): HowToRefer | null {
  const v = fold(value);
  if (v === '' || v.startsWith('signpost') || v === 'self referral' || v === 'self') return 'signpost';
  if (v.startsWith('direct') || v === 'referral' || v === 'refer') return 'direct_referral';
  return null;
}

function cost(value: string): Cost | null | undefined {
  const v = fold(value);
  if (v === '' || v === 'unknown' || v === 'not known') return null;
  if (v === 'free' || v === 'no cost' || v === '0' || v === '£0') return 'free';
  if (v === 'low cost' || v === 'low') return 'low_cost';
  if (v === 'paid' || v === 'charge' || v === 'fee') return 'paid';
  return undefined;
}

const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$/;

/** dd/mm/yyyy or yyyy-mm-dd (a timestamp's date part too) as yyyy-mm-dd; null when it is no real date. */
export function parseDate(value: string): string | null {
  const text = value.trim();
  const uk = UK_DATE.exec(text);
  const iso = ISO_DATE.exec(text);
  const [y, m, d] = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return null;
  return date.toISOString().slice(0, 10);
}

export type Checked = { ok: true; values: ServiceValues } | { ok: false; problems: string[] };

/** The service these values make, or every reason they do not make one. */
export function checkService(raw: RawService, now: Date): Checked {
  const today = londonToday(now);
  const problems: string[] = [];
  if (raw.name.trim() === '') problems.push('name is missing');
  for (const [field, max] of Object.entries(maxLength) as [keyof RawService, number][]) {
    const value = raw[field];
    if (typeof value === 'string' && value.trim().length > max) problems.push(`${columnOf[field]} is longer than ${max} characters`);
  }
  const refer = howToRefer(raw.howToRefer);
  if (refer === null) problems.push(`how_to_refer ${quoted(raw.howToRefer)} should be signpost or direct referral`);
  if (raw.phone.trim() !== '' && servicePhoneProblem(raw.phone)) problems.push(`phone ${quoted(raw.phone)} is not a UK phone number`);
  if (raw.email.trim() !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.email.trim())) problems.push(`email ${quoted(raw.email)} is not an e-mail address`);
  if (normaliseWebsite(raw.website) === null) problems.push(`website ${quoted(raw.website)} is not a web address`);
  if (raw.postcode.trim() !== '' && !normalisePostcode(raw.postcode)) problems.push(`postcode ${quoted(raw.postcode)} is not a real UK postcode`);
  const costValue = cost(raw.cost);
  if (costValue === undefined) problems.push(`cost ${quoted(raw.cost)} should be free, low cost or paid`);
  let lastChecked: string | null = null;
  if (raw.lastChecked.trim() !== '') {
    lastChecked = parseDate(raw.lastChecked);
    if (lastChecked === null) problems.push(`last_checked ${quoted(raw.lastChecked)} is not a real date (use dd/mm/yyyy)`);
    else if (lastChecked > today) problems.push(`last_checked ${quoted(raw.lastChecked)} is in the future`);
  }
  const { categories, tags: extraTags } = splitCategories(raw.categories);
  const tags = [...raw.tags, ...extraTags].map((t) => t.trim()).filter(Boolean);
  const longTag = tags.find((t) => t.length > 40);
  if (longTag) problems.push(`tag ${quoted(longTag)} is longer than 40 characters`);
  if (tags.length > 20) problems.push(`has ${tags.length} tags and unknown categories; 20 at most`);
  if (problems.length > 0) return { ok: false, problems };

  // The contract's own schema has the last word, so an import can never store what a form could not.
  const parsed = parseAt(now, () => ServiceInput.safeParse({
    name: raw.name,
    organisation: raw.organisation,
    categories,
    tags,
    description: raw.description,
    eligibility: raw.eligibility,
    howToRefer: refer,
    phone: raw.phone,
    email: raw.email.trim(),
    website: raw.website,
    address: raw.address,
    postcode: raw.postcode,
    openingTimes: raw.openingTimes,
    cost: costValue,
    costNote: raw.costNote,
    lastChecked,
  }));
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => `${columnOf[i.path[0] as keyof RawService] ?? String(i.path[0])}: ${i.message}`) };
  }
  return { ok: true, values: parsed.data };
}

export function emptyRaw(): RawService {
  return {
    name: '', organisation: '', categories: [], tags: [], description: '', eligibility: '', howToRefer: '', phone: '', email: '',
    website: '', address: '', postcode: '', openingTimes: '', cost: '', costNote: '', lastChecked: '',
  };
}
