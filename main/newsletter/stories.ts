import type { z } from 'zod';
import { loadCaseFile } from '../casework';
import { instrumentShortNames } from '../contract/measures';
import { AppError } from '../contract/errors';
import {
  type ConsentHow,
  ConsentInput,
  type ConsentScope,
  consentScopeLabels,
  type IssueRef,
  type Story,
  type StoryCandidate,
  StoryInput,
  type StoryStatus,
  type StorySummary,
  type StoryTexts,
  WithdrawConsentInput,
} from '../contract/newsletter';
import { type Reason, reasonLabels, type ReferralDetails, referralSourceLabels, type ReferralStatus } from '../contract/referrals';
import { usesForReferral } from '../directory/uses';
import { measuresForReferral } from '../measures/measures';
import { ukDate } from '../referrals/dates';
import { displayName } from '../referrals/patients';
import type { Db } from '../store/database';
import { checkStory } from './check';
import { monthLabel } from './figures';
import { reviewOf, unansweredComments } from './review';
import { addStoryEvent, type Ctx, storyRow, type StoryRow, texts } from './storyRows';

export { type Ctx, coveredStory, storyRow, type StoryRow } from './storyRows';

async function practiceNames(db: Db): Promise<Map<number, string>> {
  return new Map((await db.selectFrom('practice').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
}

function summaryOf(row: StoryRow, practices: Map<number, string>): StorySummary {
  return {
    id: row.id,
    referralId: row.referral_id,
    practiceId: row.practice_id,
    practiceName: practices.get(row.practice_id) ?? '',
    title: row.title,
    status: row.status as StoryStatus,
    consentScope: (row.consent_scope as ConsentScope | null) ?? null,
    consentWithdrawn: row.consent_withdrawn_on !== null,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
    createdByName: row.created_by_name,
  };
}

export async function listStories(db: Db, practiceIds: readonly number[], status?: StoryStatus): Promise<StorySummary[]> {
  if (practiceIds.length === 0) return [];
  let q = db.selectFrom('story').selectAll().where('practice_id', 'in', practiceIds);
  if (status) q = q.where('status', '=', status);
  const rows = await q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  const practices = await practiceNames(db);
  return rows.map((r) => summaryOf(r, practices));
}

/** "June 2026, Riverside PCN"; a correction "June 2026, Riverside PCN (correction, version 2)". */
export function issueLabel(month: string, audience: string, version = 1): string {
  return `${monthLabel(month)}, ${audience}${version > 1 ? ` (correction, version ${version})` : ''}`;
}

export async function audienceName(db: Db, practiceId: number | null): Promise<string> {
  if (practiceId === null) {
    const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
    return pcn?.value ?? 'the PCN';
  }
  const p = await db.selectFrom('practice').select('name').where('id', '=', practiceId).executeTakeFirst();
  return p?.name ?? '';
}

/** The issues that used a story, newest first. */
export async function issuesUsing(db: Db, storyId: number): Promise<IssueRef[]> {
  const rows = await db
    .selectFrom('newsletter_issue_story as s')
    .innerJoin('newsletter_issue as i', 'i.id', 's.issue_id')
    .select(['i.id', 'i.month', 'i.practice_id', 'i.status', 'i.version'])
    .where('s.story_id', '=', storyId)
    .orderBy('i.month', 'desc')
    .orderBy('i.version', 'desc')
    .execute();
  return Promise.all(rows.map(async (r) => ({ issueId: r.id, label: issueLabel(r.month, await audienceName(db, r.practice_id), r.version), status: r.status as IssueRef['status'] })));
}

function consentOf(row: StoryRow): Story['consent'] {
  if (row.consent_on === null) return null;
  return {
    givenOn: row.consent_on,
    how: row.consent_how as ConsentHow,
    takenBy: row.consent_taken_by ?? '',
    scope: row.consent_scope as ConsentScope,
    recordedAt: row.consent_recorded_at ?? '',
    withdrawnOn: row.consent_withdrawn_on,
    withdrawnNote: row.consent_withdrawn_note,
  };
}

/** What stands in the way of approving the story, in plain words. */
export function approvalBlockers(row: Pick<StoryRow, 'consent_on' | 'consent_withdrawn_on'>, unresolved: number): string[] {
  const out: string[] = [];
  if (row.consent_on === null) out.push('Record the person’s consent to use the story.');
  else if (row.consent_withdrawn_on !== null) out.push(`Consent was withdrawn on ${ukDate(row.consent_withdrawn_on)}: the story cannot be used.`);
  if (unresolved > 0) out.push(`Resolve ${unresolved === 1 ? 'the finding' : `all ${unresolved} findings`} of the de-identification check: change the words, or mark ${unresolved === 1 ? 'it' : 'each'} acceptable with a reason.`);
  return out;
}

async function caseLabel(db: Db, referralId: number): Promise<string> {
  const r = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .innerJoin('practice as pr', 'pr.id', 'r.practice_id')
    .select(['r.id', 'r.status', 'p.given_name', 'p.family_name', 'p.preferred_name', 'pr.name'])
    .where('r.id', '=', referralId)
    .executeTakeFirstOrThrow();
  return `${displayName(r)} · referral ${r.id} · ${r.name}`;
}

export async function loadStory(db: Db, id: number, now: Date): Promise<Story> {
  const row = await storyRow(db, id);
  const { findings, unresolved } = await checkStory(db, row.referral_id, texts(row), row.id, now);
  const history = await db.selectFrom('story_event').select(['at', 'by_name', 'kind', 'text']).where('story_id', '=', id).orderBy('id', 'desc').execute();
  const review = await reviewOf(db, row);
  const blockers = approvalBlockers(row, unresolved);
  return {
    ...summaryOf(row, await practiceNames(db)),
    text: row.text,
    quote: row.quote,
    outcomes: row.outcomes,
    caseLabel: await caseLabel(db, row.referral_id),
    consent: consentOf(row),
    findings,
    unresolved,
    returnComment: row.return_comment,
    approvedByName: row.approved_by_name,
    approvedAt: row.approved_at,
    blockers,
    submitBlockers: [...blockers, ...unansweredComments(row, review)],
    review,
    usedIn: await issuesUsing(db, id),
    history: history.map((h) => ({ at: h.at, byName: h.by_name, kind: h.kind, text: h.text })),
  };
}

// ---------------------------------------------------------------- starting a story from a case

const CANDIDATE_LIMIT = 300;

/** Closed cases first (the usual source of a positive story), then those still being worked. */
export async function storyCandidates(db: Db, practiceIds: readonly number[]): Promise<StoryCandidate[]> {
  if (practiceIds.length === 0) return [];
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .leftJoin('story as s', 's.referral_id', 'r.id')
    .select(['r.id', 'r.status', 'r.status_changed_at', 'p.given_name', 'p.family_name', 'p.preferred_name', 's.id as story_id'])
    .where('r.practice_id', 'in', practiceIds)
    .where('r.status', 'in', ['closed', 'contacted', 'in_progress'])
    .orderBy((eb) => eb.case().when('r.status', '=', 'closed').then(0).else(1).end())
    .orderBy('r.status_changed_at', 'desc')
    .limit(CANDIDATE_LIMIT)
    .execute();
  const seen = new Set<number>();
  return rows.flatMap((r) => {
    if (seen.has(r.id)) return [];
    seen.add(r.id);
    const status = r.status === 'closed' ? `closed ${ukDate(r.status_changed_at)}` : 'in progress';
    return [{ referralId: r.id, label: `${displayName(r)}, referral ${r.id} (${status})`, status: r.status, hasStory: r.story_id !== null }];
  });
}

const headlines: Readonly<Record<Reason, string>> = {
  loneliness: 'Feeling part of things again',
  mental_wellbeing: 'Feeling more like themselves',
  long_term_condition: 'Living well with a long-term condition',
  physical_activity: 'Moving more, feeling better',
  weight: 'Small changes, a big difference',
  housing: 'A safer, warmer home',
  money: 'On top of money worries',
  employment: 'A step back into work',
  carers: 'Support for a carer',
  bereavement: 'Finding a way through grief',
  practical_help: 'Help with the practical things',
  substance_use: 'Making a change',
  other: 'A story of support',
};

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function points(n: number, decimals: number): string {
  const v = Math.abs(n).toFixed(decimals);
  return `${v} ${v === (1).toFixed(decimals) ? 'point' : 'points'}`;
}

/**
 * A first draft from what Signpost knows: why the person was referred, what mattered to them, the
 * support and services, goals achieved and the change in each wellbeing measure, in plain words.
 * The link worker rewrites it in their own words; the check then runs on whatever they keep.
 */
export async function prefillStory(db: Db, referralId: number): Promise<StoryTexts> {
  const row = await db.selectFrom('referral').select(['details', 'status']).where('id', '=', referralId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That case does not exist.');
  const details = JSON.parse(row.details) as ReferralDetails;
  const file = await loadCaseFile(db, referralId, { withNotes: false });
  const uses = await usesForReferral(db, referralId);
  const { series } = await measuresForReferral(db, referralId);

  const reasons = details.reasons.filter((r) => r !== 'other').map((r) => reasonLabels[r].toLowerCase());
  if (details.reasons.includes('other') && details.reasonOther) reasons.push(details.reasonOther.toLowerCase());
  const source = referralSourceLabels[details.source];
  const reached = file.contacts.filter((c) => c.type !== 'did_not_attend' && c.type !== 'unable_to_reach').length;
  const services = [...new Set(uses.map((u) => u.serviceName))];
  const takenUp = [...new Set(uses.filter((u) => u.takenUp === true).map((u) => u.serviceName))];

  const paragraphs = [
    `The person was referred to social prescribing (${source === 'Self-referral' ? 'a self-referral' : `by the ${source === 'GP' ? 'GP' : source.toLowerCase()}`}) for support with ${listOf(reasons) || 'several things'}.`,
    `What mattered most to them: ${file.plan.whatMatters.trim()}`,
    reached > 0 ? `Their link worker met or spoke with them ${reached === 1 ? 'once' : `${reached} times`}, working through a plan together.` : '',
    services.length > 0 ? `Together they found ${listOf(services)}.` : '',
    '[In your own words: what changed for them, and what made the difference.]',
  ].filter((p) => p !== '');

  const achieved = file.goals.filter((g) => g.progress === 'achieved');
  const relevant = file.goals.filter((g) => g.progress !== 'no_longer_relevant');
  const outcomes: string[] = [];
  if (relevant.length > 0) outcomes.push(`Goals achieved: ${achieved.length} of ${relevant.length}${achieved.length ? ` (${achieved.map((g) => g.text.trim()).join('; ')})` : ''}`);
  if (takenUp.length > 0) outcomes.push(`Services taken up: ${listOf(takenUp)}`);
  for (const s of series) {
    if (!s.change) continue;
    const c = s.change;
    const decimals = s.key === 'swemwbs_metric' ? 1 : 0;
    const name = s.key === 'swemwbs_metric' ? 'SWEMWBS wellbeing' : s.key === 'ucla_total' ? instrumentShortNames.ucla3 : `ONS4 ${s.label.toLowerCase()}`;
    const movement = c.difference === 0 ? 'no change' : `${c.difference > 0 ? 'up' : 'down'} ${points(c.difference, decimals)}`;
    const better = c.better === null ? '' : c.better ? ', better' : ', worse';
    // In words, not an arrow: the line goes into every format, and the PDF font has no arrow.
    outcomes.push(`${name} ${movement} (from ${c.baseline.toFixed(decimals)} to ${c.latest.toFixed(decimals)}${better})`);
  }
  const main = details.reasons[0] ?? 'other';
  return { title: headlines[main], text: paragraphs.join('\n\n'), quote: '', outcomes: outcomes.join('\n') };
}

// ---------------------------------------------------------------- changing a story

export async function saveStory(ctx: Ctx, input: z.output<typeof StoryInput>): Promise<{ id: number; created: boolean; reopened: boolean }> {
  const at = ctx.now.toISOString();
  const values = { title: input.title, text: input.text, quote: input.quote, outcomes: input.outcomes, updated_at: at, updated_by_name: ctx.actor.fullName };
  if (input.id === undefined) {
    const referral = await ctx.db.selectFrom('referral').select(['practice_id', 'status']).where('id', '=', input.referralId).executeTakeFirst();
    if (!referral) throw new AppError('NOT_FOUND', 'That case does not exist.');
    if (['received', 'declined', 'redirected', 'unable_to_contact'].includes(referral.status as ReferralStatus)) {
      throw new AppError('CONFLICT', 'A story is written from a case the link worker has worked: this referral was never taken on.');
    }
    const { id } = await ctx.db
      .insertInto('story')
      .values({ ...values, referral_id: input.referralId, practice_id: referral.practice_id, status: 'draft', created_by: ctx.actor.id, created_by_name: ctx.actor.fullName, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addStoryEvent(ctx, id, 'created');
    return { id, created: true, reopened: false };
  }
  const row = await storyRow(ctx.db, input.id);
  if (row.referral_id !== input.referralId) throw new AppError('VALIDATION', 'A story stays with the case it was written from.');
  const changed = row.title !== input.title || row.text !== input.text || row.quote !== input.quote || row.outcomes !== input.outcomes;
  // A change after submission or approval needs a fresh look: back to draft, approval cleared.
  const reopened = changed && (row.status === 'approved' || row.status === 'submitted');
  await ctx.db
    .updateTable('story')
    .set({ ...values, ...(reopened ? { status: 'draft', approved_at: null, approved_by_name: null } : {}) })
    .where('id', '=', row.id)
    .execute();
  if (changed) await addStoryEvent(ctx, row.id, 'changed', reopened ? `changed after it was ${row.status === 'approved' ? 'approved' : 'submitted'}: back to draft` : '');
  return { id: row.id, created: false, reopened };
}

async function assertCleared(ctx: Ctx, row: StoryRow, doing: string): Promise<void> {
  const { unresolved } = await checkStory(ctx.db, row.referral_id, texts(row), row.id, ctx.now);
  const blockers = approvalBlockers(row, unresolved);
  if (blockers.length > 0) throw new AppError('CONFLICT', `The story cannot be ${doing} yet. ${blockers.join(' ')}`);
}

export async function submitStory(ctx: Ctx, row: StoryRow): Promise<void> {
  if (row.status === 'submitted' || row.status === 'approved') throw new AppError('CONFLICT', `This story is already ${row.status === 'approved' ? 'approved' : 'waiting for approval'}.`);
  // A returned story goes back only once each of the manager's comments has an answer: a change or a reply.
  const unanswered = unansweredComments(row, await reviewOf(ctx.db, row));
  if (unanswered.length > 0) throw new AppError('CONFLICT', `The story cannot go back to the practice manager yet. ${unanswered.join(' ')}`);
  await assertCleared(ctx, row, 'sent for approval');
  await ctx.db.updateTable('story').set({ status: 'submitted', updated_at: ctx.now.toISOString() }).where('id', '=', row.id).execute();
  await addStoryEvent(ctx, row.id, 'submitted');
}

export async function approveStory(ctx: Ctx, row: StoryRow): Promise<void> {
  if (row.status !== 'submitted') throw new AppError('CONFLICT', row.status === 'approved' ? 'This story is already approved.' : 'The link worker has not sent this story for approval yet.');
  await assertCleared(ctx, row, 'approved');
  const at = ctx.now.toISOString();
  await ctx.db.updateTable('story').set({ status: 'approved', approved_at: at, approved_by_name: ctx.actor.fullName, return_comment: null }).where('id', '=', row.id).execute();
  await addStoryEvent(ctx, row.id, 'approved');
}

export async function acceptFinding(ctx: Ctx, row: StoryRow, key: string, reason: string): Promise<void> {
  const { findings } = await checkStory(ctx.db, row.referral_id, texts(row), row.id, ctx.now);
  const f = findings.find((x) => x.key === key);
  if (!f) throw new AppError('NOT_FOUND', 'That finding is no longer in the story: check it again.');
  if (f.accepted) throw new AppError('CONFLICT', 'That finding is already marked acceptable.');
  await ctx.db.insertInto('story_finding_accepted').values({ story_id: row.id, finding_key: key, reason, by_name: ctx.actor.fullName, at: ctx.now.toISOString() }).execute();
  await addStoryEvent(ctx, row.id, 'finding accepted', `“${f.text}” (${f.kind.replace('_', ' ')}): ${reason}`);
}

export async function recordConsent(ctx: Ctx, row: StoryRow, input: z.output<typeof ConsentInput>): Promise<void> {
  await ctx.db
    .updateTable('story')
    .set({
      consent_on: input.givenOn,
      consent_how: input.how,
      consent_taken_by: input.takenBy,
      consent_scope: input.scope,
      consent_recorded_at: ctx.now.toISOString(),
      consent_withdrawn_on: null,
      consent_withdrawn_note: null,
      consent_withdrawn_recorded_by_name: null,
    })
    .where('id', '=', row.id)
    .execute();
  await addStoryEvent(ctx, row.id, 'consent recorded', `${consentScopeLabels[input.scope]}; given ${ukDate(input.givenOn)}, taken by ${input.takenBy}`);
}

/**
 * Withdrawal: the story can go in no new issue (eligibility reads the withdrawal), and the manager
 * gets a notice naming every issue that already used it.
 */
export async function withdrawConsent(ctx: Ctx, row: StoryRow, input: z.output<typeof WithdrawConsentInput>): Promise<IssueRef[]> {
  if (row.consent_on === null) throw new AppError('CONFLICT', 'No consent is recorded for this story, so there is none to withdraw.');
  if (row.consent_withdrawn_on !== null) throw new AppError('CONFLICT', `Consent was already withdrawn on ${ukDate(row.consent_withdrawn_on)}.`);
  if (input.withdrawnOn < row.consent_on) {
    throw new AppError('VALIDATION', 'Consent cannot be withdrawn before it was given.', { withdrawnOn: [`Consent was given on ${ukDate(row.consent_on)}: the withdrawal cannot be earlier`] });
  }
  await ctx.db
    .updateTable('story')
    .set({ consent_withdrawn_on: input.withdrawnOn, consent_withdrawn_note: input.note, consent_withdrawn_recorded_by_name: ctx.actor.fullName, updated_at: ctx.now.toISOString() })
    .where('id', '=', row.id)
    .execute();
  await addStoryEvent(ctx, row.id, 'consent withdrawn', input.note);
  const used = await issuesUsing(ctx.db, row.id);
  const past = used.filter((u) => u.status !== 'draft');
  const drafts = used.filter((u) => u.status === 'draft');
  const parts = [`Consent for the story “${row.title}” was withdrawn on ${ukDate(input.withdrawnOn)}. It can go into no new issue.`];
  if (past.length > 0) parts.push(`It was used in: ${past.map((u) => `${u.label} (${u.status === 'sent' ? 'sent' : 'final'})`).join('; ')}. Do not send or share those issues again.`);
  if (drafts.length > 0) parts.push(`Take it out of the draft ${drafts.length === 1 ? 'issue' : 'issues'}: ${drafts.map((u) => u.label).join('; ')}.`);
  await ctx.db.insertInto('newsletter_notice').values({ story_id: row.id, text: parts.join(' '), created_at: ctx.now.toISOString() }).execute();
  return used;
}
