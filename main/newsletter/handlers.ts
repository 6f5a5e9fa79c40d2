import { consentScopeLabels, storyStatusLabels } from '../contract/newsletter';
import { listTarget } from '../dispatch/auditTargets';
import type { HandlerGroup, UserContext } from '../dispatch/handler';
import { coveredPracticeIds, coveredReferral } from '../referrals/access';
import { checkStory } from './check';
import {
  acknowledgeNotice,
  correctIssue,
  coveredIssue,
  createIssue,
  exportIssue,
  finaliseIssue,
  issueDetail,
  listIssues,
  markSent,
  openNotices,
  previewHtml,
  saveIssue,
  withdrawIssue,
} from './issues';
import {
  acceptFinding,
  approveStory,
  type Ctx,
  coveredStory,
  listStories,
  loadStory,
  prefillStory,
  recordConsent,
  saveStory,
  storyCandidates,
  submitStory,
  withdrawConsent,
} from './stories';
import { editStory, replyToComment, returnStory } from './review';

function ctxOf(c: UserContext): Ctx {
  return { db: c.db, actor: { id: c.user.id, fullName: c.user.fullName }, now: c.now };
}

export const newsletterHandlers: HandlerGroup<
  | 'stories.list' | 'stories.candidates' | 'stories.prefill' | 'stories.check' | 'stories.get' | 'stories.save' | 'stories.submit'
  | 'stories.acceptFinding' | 'stories.approve' | 'stories.return' | 'stories.reply' | 'stories.edit' | 'stories.recordConsent' | 'stories.withdrawConsent'
  | 'newsletter.notices' | 'newsletter.acknowledgeNotice' | 'newsletter.issues' | 'newsletter.create' | 'newsletter.get'
  | 'newsletter.save' | 'newsletter.preview' | 'newsletter.finalise' | 'newsletter.export' | 'newsletter.markSent' | 'newsletter.correct' | 'newsletter.withdraw'
