import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ChannelName, channelNames, contract } from '../../../main/contract';
import { parseAt } from '../../../main/contract/time';
import { TEST_NOW } from '../../support/installation';

/**
 * Guards that walk the whole contract (main/contract/index.ts), so a channel added tomorrow is held
 * to the same rules: patient data is audited, every array and string has a bound, every date is a
 * real date, and days that have happened are not in the future.
 */

type Json = Record<string, unknown>;

function walkJson(node: unknown, path: string, visit: (n: Json, path: string) => void): void {
  if (typeof node !== 'object' || node === null) return;
  visit(node as Json, path);
  for (const [k, v] of Object.entries(node)) {
    if (Array.isArray(v)) v.forEach((x, i) => walkJson(x, `${path}.${k}[${i}]`, visit));
    else walkJson(v, path === '' ? k : `${path}.${k}`, visit);
  }
}

const inputSchema = (name: ChannelName) => z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' });
const outputSchema = (name: ChannelName) => z.toJSONSchema(contract[name].output, { io: 'output', unrepresentable: 'any' });

/** Property names that mean the answer identifies a patient or says something about one. */
const PATIENT_KEYS = new Set([
  'patient', 'patientId', 'patientName', 'nhsNumber', 'givenName', 'familyName', 'preferredName', 'dateOfBirth', 'addressLine1',
  'referralId', 'caseLabel', 'about', 'whatMatters', 'safeguardingDetails', 'notes', 'findings', 'needs', 'html', 'form', 'detail',
]);

function patientKeysIn(schema: unknown): string[] {
  const found = new Set<string>();
  walkJson(schema, '', (n) => {
    if (typeof n.properties === 'object' && n.properties !== null) {
      for (const key of Object.keys(n.properties)) if (PATIENT_KEYS.has(key)) found.add(key);
    }
  });
  return [...found].sort();
}

/**
 * The only channels that may go unaudited: each returns nothing that identifies a patient or says
 * anything about one. A new channel is audited unless it is added here, with the reason.
 */
const withoutPatientData: Readonly<Partial<Record<ChannelName, string>>> = {
  'app.time': 'the time',
  'auth.state': 'who is signed in',
  'auth.heartbeat': 'nothing',
  'practices.list': 'the PCN’s practices',
  'users.list': 'staff accounts',
  'settings.get': 'settings',
  'audit.verify': 'whether the chain holds, and a count',
  'audit.people': 'names of staff, for the audit filter',
  'security.keyStatus': 'the key’s generation and slot state',
  'directory.search': 'services of the directory',
  'directory.get': 'one service',
  'directory.usage': 'counts per service',
  'mdt.calendar': 'meetings, clashes and cover (no patient is on the calendar)',
  'mdt.series': 'meeting series',
  'mdt.meeting': 'one meeting’s time, place and attendees',
  'mdt.checkSeries': 'clashes of a planned series',
  'mdt.checkMeeting': 'clashes of a planned meeting',
  'mdt.settings': 'each practice’s MDT settings',
  'newsletter.issues': 'issue summaries: month, status, counts',
};

describe('audit coverage', () => {
  it('audits every channel, but for those declared to hold no patient data', () => {
    const unaudited = channelNames.filter((n) => contract[n].audit === 'none');
    expect(unaudited.filter((n) => withoutPatientData[n] === undefined)).toEqual([]);
  });

  it('finds no patient field in the answer of a channel declared to hold none', () => {
    const offenders = Object.keys(withoutPatientData)
      .map((n) => [n, patientKeysIn(outputSchema(n as ChannelName))] as const)
      .filter(([, keys]) => keys.length > 0);
    expect(offenders).toEqual([]);
  });

  it('audits as a read or a write every channel whose answer names a patient (or is audited by its handler)', () => {
    const offenders = channelNames.filter((n) => patientKeysIn(outputSchema(n)).length > 0 && !['read', 'write'].includes(contract[n].audit));
    expect(offenders).toEqual([]);
  });

  it('knows the channels that returned patient data unaudited before', () => {
    const before = ['referrals.inbox', 'referrals.mine', 'referrals.codingWorklist', 'referrals.messageBackDraft', 'referrals.drafts', 'stories.candidates', 'newsletter.preview', 'mdt.myActions', 'measures.due', 'stories.list', 'stories.check', 'newsletter.notices', 'audit.list'] as const;
    expect(before.filter((n) => contract[n].audit !== 'read')).toEqual([]);
    expect((['referrals.saveDraft', 'referrals.discardDraft'] as const).filter((n) => contract[n].audit !== 'write')).toEqual([]);
  });
});

