import { costLabels, howToReferLabels, type Cost, type HowToRefer } from '../contract/directory';
import { AppError } from '../contract/errors';
import {
  type ConsentScope,
  consentScopeLabels,
  consentScopeRank,
  type ExportFormat,
  IssueDraft,
  type IssueDetail,
  type IssueStatus,
  type IssueSummary,
  type StoryOption,
} from '../contract/newsletter';
import { SNOMED } from '../contract/nhs';
import { arrowsInWords, mastheadDataUrl, NewsletterContent, newsletterHtml, newsletterMimeTypes, renderNewsletter } from '../export/newsletter';
import { plainText, ukDate } from '../export/format';
import { calendarMonth } from '../mdt/schedule';
import { coveredPracticeIds } from '../referrals/access';
import type { Db } from '../store/database';
import { addMonths, figuresFor, monthLabel } from './figures';
import { audienceName, type Ctx, issueLabel } from './stories';

export const NEWSLETTER_TITLE = 'Social prescribing newsletter';

export const DEFAULT_HOW_TO_REFER =
  'Anyone in the practice team can refer: GPs, nurses, other clinicians, reception and care navigators. ' +
  'Talk it through with the patient and agree the referral with them, then open Signpost and choose “New referral”. ' +
  'The link worker gets in touch with the patient and sends a message back to you.';
export const REFERRAL_RULE = 'Record it when the patient accepts the referral, for the first contact of an episode.';

// ---------------------------------------------------------------- eligibility

export interface StoryForIssue {
  status: string;
  practice_id: number;
  consent_on: string | null;
  consent_scope: string | null;
  consent_withdrawn_on: string | null;
}

/**
 * Why a story may not go into an issue, or null when it may: approved, consent recorded and not
 * withdrawn, and consent wide enough for the issue's readers (a PCN-wide issue, or another
 * practice's issue, needs consent across the PCN or wider).
 */
export function storyRefusal(story: StoryForIssue, issue: { practiceId: number | null; outsideNhs?: boolean }): string | null {
  if (story.consent_withdrawn_on !== null) return `Consent was withdrawn on ${ukDate(story.consent_withdrawn_on)}.`;
  if (story.status !== 'approved') return 'Not approved yet.';
  if (story.consent_on === null || story.consent_scope === null) return 'No consent recorded.';
  const scope = story.consent_scope as ConsentScope;
  const wideEnough: ConsentScope = issue.outsideNhs ? 'public' : issue.practiceId !== null && issue.practiceId === story.practice_id ? 'practice' : 'pcn';
  if (consentScopeRank[scope] < consentScopeRank[wideEnough]) {
    if (issue.outsideNhs) return `Consent covers ${consentScopeLabels[scope].toLowerCase()}; an issue shared outside the NHS needs consent to share it outside the NHS.`;
    return issue.practiceId === null
      ? `Consent covers ${consentScopeLabels[scope].toLowerCase()}; a PCN-wide issue needs consent across the PCN or wider.`
      : `From another practice, and its consent covers ${consentScopeLabels[scope].toLowerCase()}.`;
  }
  return null;
}

// ---------------------------------------------------------------- reading

async function issueRow(db: Db, id: number) {
  const row = await db.selectFrom('newsletter_issue').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That issue does not exist.');
  return row;
}
type IssueRow = Awaited<ReturnType<typeof issueRow>>;

/** The issue, if the manager covers its practice (any manager for a PCN-wide issue). */
export async function coveredIssue(db: Db, userId: number, id: number): Promise<IssueRow> {
  const row = await issueRow(db, id);
  if (row.practice_id !== null && !(await coveredPracticeIds(db, userId)).includes(row.practice_id)) {
    throw new AppError('FORBIDDEN', 'This issue is for a practice you do not work at.');
  }
  return row;
}

async function allPracticeIds(db: Db): Promise<number[]> {
  return (await db.selectFrom('practice').select('id').orderBy('id').execute()).map((p) => p.id);
}

async function practicesOf(db: Db, issue: { practice_id: number | null }): Promise<number[]> {
  return issue.practice_id === null ? allPracticeIds(db) : [issue.practice_id];
}

function draftOf(row: IssueRow): IssueDraft {
  return IssueDraft.parse(JSON.parse(row.draft));
}

function contentOf(row: IssueRow): NewsletterContent | null {
  return row.content === null ? null : NewsletterContent.parse(JSON.parse(row.content));
}

