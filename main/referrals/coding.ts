import { AppError } from '../contract/errors';
import { SNOMED } from '../contract/nhs';
import type { Db } from '../store/database';
import type { ReferralRow } from './access';
import type { Ctx } from './context';
import { addEvent } from './events';
import { ukDate } from './dates';

export type SnomedCode = (typeof SNOMED)[keyof typeof SNOMED];

/**
 * The codes a referral should have in the GP record: the referral code once the patient has
 * accepted (for the first contact of the episode), the declined code when the patient declines.
 */
export function codesDue(r: Pick<ReferralRow, 'accepted_at' | 'status'>): SnomedCode[] {
  const due: SnomedCode[] = [];
  if (r.accepted_at !== null) due.push(SNOMED.referral);
  if (r.status === 'declined') due.push(SNOMED.declined);
  return due;
}

/** Coded: every code that applies is recorded (a referral with nothing due yet is not coded). */
export function isCoded(r: Pick<ReferralRow, 'accepted_at' | 'status'>, recorded: ReadonlySet<string>): boolean {
  const due = codesDue(r);
  return due.length > 0 && due.every((c) => recorded.has(c.code));
}

function termOf(code: string): string {
  return Object.values(SNOMED).find((s) => s.code === code)!.term;
}

export async function recordCoding(ctx: Ctx, row: ReferralRow, code: string, recordedOn: string): Promise<void> {
  const due = codesDue(row);
  if (!due.some((c) => c.code === code)) {
    const when = code === SNOMED.referral.code ? 'once the patient has accepted the referral' : 'when the patient has declined';
    throw new AppError('CONFLICT', `${code} |${termOf(code)}| is recorded ${when}.`, { code: [`Not due for this referral: record it ${when}`] });
  }
  const existing = await ctx.db.selectFrom('referral_coding').select(['recorded_on', 'by_name']).where('referral_id', '=', row.id).where('code', '=', code).executeTakeFirst();
  if (existing) {
    throw new AppError('CONFLICT', `This code was already recorded on ${ukDate(existing.recorded_on)} by ${existing.by_name}.`);
  }
  await ctx.db.insertInto('referral_coding').values({
    referral_id: row.id, code, term: termOf(code), recorded_on: recordedOn,
    recorded_at: ctx.now.toISOString(), by_user_id: ctx.actor.id, by_name: ctx.actor.fullName,
  }).execute();
  await addEvent(ctx, row.id, { kind: 'coded', text: `${code} |${termOf(code)}| recorded in the clinical system on ${ukDate(recordedOn)}` });
}

/** Referral ids at these practices with a code due but not recorded, oldest first (at most `limit`). */
export async function uncodedReferralIds(db: Db, practiceIds: readonly number[], limit: number): Promise<number[]> {
  if (practiceIds.length === 0) return [];
  const rows = await db
    .selectFrom('referral')
    .select('referral.id')
    .where('referral.practice_id', 'in', practiceIds)
    .where((eb) => {
      const missing = (code: string) =>
        eb.not(eb.exists(eb.selectFrom('referral_coding').select('referral_coding.id')
          .whereRef('referral_coding.referral_id', '=', 'referral.id').where('referral_coding.code', '=', code)));
      return eb.or([
        eb.and([eb('referral.accepted_at', 'is not', null), missing(SNOMED.referral.code)]),
        eb.and([eb('referral.status', '=', 'declined'), missing(SNOMED.declined.code)]),
      ]);
    })
    .orderBy('referral.received_at')
    .orderBy('referral.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
