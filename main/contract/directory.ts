import { z } from 'zod';
import { channel } from './channel';
import { Id, optionalText, requiredText, Timestamp } from './fields';
import { IsoDate, normalisePostcode, OptionalIsoDate } from './nhs';
import { Reason } from './referrals';
import { referrers } from './roles';
import { londonToday, ruleNow } from './time';

// ---------------------------------------------------------------- vocabularies

/** Signpost only: the person gets in touch themselves. Direct referral: the link worker refers them. */
export const HowToRefer = z.enum(['signpost', 'direct_referral'], { error: 'Choose how people get to this service' });
export type HowToRefer = z.infer<typeof HowToRefer>;
export const howToReferLabels: Readonly<Record<HowToRefer, string>> = {
  signpost: 'Signpost: the person gets in touch',
  direct_referral: 'Direct referral by the link worker',
};

export const Cost = z.enum(['free', 'low_cost', 'paid'], { error: 'Choose what it costs' });
export type Cost = z.infer<typeof Cost>;
export const costLabels: Readonly<Record<Cost, string>> = { free: 'Free', low_cost: 'Low cost', paid: 'Paid' };

export const UseKind = z.enum(['signposted', 'referred'], { error: 'Say whether the person was signposted or referred' });
export type UseKind = z.infer<typeof UseKind>;
export const useKindLabels: Readonly<Record<UseKind, string>> = { signposted: 'Signposted', referred: 'Referred' };

// ---------------------------------------------------------------- field rules

/** A phone number a service gives out: a UK number (01…, 07…, 0800 …) or a short free number like 116 123. */
export function servicePhoneProblem(typed: string): string | null {
  const digits = typed.replace(/[\s()-]/g, '').replace(/^\+44/, '0');
  if (/^0\d{9,10}$/.test(digits) || /^(1\d{2}|11[68]\d{3})$/.test(digits)) return null;
  return 'Enter a UK phone number, like 0113 496 0000, or a short number like 116 123';
}