async function withdrawnCount(db: Db, issueId: number): Promise<number> {
  const r = await db
    .selectFrom('newsletter_issue_story as s')
    .innerJoin('story', 'story.id', 's.story_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('s.issue_id', '=', issueId)
    .where('story.consent_withdrawn_on', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function correctedBy(db: Db, issueId: number): Promise<number | null> {
  const r = await db.selectFrom('newsletter_issue').select('id').where('corrects_issue_id', '=', issueId).orderBy('id').executeTakeFirst();
  return r?.id ?? null;
}

async function summaryOf(db: Db, row: IssueRow): Promise<IssueSummary> {
  const audience = await audienceName(db, row.practice_id);
  const draft = draftOf(row);
  const content = contentOf(row);
  return {
    id: row.id,
    month: row.month,
    label: issueLabel(row.month, audience, row.version),
    practiceId: row.practice_id,
    audience,
    status: row.status as IssueStatus,
    storyCount: content ? content.stories.length : draft.storyIds.length,
    updatedAt: row.updated_at,
    finalisedAt: row.finalised_at,
    sentOn: row.sent_on,
    withdrawnStories: await withdrawnCount(db, row.id),
    version: row.version,
    correctsIssueId: row.corrects_issue_id,
    correctionNote: row.correction_note,
    correctedByIssueId: await correctedBy(db, row.id),
    withdrawnAt: row.withdrawn_at,
    withdrawnByName: row.withdrawn_by_name,
    withdrawnReason: row.withdrawn_reason,
  };
}

export async function listIssues(db: Db, userId: number): Promise<IssueSummary[]> {
  const covered = await coveredPracticeIds(db, userId);
  const rows = await db.selectFrom('newsletter_issue').selectAll().orderBy('month', 'desc').orderBy('practice_id').orderBy('version', 'desc').limit(240).execute();
  return Promise.all(rows.filter((r) => r.practice_id === null || covered.includes(r.practice_id)).map((r) => summaryOf(db, r)));
}

/** Approved stories of the PCN that could go in, and any already chosen, each with its refusal if it cannot. */
async function storyOptions(db: Db, issue: { practiceId: number | null; outsideNhs: boolean }, chosen: readonly number[]): Promise<StoryOption[]> {
  const rows = await db
    .selectFrom('story as s')
    .innerJoin('practice as p', 'p.id', 's.practice_id')
    .select(['s.id', 's.title', 's.status', 's.practice_id', 's.consent_on', 's.consent_scope', 's.consent_withdrawn_on', 'p.name as practice_name'])
    .where((eb) => eb.or([eb('s.status', '=', 'approved'), ...(chosen.length ? [eb('s.id', 'in', chosen)] : [])]))
    .orderBy('s.approved_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    practiceName: r.practice_name,
    consentScope: (r.consent_scope as ConsentScope | null) ?? null,
    refusal: storyRefusal(r, issue),
  }));
}

function problemsOf(draft: IssueDraft, options: readonly StoryOption[]): string[] {
  const out: string[] = [];
  if (draft.storyIds.length === 0) out.push('Choose at least one story.');
  for (const id of draft.storyIds) {
    const o = options.find((x) => x.id === id);
    if (!o) out.push(`Story ${id} is no longer available.`);
    else if (o.refusal) out.push(`“${o.title}” cannot go in: ${o.refusal}`);
  }
  return out;
}

/** Worth saying, never in the way: a month with one good story still makes an issue. */
function notesOf(draft: IssueDraft): string[] {
  return draft.storyIds.length === 1 ? ['One story this month, and that is fine: two to four make a fuller issue, if more are approved in time.'] : [];
}

export async function issueDetail(db: Db, id: number, now: Date): Promise<IssueDetail> {
  const row = await issueRow(db, id);
  const draft = draftOf(row);
  const issue = { practiceId: row.practice_id, outsideNhs: draft.outsideNhs };
  const content = contentOf(row);
  const options = await storyOptions(db, issue, draft.storyIds);
  const practiceIds = await practicesOf(db, row);
  const services = await db.selectFrom('service').select(['id', 'name']).where('active', '=', 1).orderBy('name').limit(2000).execute();
  const workers = await db
    .selectFrom('app_user as u')
    .innerJoin('user_practice as up', 'up.user_id', 'u.id')
    .select('u.full_name')
    .distinct()
    .where('u.role', '=', 'link_worker')
    .where('u.enabled', '=', 1)
    .where('up.practice_id', 'in', practiceIds)
    .orderBy('u.full_name')
    .execute();
  const files = await db.selectFrom('newsletter_issue_file').select(['format', 'file_name', 'created_at']).where('issue_id', '=', id).orderBy('created_at').execute();
  return {
    summary: await summaryOf(db, row),
    draft,
    stories: options,
    services,
    linkWorkers: workers.map((w) => w.full_name),
    figures: content ? content.figures : await figuresFor(db, practiceIds, row.month),
    problems: row.status === 'draft' ? problemsOf(draft, options) : [],
    notes: row.status === 'draft' ? notesOf(draft) : [],
    files: files.map((f) => ({ format: f.format, fileName: f.file_name, createdAt: f.created_at })),
    mdtCalendar: content ? [] : await upcomingMdtMeetings(db, row, now),
  };
}

// ---------------------------------------------------------------- upcoming MDT meetings

const MDT_MEETINGS = 6;

/**
 * The next MDT meetings of the issue's practices, from the MDT calendar: from today (or the issue's
 * month, if later) over the issue's month and the two after it.
 */
export async function upcomingMdtMeetings(db: Db, row: { month: string; practice_id: number | null }, now: Date): Promise<{ date: string; note: string }[]> {
  const practiceIds = new Set(await practicesOf(db, row));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now);
  const from = `${row.month}-01` > today ? `${row.month}-01` : today;
  const out: { date: string; note: string; time: string }[] = [];
  for (let i = 0; i < 3; i += 1) {
    const { meetings } = await calendarMonth(db, addMonths(row.month, i), now);
    for (const m of meetings) {
      if (m.status !== 'scheduled' || m.date < from || !practiceIds.has(m.practiceId)) continue;
      out.push({ date: m.date, time: m.startTime, note: [m.practiceName, `${m.startTime} to ${m.endTime}`, m.place].filter((x) => x.trim() !== '').join(', ') });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.time.localeCompare(b.time)).slice(0, MDT_MEETINGS).map(({ date, note }) => ({ date, note }));
}

// ---------------------------------------------------------------- composing

export async function createIssue(ctx: Ctx, month: string, practiceId: number | null): Promise<number> {
  if (practiceId !== null && !(await coveredPracticeIds(ctx.db, ctx.actor.id)).includes(practiceId)) {
    throw new AppError('FORBIDDEN', 'You do not work at that practice.', { practiceId: ['You do not work at that practice'] });
  }
  const scopeKey = practiceId === null ? 'pcn' : String(practiceId);
  const existing = await ctx.db.selectFrom('newsletter_issue').select('id').where('month', '=', month).where('scope_key', '=', scopeKey).executeTakeFirst();
  if (existing) {
    const message = `There is already an issue for ${monthLabel(month)} for ${await audienceName(ctx.db, practiceId)}: open it from the list. To change one already finalised or sent, open it and correct it as a new version.`;
    throw new AppError('CONFLICT', message, { month: [message] });
  }
  const at = ctx.now.toISOString();
  const draft: IssueDraft = {
    editorial: '',
    storyIds: [],
    spotlightServiceId: null,
    spotlightNote: '',
    linkWorkerName: '',
    linkWorkerText: '',
    mdtDates: [],
    howToRefer: DEFAULT_HOW_TO_REFER,
    outsideNhs: false,
  };
  const { id } = await ctx.db
    .insertInto('newsletter_issue')
    .values({ month, practice_id: practiceId, scope_key: scopeKey, status: 'draft', draft: JSON.stringify(draft), created_at: at, updated_at: at, updated_by_name: ctx.actor.fullName })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function assertDraft(row: IssueRow): void {
  if (row.status !== 'draft') throw new AppError('CONFLICT', 'This issue is final: it is kept exactly as it was exported. To change it, correct it as a new version.');
}

function assertNotWithdrawn(row: IssueRow, doing: string): void {
  if (row.withdrawn_at) throw new AppError('CONFLICT', `This issue was withdrawn on ${ukDate(row.withdrawn_at)} (${row.withdrawn_reason ?? 'no reason given'}): it cannot be ${doing}.`);
}

async function checkDraft(db: Db, row: IssueRow, draft: IssueDraft): Promise<void> {
  const fieldErrors: Record<string, string[]> = {};
  if (new Set(draft.storyIds).size !== draft.storyIds.length) fieldErrors.storyIds = ['A story can be in an issue only once'];
  const options = await storyOptions(db, { practiceId: row.practice_id, outsideNhs: draft.outsideNhs }, draft.storyIds);
  const refused = draft.storyIds
    .map((id) => options.find((o) => o.id === id))
    .filter((o): o is StoryOption => o === undefined || o.refusal !== null)
    .map((o) => (o ? `“${o.title}” cannot go in: ${o.refusal}` : 'A chosen story no longer exists'));
  if (refused.length) fieldErrors.storyIds = refused;
  if (draft.spotlightServiceId !== null) {
    const s = await db.selectFrom('service').select('active').where('id', '=', draft.spotlightServiceId).executeTakeFirst();
    if (!s || s.active !== 1) fieldErrors.spotlightServiceId = ['Choose a service that is in the directory'];
  }
  if (Object.keys(fieldErrors).length) throw new AppError('VALIDATION', Object.values(fieldErrors).flat()[0]!, fieldErrors);
}

async function writeStories(db: Db, issueId: number, storyIds: readonly number[]): Promise<void> {
  await db.deleteFrom('newsletter_issue_story').where('issue_id', '=', issueId).execute();
  if (storyIds.length) await db.insertInto('newsletter_issue_story').values(storyIds.map((story_id, position) => ({ issue_id: issueId, story_id, position }))).execute();
}

export async function saveIssue(ctx: Ctx, row: IssueRow, draft: IssueDraft): Promise<void> {
  assertDraft(row);
  await checkDraft(ctx.db, row, draft);
  await ctx.db.updateTable('newsletter_issue').set({ draft: JSON.stringify(draft), updated_at: ctx.now.toISOString(), updated_by_name: ctx.actor.fullName }).where('id', '=', row.id).execute();
  await writeStories(ctx.db, row.id, draft.storyIds);
}

function spotlightDetails(s: { how_to_refer: string; phone: string; email: string; website: string; address: string; postcode: string; opening_times: string; cost: string | null; cost_note: string }): [string, string][] {
  const rows: [string, string][] = [['How to get there', howToReferLabels[s.how_to_refer as HowToRefer] ?? s.how_to_refer]];
  if (s.phone) rows.push(['Phone', s.phone]);
  if (s.email) rows.push(['E-mail', s.email]);
  if (s.website) rows.push(['Website', s.website]);
  const place = [s.address, s.postcode].filter((x) => x.trim() !== '').join(', ');
  if (place) rows.push(['Where', place]);
  if (s.opening_times) rows.push(['When', s.opening_times]);
  if (s.cost) rows.push(['Cost', [costLabels[s.cost as Cost], s.cost_note].filter(Boolean).join(': ')]);
  return rows;
}

/** The issue's content from the composer's fields: what the preview shows and what finalising keeps. */
export async function buildContent(ctx: Ctx, row: IssueRow, draft: IssueDraft): Promise<NewsletterContent> {
  const db = ctx.db;
  const practiceIds = await practicesOf(db, row);
  const storyRows = draft.storyIds.length ? await db.selectFrom('story').select(['id', 'title', 'text', 'quote', 'outcomes']).where('id', 'in', draft.storyIds).execute() : [];
  const stories = draft.storyIds.flatMap((id) => {
    const s = storyRows.find((r) => r.id === id);
    if (!s) return [];
    const lines = plainText(s.outcomes).split('\n').map((l) => arrowsInWords(l.replace(/^[-•*]\s*/, '').trim())).filter((l) => l !== '');
    return [{ id: s.id, title: arrowsInWords(s.title), text: arrowsInWords(s.text), quote: arrowsInWords(s.quote), outcomes: lines }];
  });
  const service = draft.spotlightServiceId === null ? undefined : await db.selectFrom('service').selectAll().where('id', '=', draft.spotlightServiceId).executeTakeFirst();
  const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
  return {
    title: NEWSLETTER_TITLE,
    issueLabel: `${monthLabel(row.month)}${row.version > 1 ? ` (correction, version ${row.version})` : ''}`,
    audience: await audienceName(db, row.practice_id),
    pcnName: pcn?.value ?? '',
    editorial: draft.editorial,
    figures: await figuresFor(db, practiceIds, row.month),
    stories,
    spotlight: service ? { name: service.name, organisation: service.organisation, description: service.description, details: spotlightDetails(service), note: draft.spotlightNote } : null,
    linkWorker: draft.linkWorkerName || draft.linkWorkerText ? { name: draft.linkWorkerName, text: draft.linkWorkerText } : null,
    mdtDates: [...(await upcomingMdtMeetings(db, row, ctx.now)), ...draft.mdtDates.filter((d) => d.date !== '')]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((d) => ({ date: longDate(d.date), note: d.note })),
    howToRefer: { text: draft.howToRefer || DEFAULT_HOW_TO_REFER, code: SNOMED.referral.code, term: SNOMED.referral.term, rule: REFERRAL_RULE },
    generatedAt: ctx.now.toISOString(),
    generatedBy: ctx.actor.fullName,
    correction: await correctionOf(db, row),
  };
}

/** What a correction replaces, in words: "the issue sent on Friday 4 December 2026". */
async function correctionOf(db: Db, row: IssueRow): Promise<NewsletterContent['correction']> {
  if (row.corrects_issue_id === null) return null;
  const old = await issueRow(db, row.corrects_issue_id);
  const replaces = old.sent_on ? `the issue sent on ${longDate(old.sent_on)}` : `the issue finalised on ${ukDate(old.finalised_at ?? old.updated_at)}`;
  return { version: row.version, replaces, note: row.correction_note ?? '' };
}

const longDateFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Tuesday 14 July 2026" (built from its parts: some ICU versions put a comma after the weekday). */
function longDate(iso: string): string {
  const parts = Object.fromEntries(longDateFormat.formatToParts(new Date(`${iso}T00:00:00Z`)).map((p) => [p.type, p.value]));
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

export async function previewHtml(ctx: Ctx, row: IssueRow, draft: IssueDraft | undefined): Promise<string> {
  const content = contentOf(row) ?? (await buildContent(ctx, row, draft ?? draftOf(row)));
  return newsletterHtml(content, { mastheadSrc: mastheadDataUrl() });
}

/** Fixes the issue as it will go out: content (stories and figures) stored and never changed again. */
export async function finaliseIssue(ctx: Ctx, row: IssueRow): Promise<NewsletterContent> {
  assertDraft(row);
  const draft = draftOf(row);
  const problems = problemsOf(draft, await storyOptions(ctx.db, { practiceId: row.practice_id, outsideNhs: draft.outsideNhs }, draft.storyIds));
  if (problems.length) throw new AppError('CONFLICT', `The issue is not ready: ${problems.join(' ')}`);
  const content = await buildContent(ctx, row, draft);
  await ctx.db
    .updateTable('newsletter_issue')
    .set({ status: 'final', content: JSON.stringify(content), finalised_at: ctx.now.toISOString(), finalised_by_name: ctx.actor.fullName, updated_at: ctx.now.toISOString(), updated_by_name: ctx.actor.fullName })
    .where('id', '=', row.id)
    .where('status', '=', 'draft')
    .execute();
  await writeStories(ctx.db, row.id, draft.storyIds);
  return content;
}

const extensions: Readonly<Record<ExportFormat, string>> = { html: 'html', eml: 'eml', pdf: 'pdf', docx: 'docx' };

/**
 * A final issue in one format: made once from the kept content and stored, so every later export
 * of that format gives the very same bytes as the first.
 */
export async function exportIssue(ctx: Ctx, row: IssueRow, format: ExportFormat): Promise<{ fileName: string; mimeType: string; content: Buffer; storyIds: number[] }> {
  const content = contentOf(row);
  if (row.status === 'draft' || content === null) throw new AppError('CONFLICT', 'Finalise the issue first: an export is the issue exactly as it will be sent.');
  assertNotWithdrawn(row, 'exported or sent again');
  const storyIds = content.stories.map((s) => s.id);
  const kept = await ctx.db.selectFrom('newsletter_issue_file').select(['file_name', 'mime_type', 'content']).where('issue_id', '=', row.id).where('format', '=', format).executeTakeFirst();
  if (kept) return { fileName: kept.file_name, mimeType: kept.mime_type, content: Buffer.from(kept.content), storyIds };
  const bytes = await renderNewsletter(content, format);
  const scope = row.practice_id === null ? 'pcn' : `practice-${row.practice_id}`;
  const fileName = `newsletter-${row.month}-${scope}${row.version > 1 ? `-v${row.version}` : ''}.${extensions[format]}`;
  await ctx.db.insertInto('newsletter_issue_file').values({ issue_id: row.id, format, file_name: fileName, mime_type: newsletterMimeTypes[format], content: bytes, created_at: ctx.now.toISOString() }).execute();
  return { fileName, mimeType: newsletterMimeTypes[format], content: bytes, storyIds };
}

export async function markSent(ctx: Ctx, row: IssueRow, sentOn: string): Promise<void> {
  if (row.status === 'draft') throw new AppError('CONFLICT', 'Finalise and export the issue before recording that it was sent.');
  assertNotWithdrawn(row, 'sent');
  if (row.finalised_at && sentOn < row.finalised_at.slice(0, 10)) {
    throw new AppError('VALIDATION', 'It cannot have been sent before it was finalised.', { sentOn: [`The issue was finalised on ${ukDate(row.finalised_at)}`] });
  }
  await ctx.db.updateTable('newsletter_issue').set({ status: 'sent', sent_on: sentOn, updated_at: ctx.now.toISOString(), updated_by_name: ctx.actor.fullName }).where('id', '=', row.id).execute();
}

// ---------------------------------------------------------------- corrections and withdrawal

function assertFinal(row: IssueRow, doing: string): void {
  if (row.status === 'draft') throw new AppError('CONFLICT', `A draft has not gone out: change it instead of ${doing} it.`);
}

/**
 * A correction of a final or sent issue: a new draft of the same month and readers, its composer
 * fields copied, marked as version n + 1 with what it changes. The issue it corrects is not touched:
 * it stays exactly as it was sent, and says which version corrects it.
 */
export async function correctIssue(ctx: Ctx, row: IssueRow, note: string): Promise<number> {
  assertFinal(row, 'correcting');
  const newer = await correctedBy(ctx.db, row.id);
  if (newer !== null) {
    const v = await issueRow(ctx.db, newer);
    throw new AppError('CONFLICT', `This issue is already corrected by version ${v.version}: open that one to correct it again.`);
  }
  const base = row.practice_id === null ? 'pcn' : String(row.practice_id);
  const version = row.version + 1;
  const at = ctx.now.toISOString();
  const draft = draftOf(row);
  const { id } = await ctx.db
    .insertInto('newsletter_issue')
    .values({
      month: row.month, practice_id: row.practice_id, scope_key: `${base}#v${version}`, status: 'draft', draft: JSON.stringify(draft),
      created_at: at, updated_at: at, updated_by_name: ctx.actor.fullName, version, corrects_issue_id: row.id, correction_note: note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeStories(ctx.db, id, draft.storyIds);
  return id;
}

/** Withdrawn: kept for the record with who and why, never exported or sent again. */
export async function withdrawIssue(ctx: Ctx, row: IssueRow, reason: string): Promise<void> {
  assertFinal(row, 'withdrawing');
  assertNotWithdrawn(row, 'withdrawn twice');
  await ctx.db
    .updateTable('newsletter_issue')
    .set({ withdrawn_at: ctx.now.toISOString(), withdrawn_by_name: ctx.actor.fullName, withdrawn_reason: reason, updated_at: ctx.now.toISOString(), updated_by_name: ctx.actor.fullName })
    .where('id', '=', row.id)
    .execute();
}

/** Open notices about stories of the practices the manager works at. */
export async function openNotices(db: Db, userId: number) {
  const practiceIds = await coveredPracticeIds(db, userId);
  if (practiceIds.length === 0) return [];
  const rows = await db
    .selectFrom('newsletter_notice as n')
    .innerJoin('story as s', 's.id', 'n.story_id')
    .select(['n.id', 'n.story_id', 'n.text', 'n.created_at'])
    .where('n.acknowledged_at', 'is', null)
    .where('s.practice_id', 'in', practiceIds)
    .orderBy('n.id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, storyId: r.story_id, text: r.text, createdAt: r.created_at }));
}

/** Marks a notice read, for a manager of the story's practice only. */
export async function acknowledgeNotice(ctx: Ctx, id: number): Promise<void> {
  const notice = await ctx.db
    .selectFrom('newsletter_notice as n')
    .innerJoin('story as s', 's.id', 'n.story_id')
    .select(['n.acknowledged_at', 's.practice_id'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!notice || notice.acknowledged_at !== null) throw new AppError('NOT_FOUND', 'That notice is not open any more.');
  if (!(await coveredPracticeIds(ctx.db, ctx.actor.id)).includes(notice.practice_id)) {
    throw new AppError('FORBIDDEN', 'This notice is about a story of a practice you do not work at.');
  }
  await ctx.db.updateTable('newsletter_notice').set({ acknowledged_at: ctx.now.toISOString(), acknowledged_by_name: ctx.actor.fullName }).where('id', '=', id).execute();
}
