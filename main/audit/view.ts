import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import { londonLocalToUtc } from '../casework/dates';
import { contract, isChannelName } from '../contract';
import type { AuditEntry } from '../contract/audit';
import type { Role } from '../contract/roles';
import { ukDateTime } from '../export/format';
import { displayName } from '../referrals/patients';
import type { Db } from '../store/database';
import type { AuditLogTable } from '../store/schema';

type Parsed = { actorUserId?: number | undefined; nhsNumber?: string | undefined; from?: string | undefined; to?: string | undefined };
type Row = Selectable<AuditLogTable>;

/**
 * What an entry says in plain words, by channel: `who` is the actor, `whose` the record it touched
 * ("Margaret Ellis’s" or "a patient’s" where names are not the reader's to see).
 */
const phrases: Readonly<Record<string, (whose: string) => string>> = {
  'setup.create': () => 'set Signpost up',
  'auth.login': () => 'signed in',
  'auth.unlock': () => 'unlocked Signpost',
  'auth.lock': () => 'locked Signpost',
  'auth.logout': () => 'signed out',
  'auth.changePassword': () => 'changed their password',
  'patients.search': () => 'searched for a patient',
  'referrals.create': (w) => `made a referral: ${w}`,
  'referrals.get': (w) => `opened ${w} referral`,
  'referrals.transition': (w) => `changed the status of ${w} referral`,
  'referrals.recordCoding': (w) => `recorded the coding of ${w} referral`,
  'referrals.sendMessageBack': (w) => `wrote a message back about ${w} referral`,
  'referrals.exportPdf': (w) => `printed ${w} referral`,
  'casework.get': (w) => `opened ${w} case`,
  'casework.addContact': (w) => `recorded a contact on ${w} case`,
  'casework.savePlan': (w) => `changed the plan on ${w} case`,
  'casework.saveGoal': (w) => `changed a goal on ${w} case`,
  'casework.saveNextStep': (w) => `changed a next step on ${w} case`,
  'casework.close': (w) => `closed ${w} case`,
  'casework.flagForMdt': (w) => `flagged ${w} case for the MDT`,
  'measures.record': (w) => `recorded a wellbeing measure on ${w} case`,
  'users.list': () => 'looked at the list of users',
  'users.create': () => 'added a user',
  'users.update': () => 'changed a user',
  'users.resetPassword': () => 'reset a user’s password',
  'users.disable': () => 'disabled a user',
  'audit.export': () => 'exported entries of the audit log',
  'admin.check': () => 'checked the data folder from the command line',
};

/** The patient a record belongs to, for the records the log names by id. */
async function patientNames(db: Db, entries: readonly Row[]): Promise<{ byReferral: Map<string, string>; byPatient: Map<string, string> }> {
  const referralIds = [...new Set(entries.filter((e) => e.target_type === 'referral' && e.target_id).map((e) => Number(e.target_id)))].filter(Number.isInteger);
  const patientIds = [...new Set(entries.filter((e) => e.target_type === 'patient' && e.target_id && /^\d+$/.test(e.target_id)).map((e) => Number(e.target_id)))];
  const byReferral = new Map<string, string>();
  const byPatient = new Map<string, string>();
  if (referralIds.length > 0) {
    const rows = await db.selectFrom('referral as r').innerJoin('patient as p', 'p.id', 'r.patient_id')
      .select(['r.id', 'p.given_name', 'p.family_name', 'p.preferred_name']).where('r.id', 'in', referralIds).execute();
    for (const r of rows) byReferral.set(String(r.id), displayName(r));
  }
  if (patientIds.length > 0) {
    const rows = await db.selectFrom('patient').select(['id', 'given_name', 'family_name', 'preferred_name']).where('id', 'in', patientIds).execute();
    for (const p of rows) byPatient.set(String(p.id), displayName(p));
  }
  return { byReferral, byPatient };
}

function describe(e: Row, names: Awaited<ReturnType<typeof patientNames>> | null): string {
  const name = names && e.target_id ? (e.target_type === 'referral' ? names.byReferral.get(e.target_id) : e.target_type === 'patient' ? names.byPatient.get(e.target_id) : undefined) : undefined;
  const whose = name ? `${name}’s` : e.target_type === 'referral' ? `referral ${e.target_id}’s` : 'a record’s';
  const phrase = phrases[e.action];
  const what = phrase ? phrase(whose).replace(/^made a referral: (.*)’s$/, 'made a referral for $1').replace(/(referral \d+)’s referral/, '$1') : channelSummary(e.action);
  const outcome = e.outcome === 'refused' ? ' (refused)' : e.outcome === 'failed' ? ' (failed)' : '';
  return `${e.actor_name} ${what}${outcome}`;
}