describe('bounds on what a call may send', () => {
  it('gives every array in every channel’s input a greatest length', () => {
    const unbounded: string[] = [];
    for (const name of channelNames) {
      walkJson(inputSchema(name), '', (n, path) => {
        if (n.type === 'array' && typeof n.maxItems !== 'number') unbounded.push(`${name} ${path}`);
      });
    }
    expect(unbounded).toEqual([]);
  });

  it('gives every string in every channel’s input a greatest length or a fixed form', () => {
    const unbounded: string[] = [];
    for (const name of channelNames) {
      walkJson(inputSchema(name), '', (n, path) => {
        const fixed = n.maxLength !== undefined || n.pattern !== undefined || n.enum !== undefined || n.const !== undefined || n.format !== undefined;
        if (n.type === 'string' && !fixed) unbounded.push(`${name} ${path}`);
      });
    }
    expect(unbounded).toEqual([]);
  });
});

// ---------------------------------------------------------------- dates

/** zod 4's schema tree: every date field of every input, found by its name, with the schema that checks it. */
function dateFields(schema: z.ZodType, key: string, out: { key: string; schema: z.ZodType }[]): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const child = (s: unknown, k = key) => dateFields(s as z.ZodType, k, out);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) child(v, k);
      return;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch':
      if (isDateKey(key) && !out.some((o) => o.schema === schema)) out.push({ key, schema });
      child(def.innerType, `${key}#inner`);
      return;
    case 'array': child(def.element); return;
    case 'union': (def.options as unknown[]).forEach((o) => child(o)); return;
    case 'pipe':
      if (isDateKey(key)) out.push({ key, schema });
      else { child(def.in); child(def.out); }
      return;
    case 'string':
      if (isDateKey(key)) out.push({ key, schema });
      return;
    default:
  }
}

const DATE_KEY = /^(date|dateOfBirth|asOf|since|lastChecked)$|Date$|On$/;
/** Named like a date but text: the MDT minutes' "action to date". */
const NOT_DATES = new Set(['actionToDate']);
function isDateKey(key: string): boolean {
  const name = key.replace(/#inner$/, '');
  return DATE_KEY.test(name) && !NOT_DATES.has(name);
}

function allDateFields(): { channel: ChannelName; key: string; schema: z.ZodType }[] {
  return channelNames.flatMap((channel) => {
    const found: { key: string; schema: z.ZodType }[] = [];
    const input = contract[channel].input as z.ZodType;
    const def = (input as unknown as { _zod: { def: { type: string; options?: unknown[] } } })._zod.def;
    // measures.record is a union of one object per instrument.
    for (const s of def.type === 'union' ? (def.options as z.ZodType[]) : [input]) dateFields(s, '', found);
    // Keep the outermost schema of each field (an optional's inner one is checked through it).
    return found.filter((f) => !f.key.endsWith('#inner')).map((f) => ({ channel, ...f }));
  });
}

const parses = (schema: z.ZodType, value: string) => parseAt(new Date(TEST_NOW), () => schema.safeParse(value).success);

/** Days on which something has already happened: never in the future. */
const HAPPENED = new Set(['referralDate', 'consentDate', 'dateOfBirth', 'recordedOn', 'takenOn', 'escalatedOn', 'givenOn', 'withdrawnOn', 'sentOn', 'onDate', 'lastChecked']);

describe('dates in the contract', () => {
  const fields = allDateFields();

  it('finds the date fields of consent, safeguarding, MDT, coding and measures among them', () => {
    const names = new Set(fields.map((f) => `${f.channel} ${f.key}`));
    for (const expected of ['referrals.create referralDate', 'referrals.create consentDate', 'referrals.create dateOfBirth', 'casework.escalate escalatedOn',
      'stories.recordConsent givenOn', 'mdt.saveMeeting date', 'mdt.addAction dueOn', 'mdt.saveSeries startsOn', 'referrals.recordCoding recordedOn',
      'measures.record takenOn', 'referrals.correctDetails referralDate', 'measures.due asOf']) {
      expect(names).toContain(expected);
    }
  });

  it('refuses a day that does not exist (31/02, 31/04, 29/02 of a common year) in every date field, and takes a real one', () => {
    const wrong = fields.filter((f) => ['2026-02-31', '2026-04-31', '2025-02-29', '2026-13-01'].some((v) => parses(f.schema, v)) || !parses(f.schema, '2026-11-20'));
    expect(wrong.map((f) => `${f.channel} ${f.key}`)).toEqual([]);
  });

  it('refuses tomorrow where the thing has already happened', () => {
    const happened = fields.filter((f) => HAPPENED.has(f.key));
    expect(happened.length).toBeGreaterThan(10);
    const wrong = happened.filter((f) => parses(f.schema, '2026-12-05'));
    expect(wrong.map((f) => `${f.channel} ${f.key}`)).toEqual([]);
  });
});
