import { AppError } from '../contract/errors';
import type { ReferralDetails, ReferralStatus } from '../contract/referrals';
import type { ReferralRow } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { addEvent } from '../referrals/events';
import { displayName } from '../referrals/patients';
import type { Db } from '../store/database';
import { assertWorking, brief } from './access';
import { openMdtFlag } from './caseFile';

export const NO_MDT_CONSENT =
  'The person did not agree to be discussed at a multidisciplinary team meeting (it is recorded on the referral), so this case cannot be flagged for MDT.';

/**
 * Puts the case on the next MDT of its practice with the question for the team, or changes the
 * question of the flag already there. Refused when the person did not consent to MDT discussion.
 */
export async function flagForMdt(ctx: Ctx, row: ReferralRow, question: string): Promise<{ id: number; changed: boolean }> {
  assertWorking(row, 'flag the case for MDT');
  const details = JSON.parse(row.details) as ReferralDetails;
  if (!details.mdtConsent) throw new AppError('CONFLICT', NO_MDT_CONSENT);
  const at = ctx.now.toISOString();
  const open = await openMdtFlag(ctx.db, row.id);
  if (open) {
    await ctx.db
      .updateTable('case_mdt_flag')
      .set({ question, flagged_by: ctx.actor.id, flagged_by_name: ctx.actor.fullName, flagged_at: at })
      .where('id', '=', open.id)
      .execute();
    await addEvent(ctx, row.id, { kind: 'note', text: `MDT question changed: ${brief(question)}` });
    return { id: open.id, changed: true };
  }
  const { id } = await ctx.db
    .insertInto('case_mdt_flag')
    .values({
      referral_id: row.id, practice_id: row.practice_id, question, flagged_by: ctx.actor.id, flagged_by_name: ctx.actor.fullName,
      flagged_at: at, cleared_at: null, cleared_by_name: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addEvent(ctx, row.id, { kind: 'note', text: `Flagged for MDT: ${brief(question)}` });
  return { id, changed: false };
}

/** Takes the case off the MDT list (discussed, or no longer needed). Allowed after the case ends. */
export async function clearMdtFlag(ctx: Ctx, row: ReferralRow): Promise<number> {
  const open = await openMdtFlag(ctx.db, row.id);
  if (!open) throw new AppError('CONFLICT', 'This case is not flagged for MDT.');
  await ctx.db
    .updateTable('case_mdt_flag')
    .set({ cleared_at: ctx.now.toISOString(), cleared_by_name: ctx.actor.fullName })
    .where('id', '=', open.id)
    .execute();
  await addEvent(ctx, row.id, { kind: 'note', text: 'Taken off the MDT list' });
  return open.id;
}

export interface FlaggedCase {
  flagId: number;
  referralId: number;
  patientName: string;
  nhsNumber: string;
  status: ReferralStatus;
  question: string;
  flaggedByName: string;
  flaggedAt: string;
  assignedToName: string | null;
}

/**
 * The cases of a practice flagged for its next MDT, oldest flag first: what the MDT list and agenda
 * are made from. Every flag was consented to when it was made. Cases that have since ended stay
 * listed (with their status) until someone clears the flag.
 */
export async function flaggedForMdt(db: Db, practiceId: number): Promise<FlaggedCase[]> {
  const rows = await db
    .selectFrom('case_mdt_flag as f')
    .innerJoin('referral as r', 'r.id', 'f.referral_id')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .leftJoin('app_user as a', 'a.id', 'r.assigned_to_user_id')
    .select([
      'f.id', 'f.referral_id', 'f.question', 'f.flagged_by_name', 'f.flagged_at', 'r.status',
      'p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number', 'a.full_name as assigned_name',
    ])
    .where('f.practice_id', '=', practiceId)
    .where('f.cleared_at', 'is', null)
    .orderBy('f.flagged_at')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({
    flagId: r.id,
    referralId: r.referral_id,
    patientName: displayName(r),
    nhsNumber: r.nhs_number,
    status: r.status as ReferralStatus,
    question: r.question,
    flaggedByName: r.flagged_by_name,
    flaggedAt: r.flagged_at,
    assignedToName: r.assigned_name,
  }));
}