const ServicePhone = z
  .string()
  .max(40, 'Enter a UK phone number, like 0113 496 0000, or a short number like 116 123')
  .trim()
  .transform((v) => v.replace(/\s+/g, ' '))
  .superRefine((v, ctx) => {
    const problem = v === '' ? null : servicePhoneProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A web address; a bare `www.example.org` gets https:// in front. */
export function normaliseWebsite(typed: string): string | null {
  const text = typed.trim();
  if (text === '') return '';
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (!/^https?:$/.test(url.protocol) || !url.hostname.includes('.') || /\s/.test(text)) return null;
    return withScheme;
  } catch {
    return null;
  }
}

const Website = z
  .string()
  .max(500, 'A web address has 500 characters or fewer')
  .trim()
  .superRefine((v, ctx) => {
    if (normaliseWebsite(v) === null) ctx.addIssue({ code: 'custom', message: 'Enter a web address, like www.example.org.uk' });
  })
  .transform((v) => normaliseWebsite(v) ?? v);

const ServicePostcode = z
  .string()
  .max(12, 'Enter a real UK postcode, like LS1 4AP, or leave it empty')
  .trim()
  .superRefine((v, ctx) => {
    if (v !== '' && !normalisePostcode(v)) ctx.addIssue({ code: 'custom', message: 'Enter a real UK postcode, like LS1 4AP, or leave it empty' });
  })
  .transform((v) => (v === '' ? '' : (normalisePostcode(v) ?? v)));

export const Tag = z.string().trim().min(1, 'A tag cannot be empty').max(40, 'A tag has 40 characters or fewer');

// ---------------------------------------------------------------- the service

export const ServiceInput = z.object({
  /** Absent: a new service. Present: change that service. */
  id: Id.optional(),
  name: requiredText('the service name', 200),
  organisation: optionalText(200),
  categories: z.array(Reason).max(Reason.options.length).default([]),
  tags: z.array(Tag).max(20, 'Use 20 tags or fewer').default([]),
  description: optionalText(4000),
  eligibility: optionalText(2000),
  howToRefer: HowToRefer,
  phone: ServicePhone.optional().default(''),
  email: z.union([z.literal(''), z.email('Enter an e-mail address like name@example.org')]).optional().default(''),
  website: Website.optional().default(''),
  address: optionalText(300),
  postcode: ServicePostcode.optional().default(''),
  openingTimes: optionalText(1000),
  /** Null: not known. */
  cost: Cost.nullable().default(null),
  costNote: optionalText(300),
  /** When someone last checked the details with the service; null if never. */
  lastChecked: OptionalIsoDate.refine((v) => v === null || v <= londonToday(ruleNow()), 'The last checked date cannot be in the future'),
});
export type ServiceInput = z.input<typeof ServiceInput>;
export type ServiceValues = z.output<typeof ServiceInput>;

export const Usage = z.object({
  signposted: z.number().int(),
  referred: z.number().int(),
  /** Times the person took the service up. */
  takenUp: z.number().int(),
  /** Times the person did not take it up. */
  notTakenUp: z.number().int(),
});
export type Usage = z.infer<typeof Usage>;

export const Service = ServiceInput.omit({ id: true }).extend({
  id: Id,
  lastChecked: IsoDate.nullable(),
  active: z.boolean(),
  updatedAt: Timestamp,
  usage: Usage,
});
export type Service = z.infer<typeof Service>;

export const SearchQuery = z.object({
  text: z.string().trim().max(200, 'Use 200 characters or fewer').optional().default(''),
  category: Reason.optional(),
  includeArchived: z.boolean().optional().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(200).default(25),
});

export const ImportFormat = z.enum(['csv', 'oruk']);
export const ImportMode = z.enum(['good_rows', 'all_or_nothing'], { error: 'Choose what happens when some rows have problems' });
export type ImportMode = z.infer<typeof ImportMode>;
export const importModeLabels: Readonly<Record<ImportMode, string>> = {
  good_rows: 'Import the good rows and list the rows with problems',
  all_or_nothing: 'Import nothing if any row has a problem',
};

/**
 * Longest file content, and most rows, accepted in one call: the renderer sends large files in
 * parts of 200 rows, so that no one call holds the database (and everyone else's calls) for long.
 */
export const MAX_IMPORT_CHARS = 2_000_000;
export const MAX_IMPORT_ROWS = 500;

export const ImportInput = z.object({
  format: ImportFormat,
  content: z.string().min(1, 'The file is empty').max(MAX_IMPORT_CHARS, 'This part of the file is too large: send fewer rows at a time'),
  mode: ImportMode,
  /** Check every row and report problems, but save nothing. */
  dryRun: z.boolean().optional().default(false),
  /**
   * Where this content starts in the whole file, when the renderer sends it in chunks: the row
   * number (as a spreadsheet shows it, the header being row 1) of the first data row for CSV, the
   * position (from 1) of the first service for Open Referral UK.
   */
  firstRow: z.number().int().min(1).optional(),
});

export const ImportFailure = z.object({ row: z.number().int(), reason: z.string() });
export type ImportFailure = z.infer<typeof ImportFailure>;

export const ImportResult = z.object({
  /** Services new to the directory. */
  imported: z.number().int(),
  /** Services already in the directory (same name and organisation) that the file updated. */
  updated: z.number().int(),
  failed: z.array(ImportFailure),
  /** Rows (or Open Referral UK services) looked at, blank rows left out. */
  rows: z.number().int(),
  /** Columns of a CSV file that Signpost does not read. */
  ignoredColumns: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ServiceUse = z.object({
  id: Id,
  referralId: Id,
  serviceId: Id,
  serviceName: z.string(),
  organisation: z.string(),
  kind: UseKind,
  onDate: IsoDate,
  /** Null until known. */
  takenUp: z.boolean().nullable(),
  feedback: z.string(),
  recordedByName: z.string(),
  recordedAt: Timestamp,
});
export type ServiceUse = z.infer<typeof ServiceUse>;

const takenUp = z.boolean().nullable().optional().default(null);

export const UsageRow = z.object({ serviceId: Id, name: z.string(), organisation: z.string(), active: z.boolean(), usage: Usage });

const lwAndManagers = ['link_worker', 'practice_manager'] as const;
const exportFile = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

export const directoryChannels = {
  'directory.search': channel({
    summary: 'Find services by words (name, organisation, description, eligibility, tags, address) and category; paged.',
    access: referrers,
    audit: 'none',
    input: SearchQuery,
    output: z.object({ rows: z.array(Service), total: z.number().int() }),
  }),
  'directory.get': channel({
    summary: 'One service in full, with how often it has been used.',
    access: referrers,
    audit: 'none',
    input: z.object({ id: Id }),
    output: Service,
  }),
  'directory.save': channel({
    summary: 'Add a service, or change one (with its id). Name and organisation together must be new.',
    access: lwAndManagers,
    audit: 'write',
    input: ServiceInput,
    output: Service,
  }),
  'directory.archive': channel({
    summary: 'Archive a service that has closed (it stays on past cases), or restore it.',
    access: lwAndManagers,
    audit: 'write',
    input: z.object({ id: Id, restore: z.boolean().optional().default(false) }),
    output: Service,
  }),
  'directory.import': channel({
    summary: 'Import services from CSV or Open Referral UK JSON; updates those with the same name and organisation.',
    access: lwAndManagers,
    audit: 'write',
    input: ImportInput,
    output: ImportResult,
  }),
  'directory.export': channel({
    summary: 'The active services as CSV, in the columns the import reads.',
    access: lwAndManagers,
    audit: 'write',
    input: z.object({}),
    output: exportFile,
  }),
  'directory.usage': channel({
    summary: 'How often each service was signposted or referred to, and taken up.',
    access: referrers,
    audit: 'none',
    input: z.object({ since: IsoDate.optional() }),
    output: z.array(UsageRow),
  }),
  'directory.recordUse': channel({
    summary: 'Record that the person on a referral was signposted or referred to a service.',
    access: ['link_worker'],
    audit: 'write',
    input: z.object({
      referralId: Id,
      serviceId: Id,
      kind: UseKind,
      onDate: IsoDate.refine((v) => v <= londonToday(ruleNow()), 'The date cannot be in the future'),
      takenUp,
      feedback: optionalText(2000),
    }),
    output: ServiceUse,
  }),
  'directory.usesForReferral': channel({
    summary: 'The services a referral’s person was signposted or referred to.',
    access: lwAndManagers,
    audit: 'read',
    input: z.object({ referralId: Id }),
    output: z.array(ServiceUse),
  }),
  'directory.updateUse': channel({
    summary: 'Record whether the person took the service up, and their feedback.',
    access: ['link_worker'],
    audit: 'write',
    input: z.object({ id: Id, takenUp, feedback: optionalText(2000) }),
    output: ServiceUse,
  }),
};