> = {
  'stories.list': async ({ db, user, auditTarget }, { status }) => {
    const stories = await listStories(db, await coveredPracticeIds(db, user.id), status);
    auditTarget(listTarget('story', stories.map((s) => s.id), `stories: ${stories.length}`));
    return stories;
  },
  'stories.candidates': async ({ db, user, auditTarget }) => {
    const cases = await storyCandidates(db, await coveredPracticeIds(db, user.id));
    auditTarget(listTarget('referral', cases.map((c) => c.referralId), `cases to write a story from: ${cases.length}`));
    return cases;
  },
  'stories.prefill': async ({ db, user, auditTarget }, { referralId }) => {
    await coveredReferral(db, user.id, referralId);
    auditTarget({ type: 'referral', id: referralId, detail: 'case read to start a newsletter story' });
    return prefillStory(db, referralId);
  },
  'stories.check': async ({ db, user, now, auditTarget }, input) => {
    await coveredReferral(db, user.id, input.referralId);
    if (input.storyId !== undefined) await coveredStory(db, user.id, input.storyId);
    const checked = await checkStory(db, input.referralId, input, input.storyId, now);
    auditTarget({ type: 'referral', id: input.referralId, detail: `de-identification check: ${checked.findings.length} findings` });
    return checked;
  },
  'stories.get': async ({ db, user, now, auditTarget }, { id }) => {
    const row = await coveredStory(db, user.id, id);
    auditTarget({ type: 'story', id, detail: `referral ${row.referral_id}` });
    return loadStory(db, id, now);
  },
  'stories.save': async (c, input) => {
    await coveredReferral(c.db, c.user.id, input.referralId);
    if (input.id !== undefined) await coveredStory(c.db, c.user.id, input.id);
    const ctx = ctxOf(c);
    const { id, created, reopened } = await saveStory(ctx, input);
    c.auditTarget({ type: 'story', id, detail: created ? `written from referral ${input.referralId}` : reopened ? 'changed: back to draft for a fresh approval' : 'changed' });
    return loadStory(c.db, id, ctx.now);
  },
  'stories.submit': async (c, { id }) => {
    const ctx = ctxOf(c);
    await submitStory(ctx, await coveredStory(c.db, c.user.id, id));
    c.auditTarget({ type: 'story', id, detail: 'sent for approval' });
    return loadStory(c.db, id, ctx.now);
  },
  'stories.acceptFinding': async (c, { storyId, key, reason }) => {
    const ctx = ctxOf(c);
    await acceptFinding(ctx, await coveredStory(c.db, c.user.id, storyId), key, reason);
    c.auditTarget({ type: 'story', id: storyId, detail: `finding ${key} marked acceptable: ${reason}` });
    return loadStory(c.db, storyId, ctx.now);
  },
  'stories.approve': async (c, { id }) => {
    const ctx = ctxOf(c);
    await approveStory(ctx, await coveredStory(c.db, c.user.id, id));
    c.auditTarget({ type: 'story', id, detail: storyStatusLabels.approved.toLowerCase() });
    return loadStory(c.db, id, ctx.now);
  },
  'stories.return': async (c, { id, comments }) => {
    const ctx = ctxOf(c);
    const { acceptancesCleared } = await returnStory(ctx, await coveredStory(c.db, c.user.id, id), comments);
    c.auditTarget({ type: 'story', id, detail: `returned with ${comments.length === 1 ? 'a comment' : `${comments.length} comments`}${acceptancesCleared ? `; ${acceptancesCleared} acceptance(s) of findings cleared` : ''}` });
    return loadStory(c.db, id, ctx.now);
  },
  'stories.reply': async (c, { storyId, commentId, reply }) => {
    const ctx = ctxOf(c);
    await replyToComment(ctx, await coveredStory(c.db, c.user.id, storyId), commentId, reply);
    c.auditTarget({ type: 'story', id: storyId, detail: `replied to comment ${commentId}` });
    return loadStory(c.db, storyId, ctx.now);
  },
  'stories.edit': async (c, { id, ...next }) => {
    const ctx = ctxOf(c);
    const { words } = await editStory(ctx, await coveredStory(c.db, c.user.id, id), next);
    c.auditTarget({ type: 'story', id, detail: words === 0 ? 'nothing changed' : `wording edited by the practice manager: ${words} words` });
    return loadStory(c.db, id, ctx.now);
  },
  'stories.recordConsent': async (c, input) => {
    const ctx = ctxOf(c);
    await recordConsent(ctx, await coveredStory(c.db, c.user.id, input.storyId), input);
    c.auditTarget({ type: 'story', id: input.storyId, detail: `consent recorded: ${consentScopeLabels[input.scope].toLowerCase()}, given ${input.givenOn}` });
    return loadStory(c.db, input.storyId, ctx.now);
  },
  'stories.withdrawConsent': async (c, input) => {
    const ctx = ctxOf(c);
    const usedIn = await withdrawConsent(ctx, await coveredStory(c.db, c.user.id, input.storyId), input);
    c.auditTarget({ type: 'story', id: input.storyId, detail: `consent withdrawn on ${input.withdrawnOn}; used in issues ${usedIn.map((u) => u.issueId).join(', ') || 'none'}` });
    return { story: await loadStory(c.db, input.storyId, ctx.now), usedIn };
  },
  'newsletter.notices': async ({ db, user, auditTarget }) => {
    const notices = await openNotices(db, user.id);
    auditTarget(listTarget('newsletter_notice', notices.map((n) => n.id), `open notices: ${notices.length}`));
    return notices;
  },
  'newsletter.acknowledgeNotice': async (c, { id }) => {
    await acknowledgeNotice(ctxOf(c), id);
    c.auditTarget({ type: 'newsletter_notice', id, detail: 'read' });
    return { done: true as const };
  },
  'newsletter.issues': async ({ db, user }) => listIssues(db, user.id),
  'newsletter.create': async (c, { month, practiceId }) => {
    const id = await createIssue(ctxOf(c), month, practiceId);
    c.auditTarget({ type: 'newsletter_issue', id, detail: `started for ${month}, ${practiceId === null ? 'the PCN' : `practice ${practiceId}`}` });
    return issueDetail(c.db, id, c.now);
  },
  'newsletter.get': async ({ db, user, now, auditTarget }, { id }) => {
    await coveredIssue(db, user.id, id);
    auditTarget({ type: 'newsletter_issue', id });
    return issueDetail(db, id, now);
  },
  'newsletter.save': async (c, { id, draft }) => {
    await saveIssue(ctxOf(c), await coveredIssue(c.db, c.user.id, id), draft);
    c.auditTarget({ type: 'newsletter_issue', id, detail: `draft saved; stories ${draft.storyIds.join(', ') || 'none'}` });
    return issueDetail(c.db, id, c.now);
  },
  'newsletter.preview': async (c, { id, draft }) => {
    const html = await previewHtml(ctxOf(c), await coveredIssue(c.db, c.user.id, id), draft);
    c.auditTarget({ type: 'newsletter_issue', id, detail: 'previewed' });
    return { html };
  },
  'newsletter.finalise': async (c, { id }) => {
    const content = await finaliseIssue(ctxOf(c), await coveredIssue(c.db, c.user.id, id));
    c.auditTarget({ type: 'newsletter_issue', id, detail: `finalised with stories ${content.stories.map((s) => s.id).join(', ')}` });
    return issueDetail(c.db, id, c.now);
  },
  'newsletter.export': async (c, { id, format }) => {
    const out = await exportIssue(ctxOf(c), await coveredIssue(c.db, c.user.id, id), format);
    c.auditTarget({ type: 'newsletter_issue', id, detail: `exported as ${format.toUpperCase()}; stories ${out.storyIds.join(', ')}` });
    return { fileName: out.fileName, mimeType: out.mimeType, base64: out.content.toString('base64') };
  },
  'newsletter.correct': async (c, { id, note }) => {
    const newId = await correctIssue(ctxOf(c), await coveredIssue(c.db, c.user.id, id), note);
    c.auditTarget({ type: 'newsletter_issue', id: newId, detail: `correction of issue ${id} started: ${note}` });
    return issueDetail(c.db, newId, c.now);
  },
  'newsletter.withdraw': async (c, { id, reason }) => {
    await withdrawIssue(ctxOf(c), await coveredIssue(c.db, c.user.id, id), reason);
    c.auditTarget({ type: 'newsletter_issue', id, detail: `withdrawn: ${reason}` });
    return issueDetail(c.db, id, c.now);
  },
  'newsletter.markSent': async (c, { id, sentOn }) => {
    await markSent(ctxOf(c), await coveredIssue(c.db, c.user.id, id), sentOn);
    c.auditTarget({ type: 'newsletter_issue', id, detail: `sent on ${sentOn}` });
    return issueDetail(c.db, id, c.now);
  },
};