/** Where no phrase is written, the channel's own summary, as a lower-case clause. */
function channelSummary(action: string): string {
  if (!isChannelName(action)) return action;
  const s = contract[action].summary.replace(/\.$/, '').split(/[.;:]/)[0]!;
  return `did this: ${s.charAt(0).toLowerCase()}${s.slice(1)}`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

async function matching(db: Db, filter: Parsed): Promise<Expression<SqlBool> | null | 'none'> {
  const parts: Expression<SqlBool>[] = [];
  if (filter.actorUserId !== undefined) parts.push(sql<SqlBool>`actor_user_id = ${filter.actorUserId}`);
  if (filter.from !== undefined) parts.push(sql<SqlBool>`at >= ${londonLocalToUtc(`${filter.from}T00:00`)}`);
  if (filter.to !== undefined) parts.push(sql<SqlBool>`at < ${londonLocalToUtc(`${nextDay(filter.to)}T00:00`)}`);
  if (filter.nhsNumber !== undefined) {
    const patient = await db.selectFrom('patient').select('id').where('nhs_number', '=', filter.nhsNumber.replace(/\D/g, '')).executeTakeFirst();
    if (!patient) return 'none';
    const referrals = (await db.selectFrom('referral').select('id').where('patient_id', '=', patient.id).execute()).map((r) => String(r.id));
    parts.push(referrals.length > 0
      ? sql<SqlBool>`((target_type = 'patient' AND target_id = ${String(patient.id)}) OR (target_type = 'referral' AND target_id IN (${sql.join(referrals)})))`
      : sql<SqlBool>`(target_type = 'patient' AND target_id = ${String(patient.id)})`);
  }
  return parts.length === 0 ? null : sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/**
 * One page of the log that matches the filter, newest first, each entry in plain words. Patients are
 * named only for a reader whose role holds patient data (not the administrator's).
 */
export async function listAudit(db: Db, options: { filter?: Parsed; beforeId?: number | undefined; limit: number }, readerRole: Role = 'practice_manager'): Promise<{ entries: AuditEntry[]; total: number }> {
  const where = await matching(db, options.filter ?? {});
  if (where === 'none') return { entries: [], total: 0 };
  let page = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (where) page = page.where(where);
  if (options.beforeId !== undefined) page = page.where('id', '<', options.beforeId);
  const rows = await page.execute();
  const total = where
    ? Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where(where).executeTakeFirstOrThrow()).n)
    // Append-only with ids in sequence (the integrity check sees to it): the highest id is the count.
    : Number((await db.selectFrom('audit_log').select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('n')).executeTakeFirstOrThrow()).n);
  const names = readerRole === 'admin' ? null : await patientNames(db, rows);
  return { total, entries: rows.map((r) => toEntry(r, names)) };
}

function toEntry(r: Row, names: Awaited<ReturnType<typeof patientNames>> | null): AuditEntry {
  return {
    id: r.id, at: r.at, actorUserId: r.actor_user_id, actorName: r.actor_name, action: r.action, targetType: r.target_type,
    targetId: r.target_id, outcome: r.outcome as AuditEntry['outcome'], detail: r.detail, summary: describe(r, names),
  };
}

export async function auditPeople(db: Db): Promise<{ id: number; name: string }[]> {
  const rows = await db.selectFrom('app_user').select(['id', 'full_name']).orderBy('full_name').execute();
  return rows.map((r) => ({ id: r.id, name: r.full_name }));
}

const EXPORT_LIMIT = 50_000;

/** The matching entries as CSV (UTF-8 with a byte-order mark, so Excel reads it), oldest last. */
export async function exportAudit(db: Db, filter: Parsed, readerRole: Role): Promise<{ csv: string; count: number }> {
  const rows: AuditEntry[] = [];
  let beforeId: number | undefined;
  while (rows.length < EXPORT_LIMIT) {
    const page = await listAudit(db, { filter, beforeId, limit: 500 }, readerRole);
    rows.push(...page.entries);
    if (page.entries.length < 500) break;
    beforeId = page.entries.at(-1)!.id;
  }
  const csv = stringify(
    rows.slice(0, EXPORT_LIMIT).map((e) => [e.id, ukDateTime(new Date(e.at)), e.actorName, e.summary, e.action, e.targetType ?? '', e.targetId ?? '', e.outcome, e.detail ?? '']),
    { header: true, columns: ['Entry', 'When (England)', 'Who', 'What', 'Channel', 'Record type', 'Record', 'Outcome', 'Detail'] },
  );
  return { csv: `\uFEFF${csv}`, count: Math.min(rows.length, EXPORT_LIMIT) };
}

