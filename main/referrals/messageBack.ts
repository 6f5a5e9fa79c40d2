import { AppError } from '../contract/errors';
import {
  endStates, type MessageBack, type MessageBackContent, reasonLabels, type ReferralDetails, type ReferralStatus, statusLabels,
} from '../contract/referrals';
import type { Db } from '../store/database';
import type { MessageBackTable } from '../store/schema';
import type { ReferralRow } from './access';
import { codesDue } from './coding';
import type { Ctx } from './context';
import { ukDate } from './dates';
import { addEvent, timeline } from './events';

type MessageRow = Omit<MessageBackTable, 'id'> & { id: number };

function toMessageBack(r: MessageRow): MessageBack {
  return {
    id: r.id,
    referralId: r.referral_id,
    occasion: r.occasion as MessageBack['occasion'],
    needs: r.needs,
    whatMatters: r.what_matters,
    supportOffered: r.support_offered,
    servicesReferredTo: r.services_referred_to,
    outcomes: r.outcomes,
    createdAt: r.created_at,
    authorName: r.author_name,
    codes: JSON.parse(r.codes) as MessageBack['codes'],
    readAt: r.read_at,
  };
}

/** Messages back of these referrals, oldest first, by referral id. */
export async function messagesFor(db: Db, referralIds: readonly number[]): Promise<Map<number, MessageBack[]>> {
  const out = new Map<number, MessageBack[]>();
  if (referralIds.length === 0) return out;
  const rows = await db.selectFrom('message_back').selectAll().where('referral_id', 'in', referralIds).orderBy('id').execute();
  for (const r of rows) out.set(r.referral_id, [...(out.get(r.referral_id) ?? []), toMessageBack(r)]);
  return out;
}

export async function messageRow(db: Db, id: number): Promise<MessageRow> {
  const row = await db.selectFrom('message_back').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That message back does not exist.');
  return row;
}

export function messageFromRow(row: MessageRow): MessageBack {
  return toMessageBack(row);
}

const MAX = 4000;
const clip = (text: string) => (text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text);

function needsFrom(details: ReferralDetails): string {
  const labels = details.reasons.filter((r) => r !== 'other').map((r) => reasonLabels[r]);
  if (details.reasonOther) labels.push(`Other: ${details.reasonOther}`);
  return labels.join('; ');
}

/** Pre-fills the PRSB message back from the form, the timeline and how the referral ended. */
export async function messageBackDraft(db: Db, row: ReferralRow): Promise<MessageBackContent> {
  const details = JSON.parse(row.details) as ReferralDetails;
  const support = (await timeline(db, row.id))
    .filter((e) => e.kind === 'status' && (e.status === 'contacted' || e.status === 'in_progress') && e.text !== '')
    .map((e) => `${ukDate(e.at)}: ${e.text}`);
  const ended = endStates.includes(row.status as ReferralStatus);
  return {
    needs: clip(needsFrom(details)),
    whatMatters: clip(details.whatMatters),
    supportOffered: clip(support.join('\n')),
    servicesReferredTo: clip(row.redirected_to ?? ''),
    outcomes: clip(ended && row.outcome ? `${statusLabels[row.status as ReferralStatus]}: ${row.outcome}` : ''),
  };
}

export async function writeMessageBack(
  ctx: Ctx,
  row: ReferralRow,
  input: MessageBackContent & { occasion: MessageBack['occasion'] },
): Promise<MessageBack> {
  const codes = codesDue(row).map((c) => ({ code: c.code, term: c.term }));
  const inserted = await ctx.db.insertInto('message_back').values({
    referral_id: row.id, occasion: input.occasion, needs: input.needs, what_matters: input.whatMatters,
    support_offered: input.supportOffered, services_referred_to: input.servicesReferredTo, outcomes: input.outcomes,
    codes: JSON.stringify(codes), author_user_id: ctx.actor.id, author_name: ctx.actor.fullName,
    created_at: ctx.now.toISOString(), read_at: null,
  }).returning('id').executeTakeFirstOrThrow();
  await addEvent(ctx, row.id, { kind: 'message', text: `Message back written (${input.occasion})` });
  return toMessageBack(await messageRow(ctx.db, inserted.id));
}

export const MESSAGE_TO_GP_ONLY = 'This referral’s message back goes to the patient’s usual GP only, not to the referrer.';

/** Only the referral's referrer marks its message back as read. */
export async function markMessageRead(ctx: Ctx, messageId: number): Promise<MessageRow> {
  const message = await messageRow(ctx.db, messageId);
  const referral = await ctx.db.selectFrom('referral').select(['referrer_user_id', 'details']).where('id', '=', message.referral_id).executeTakeFirstOrThrow();
  if (referral.referrer_user_id !== ctx.actor.id) {
    throw new AppError('FORBIDDEN', 'Only the person who made the referral can mark its message back as read.');
  }
  if ((JSON.parse(referral.details) as ReferralDetails).messageBackTo === 'usual_gp') {
    throw new AppError('FORBIDDEN', MESSAGE_TO_GP_ONLY);
  }
  if (message.read_at === null) {
    await ctx.db.updateTable('message_back').set({ read_at: ctx.now.toISOString() }).where('id', '=', messageId).execute();
  }
  return message;
}
