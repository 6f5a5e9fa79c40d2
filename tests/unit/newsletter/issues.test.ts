import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { IssueDetail, Story } from '../../../main/contract/newsletter';
import { addMonths, monthBounds, publishFigures, type RawFigures } from '../../../main/newsletter/figures';
import { storyRefusal } from '../../../main/newsletter/issues';
import { call } from '../../support/installation';
import { addUser, expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { approvedStory, CLEAN_TEXT, MONTH, newsletterPractice, TODAY } from './support';

const tempFolder = useTempFolders();

const approved = { status: 'approved', practice_id: 1, consent_on: '2026-01-01', consent_withdrawn_on: null };

describe('which stories may go into an issue', () => {
  it('needs consent wide enough for the readers', () => {
    const scoped = (scope: string) => ({ ...approved, consent_scope: scope });
    // The practice's own issue: any scope.
    expect(storyRefusal(scoped('practice'), { practiceId: 1 })).toBeNull();
    // Another practice's issue, or the PCN's: across the PCN or wider.
    expect(storyRefusal(scoped('practice'), { practiceId: 2 })).toMatch(/another practice/);
    expect(storyRefusal(scoped('practice'), { practiceId: null })).toMatch(/PCN-wide issue needs consent across the PCN or wider/);
    expect(storyRefusal(scoped('pcn'), { practiceId: null })).toBeNull();
    expect(storyRefusal(scoped('public'), { practiceId: null })).toBeNull();
    expect(storyRefusal(scoped('pcn'), { practiceId: 2 })).toBeNull();
    // An issue that goes outside the NHS: consent to share outside the NHS, whoever's issue it is.
    expect(storyRefusal(scoped('pcn'), { practiceId: 1, outsideNhs: true })).toMatch(/needs consent to share it outside the NHS/);
    expect(storyRefusal(scoped('public'), { practiceId: null, outsideNhs: true })).toBeNull();
  });

  it('refuses a story not approved, without consent or with consent withdrawn', () => {
    expect(storyRefusal({ ...approved, status: 'submitted', consent_scope: 'pcn' }, { practiceId: 1 })).toBe('Not approved yet.');
    expect(storyRefusal({ ...approved, consent_on: null, consent_scope: null }, { practiceId: 1 })).toBe('No consent recorded.');
    expect(storyRefusal({ ...approved, consent_scope: 'public', consent_withdrawn_on: '2026-05-01' }, { practiceId: 1 })).toBe('Consent was withdrawn on 01/05/2026.');
  });
});

describe('figures', () => {
  const raw = (n: number): RawFigures => ({
    received: n,
    accepted: n,
    peopleSupported: n,
    topReasons: [{ reason: 'loneliness', count: n }],
    receivedByMonth: [{ month: '2026-06', count: n }],
    swemwbsChanges: Array<number>(n).fill(2),
    lifeSatisfactionChanges: Array<number>(n).fill(1),
  });

  it('publishes counts and averages through the small-number rule at 0, 1, 7 and 8', () => {
    const shown = (n: number) => publishFigures(raw(n), '2026-06').tiles.map((t) => t.value);
    expect(shown(0)).toEqual(['0', '0', '0', 'no follow-ups yet', 'no follow-ups yet']);
    expect(shown(1)).toEqual(['fewer than 8', 'fewer than 8', 'fewer than 8', 'not shown: fewer than 8 people', 'not shown: fewer than 8 people']);
    expect(shown(7)).toEqual(['fewer than 8', 'fewer than 8', 'fewer than 8', 'not shown: fewer than 8 people', 'not shown: fewer than 8 people']);
    expect(shown(8)).toEqual(['8', '8', '8', '+2.0 points', '+1.0 points']);
    const charts = (n: number) => publishFigures(raw(n), '2026-06').charts.map((c) => c.bars.map((b) => [b.value, b.display]));
    expect(charts(7)).toEqual([[[null, 'fewer than 8']], [[null, 'fewer than 8']]]);
    expect(charts(8)).toEqual([[[8, '8']], [[8, '8']]]);
    expect(publishFigures(raw(8), '2026-06').footnote).toMatch(/^To protect privacy, counts from 1 to 7 are shown as “fewer than 8”/);
  });

  it('takes the month in England, summer time included', () => {
    expect(monthBounds('2026-06')).toEqual({ start: '2026-05-31T23:00:00.000Z', end: '2026-06-30T23:00:00.000Z', firstDay: '2026-06-01', lastDay: '2026-06-30' });
    expect(monthBounds('2026-12')).toMatchObject({ start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z', lastDay: '2026-12-31' });
  });
});

const HOSTILE_TITLE = '<script>alert("x")</script> & <b>bold</b>';
const HOSTILE_QUOTE = '</p><img src=x onerror=alert(1)> “It helped”';

describe('an issue from composing to export', () => {
  it('composes, finalises, exports all four formats once and for all, and escapes every story', async () => {
    const { session, margaret, john } = await newsletterPractice(tempFolder());
    const first = await approvedStory(session, margaret, 'pcn', HOSTILE_TITLE);
    await signInAs(session, 'lee');
    await call(session, 'stories.save', { id: first.id, referralId: margaret, title: HOSTILE_TITLE, text: CLEAN_TEXT, quote: HOSTILE_QUOTE, outcomes: 'Goes out every week\n<i>More confident</i>' });
    await call(session, 'stories.submit', { id: first.id });
    await signInAs(session, 'pat');
    await call(session, 'stories.approve', { id: first.id });
    await call(session, 'referrals.transition', { id: john, to: 'accepted', reason: '' }).catch(() => undefined);
    await signInAs(session, 'lee');
    await call(session, 'referrals.transition', { id: john, to: 'accepted', reason: '' });
    await call(session, 'casework.addContact', { referralId: john, at: `${TODAY}T10:00`, type: 'phone', durationMinutes: 20 });
    const practiceOnly = await approvedStory(session, john, 'practice', 'Back to the allotment');

    await signInAs(session, 'pat');
    let issue = (await call(session, 'newsletter.create', { month: MONTH, practiceId: null })) as IssueDetail;
    expect(issue.summary).toMatchObject({ status: 'draft', audience: 'Riverside PCN' });
    expect(issue.figures.tiles[0]).toEqual({ label: 'Referrals received', value: 'fewer than 8', note: 'in the month' });
    expect(issue.stories.find((s) => s.id === practiceOnly.id)!.refusal).toMatch(/PCN-wide issue/);
    const again = await expectError(session, 'newsletter.create', { month: MONTH, practiceId: null });
    expect(again.code).toBe('CONFLICT');

    const refused = await expectError(session, 'newsletter.save', { id: issue.summary.id, draft: { storyIds: [first.id, practiceOnly.id] } });
    expect(refused.fieldErrors?.storyIds?.[0]).toMatch(/Back to the allotment/);

    // The practice's own issue may use both; its next MDT meetings come from the MDT calendar.
    const mdtDate = `${addMonths(MONTH, 1)}-10`;
    await call(session, 'mdt.saveMeeting', { practiceId: 1, date: mdtDate, startTime: '13:00', endTime: '14:00', place: 'Meeting room 2', attendees: [], linkWorkerIds: [] });
    await call(session, 'mdt.saveMeeting', { practiceId: 2, date: mdtDate, startTime: '09:00', endTime: '10:00', place: 'Hillview', attendees: [], linkWorkerIds: [] });
    issue = (await call(session, 'newsletter.create', { month: MONTH, practiceId: 1 })) as IssueDetail;
    expect(issue.linkWorkers).toEqual(['Lee Worker']);
    expect(issue.mdtCalendar).toEqual([{ date: mdtDate, note: 'Riverside Surgery, 13:00 to 14:00, Meeting room 2' }]);
    const draft = {
      editorial: 'Welcome to <this> month’s issue & thanks to everyone who referred.',
      storyIds: [first.id, practiceOnly.id],
      spotlightServiceId: issue.services[0]!.id,
      spotlightNote: 'Drop in any Tuesday.',
      linkWorkerName: 'Lee Worker',
      linkWorkerText: 'I work at Riverside Surgery on Mondays and Tuesdays.',
      mdtDates: [{ date: '2026-12-08', note: 'Riverside Surgery, 1pm' }],
      howToRefer: '',
    };
    expect(((await expectError(session, 'newsletter.export', { id: issue.summary.id, format: 'pdf' })).code)).toBe('CONFLICT');
    const outside = await expectError(session, 'newsletter.save', { id: issue.summary.id, draft: { ...draft, outsideNhs: true } });
    expect(outside.fieldErrors?.storyIds).toHaveLength(2);
    issue = (await call(session, 'newsletter.save', { id: issue.summary.id, draft })) as IssueDetail;
    expect(issue.problems).toEqual([]);
    const preview = (await call(session, 'newsletter.preview', { id: issue.summary.id })) as { html: string };
    expect(preview.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(preview.html).not.toMatch(/<script|<img src=x|<i>More/);

    issue = (await call(session, 'newsletter.finalise', { id: issue.summary.id })) as IssueDetail;
    expect(issue.summary.status).toBe('final');
    expect((await expectError(session, 'newsletter.save', { id: issue.summary.id, draft })).code).toBe('CONFLICT');

    const files: Record<string, Buffer> = {};
    for (const format of ['eml', 'html', 'pdf', 'docx'] as const) {
      const out = (await call(session, 'newsletter.export', { id: issue.summary.id, format })) as { fileName: string; base64: string };
      files[format] = Buffer.from(out.base64, 'base64');
      expect(out.fileName).toBe(`newsletter-${MONTH}-practice-1.${format}`);
      const audit = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'newsletter.export', target_type: 'newsletter_issue', detail: `exported as ${format.toUpperCase()}; stories ${first.id}, ${practiceOnly.id}` });
    }

    // .eml: a draft Outlook opens to send, with text and HTML and the picture by cid; nothing injected.
    const raw = files.eml!.toString('utf8');
    expect(raw).toMatch(/^X-Unsent: 1\r?$/m);
    expect(raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(raw).toMatch(/Content-Type: multipart\/related/);
    const mail = await simpleParser(files.eml!);
    expect(mail.subject).toContain('Social prescribing newsletter');
    expect(mail.to).toBeUndefined();
    expect(mail.text).toContain('<script>alert("x")</script> & <b>bold</b>');
    expect(mail.text).toContain('fewer than 8');
    expect(mail.text).toContain('871731000000106');
    expect(mail.text).toContain('Riverside Surgery, 13:00 to 14:00, Meeting room 2');
    expect(mail.text).toContain('Riverside Surgery, 1pm');
    const html = String(mail.html);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img src=x|<b>bold|<i>More|onerror=alert\(1\)>/);
    expect(mail.attachments.map((a) => [a.contentType, a.cid])).toEqual([['image/png', 'masthead@signpost.local']]);
    expect(raw).toMatch(/^Content-ID: <masthead@signpost\.local>\r?$/m);
    expect(raw).toContain('src=3D"cid:masthead@signpost.local"');

    expect(files.html!.toString('utf8')).not.toMatch(/<script|<img src=x/);
    expect(files.html!.toString('utf8')).toContain('data:image/png;base64,');

    const dir = mkdtempSync(join(tmpdir(), 'newsletter-'));
    writeFileSync(join(dir, 'n.pdf'), files.pdf!);
    const pdfText = execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('<script>alert("x")</script> & <b>bold</b>');
    expect(pdfText).toContain('Stories of support');
    expect(pdfText).toContain('fewer than 8');

    writeFileSync(join(dir, 'n.docx'), files.docx!);
    const xml = execFileSync('unzip', ['-p', join(dir, 'n.docx'), 'word/document.xml'], { encoding: 'utf8' });
    expect(xml).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(xml).not.toMatch(/<script|<img src=x/);

    // Kept as sent: a later change to the story and a second export change nothing.
    await signInAs(session, 'lee');
    await call(session, 'stories.save', { id: practiceOnly.id, referralId: john, title: 'A new title', text: CLEAN_TEXT });
    await signInAs(session, 'pat');
    const second = (await call(session, 'newsletter.export', { id: issue.summary.id, format: 'pdf' })) as { base64: string };
    expect(Buffer.from(second.base64, 'base64').equals(files.pdf!)).toBe(true);
    const preview2 = (await call(session, 'newsletter.preview', { id: issue.summary.id })) as { html: string };
    expect(preview2.html).toContain('Back to the allotment');

    issue = (await call(session, 'newsletter.markSent', { id: issue.summary.id, sentOn: TODAY })) as IssueDetail;
    expect(issue.summary).toMatchObject({ status: 'sent', sentOn: TODAY });

    // Withdrawal: the manager is told which issues used it; no new issue may use it.
    await signInAs(session, 'lee');
    const { usedIn } = (await call(session, 'stories.withdrawConsent', { storyId: first.id, withdrawnOn: TODAY, note: '' })) as { story: Story; usedIn: { issueId: number; status: string }[] };
    expect(usedIn).toEqual([{ issueId: issue.summary.id, label: expect.stringContaining('Riverside Surgery'), status: 'sent' }]);
    await signInAs(session, 'pat');
    const notices = (await call(session, 'newsletter.notices', {})) as { id: number; text: string }[];
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/was withdrawn on .* It was used in: .*Riverside Surgery \(sent\)/);
    const pcn = ((await call(session, 'newsletter.issues', {})) as { id: number; month: string; practiceId: number | null; withdrawnStories: number }[]);
    expect(pcn.find((i) => i.id === issue.summary.id)!.withdrawnStories).toBe(1);
    const pcnIssue = pcn.find((i) => i.practiceId === null)!;
    const refusedNow = await expectError(session, 'newsletter.save', { id: pcnIssue.id, draft: { storyIds: [first.id] } });
    expect(refusedNow.fieldErrors?.storyIds?.[0]).toMatch(/Consent was withdrawn/);
    await call(session, 'newsletter.acknowledgeNotice', { id: notices[0]!.id });
    expect(await call(session, 'newsletter.notices', {})).toEqual([]);
  });

  it('shows and lets acknowledge a withdrawal notice only to managers of the story’s practice', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await approvedStory(session, margaret, 'practice');
    await call(session, 'stories.withdrawConsent', { storyId: story.id, withdrawnOn: TODAY, note: '' });
    await signInAs(session, 'pat');
    await addUser(session, 'mona', 'practice_manager', [2], 'Mona Manager');
    const [notice] = (await call(session, 'newsletter.notices', {})) as { id: number }[];
    expect(notice).toBeDefined();
    await signInAs(session, 'mona');
    expect(await call(session, 'newsletter.notices', {})).toEqual([]);
    expect(await expectError(session, 'newsletter.acknowledgeNotice', { id: notice!.id })).toMatchObject({ code: 'FORBIDDEN', message: 'This notice is about a story of a practice you do not work at.' });
    await signInAs(session, 'pat');
    expect(await call(session, 'newsletter.notices', {})).toHaveLength(1);
  });

  it('lets only practice managers compose and export', async () => {
    const { session } = await newsletterPractice(tempFolder());
    expect((await expectError(session, 'newsletter.create', { month: MONTH, practiceId: 1 })).code).toBe('FORBIDDEN');
    await signInAs(session, 'rita');
    expect((await expectError(session, 'newsletter.issues', {})).code).toBe('FORBIDDEN');
  });
});
