import { contactTypeLabels, type ContactType, goalProgressLabels, isAttempt } from '../contract/casework';
import { AppError } from '../contract/errors';
import type { MessageBackContent, ReferralDetails, ReferralStatus } from '../contract/referrals';
import { usesForReferral } from '../directory/uses';
import { measuresForReferral } from '../measures/measures';
import type { ReferralRow } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { ukDate } from '../referrals/dates';
import { transition } from '../referrals/lifecycle';
import { messageBackDraft } from '../referrals/messageBack';
import type { Db } from '../store/database';
import { assertWorking } from './access';
import { FIRST_CONTACT } from './contacts';
import { goalsOf, planOf } from './caseFile';

/** Closes the case through the referral's lifecycle, with the outcome summary as its reason. */
export async function closeCase(ctx: Ctx, row: ReferralRow, outcomeSummary: string): Promise<void> {
  assertWorking(row, 'close it');
  if ((row.status as ReferralStatus) === 'accepted') {
    throw new AppError(
      'CONFLICT',
      'Nobody has reached the person yet, so the case cannot be closed with an outcome. Record a contact first, ' +
        'or end the referral as unable to contact, declined or redirected.',
    );
  }
  await transition(ctx, row, { id: row.id, to: 'closed', reason: outcomeSummary, redirectedTo: '' });
}

const MAX = 4000;
const clip = (text: string) => (text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text);
const join = (...parts: string[]) => parts.filter((p) => p.trim() !== '').join('\n');

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "6 contacts from 03/02/2026 to 10/04/2026: 4 face to face at the practice, 2 phone calls; 1 did not attend." */
async function contactsLine(db: Db, referralId: number): Promise<string> {
  const rows = await db
    .selectFrom('case_contact')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('at').as('first'), (eb) => eb.fn.max('at').as('last')])
    .where('referral_id', '=', referralId)
    .groupBy('type')
    .execute();
  const reached = rows.filter((r) => !isAttempt(r.type as ContactType));
  if (reached.length === 0) return '';
  const total = reached.reduce((n, r) => n + Number(r.n), 0);
  const first = reached.map((r) => r.first).sort()[0]!;
  const last = reached.map((r) => r.last).sort().at(-1)!;
  const kinds = reached.map((r) => `${Number(r.n)} ${contactTypeLabels[r.type as ContactType].toLowerCase()}`).join(', ');
  const missed = rows.filter((r) => isAttempt(r.type as ContactType)).map((r) => `${Number(r.n)} ${contactTypeLabels[r.type as ContactType].toLowerCase()}`);
  const span = first.slice(0, 10) === last.slice(0, 10) ? `on ${ukDate(first)}` : `from ${ukDate(first)} to ${ukDate(last)}`;
  return `${plural(total, 'contact')} ${span} (${kinds})${missed.length ? `; ${missed.join(', ')}` : ''}.`;
}

function takenUpText(takenUp: boolean | null): string {
  return takenUp === null ? 'take-up not known yet' : takenUp ? 'taken up' : 'not taken up';
}

/**
 * The message back pre-filled from the referral and the case: the referral's draft (needs, status
 * notes, how it ended) is the base; the case adds the plan's words, the contacts, the goals, the
 * services signposted or referred to and whether they were taken up, and the change in the
 * wellbeing measures since baseline. A referral with no casework gets the referral's draft as it is.
 */
export async function caseMessageBackDraft(db: Db, row: ReferralRow): Promise<MessageBackContent> {
  const base = await messageBackDraft(db, row);
  const details = JSON.parse(row.details) as ReferralDetails;
  const plan = await planOf(db, row.id, details);
  const goals = await goalsOf(db, row.id);
  const uses = await usesForReferral(db, row.id);
  const { series } = await measuresForReferral(db, row.id);

  const goalLines = goals
    .filter((g) => g.progress !== 'no_longer_relevant')
    .map((g) => `- ${g.text} (${goalProgressLabels[g.progress].toLowerCase()})`);
  const relevant = goals.filter((g) => g.progress !== 'no_longer_relevant');
  const achieved = relevant.filter((g) => g.progress === 'achieved');
  const goalsText = relevant.length === 0 ? '' : join(`Goals: ${achieved.length} of ${relevant.length} achieved.`, ...goalLines);

  const serviceLines = [...uses]
    .reverse()
    .map((u) => `${u.kind === 'referred' ? 'Referred' : 'Signposted'} to ${u.serviceName}${u.organisation ? ` (${u.organisation})` : ''} on ${ukDate(u.onDate)}: ${takenUpText(u.takenUp)}${u.feedback ? `. ${u.feedback}` : ''}`);
  const takenUp = uses.filter((u) => u.takenUp === true).length;
  const servicesSummary = uses.length === 0 ? '' : `Services taken up: ${takenUp} of ${uses.length}.`;

  const changes = series.filter((s) => s.change !== null).map((s) => s.change!.description);
  const measuresText = changes.length === 0 ? '' : join('Wellbeing measures, change from baseline:', ...changes.map((c) => `- ${c}`));

  // The contacts line says when the person was first reached: the automatic status note would repeat it.
  const contacts = await contactsLine(db, row.id);
  const baseSupport = base.supportOffered.split('\n').filter((line) => !(contacts && line.includes(`: ${FIRST_CONTACT} `)));

  return {
    needs: base.needs,
    whatMatters: clip(plan.whatMatters),
    supportOffered: clip(join(contacts, ...baseSupport)),
    servicesReferredTo: clip(join(...serviceLines, base.servicesReferredTo)),
    outcomes: clip(join(base.outcomes, goalsText, servicesSummary, measuresText)),
  };
}
