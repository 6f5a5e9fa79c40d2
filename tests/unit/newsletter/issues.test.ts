import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { IssueDetail, IssueSummary, Story } from '../../../main/contract/newsletter';
import { addMonths, monthBounds, publishFigures, type RawFigures } from '../../../main/newsletter/figures';
import { storyRefusal } from '../../../main/newsletter/issues';
import { call } from '../../support/installation';
import { addUser, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { approvedStory, CLEAN_TEXT, MONTH, newsletterPractice, TODAY } from './support';

const tempFolder = useTempFolders();

async function lastAudit(session: Awaited<ReturnType<typeof newsletterPractice>>['session']) {
  return session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

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
    // The practice's referrals are dated January (typed in since): none was made this month.
    expect(issue.figures.tiles[0]).toEqual({ label: 'Referrals received', value: '0', note: 'made in the month' });
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

function fileText(format: 'pdf' | 'docx', bytes: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsletter-'));
  writeFileSync(join(dir, `n.${format}`), bytes);
  return format === 'pdf'
    ? execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], { encoding: 'utf8' })
    : execFileSync('unzip', ['-p', join(dir, 'n.docx'), 'word/document.xml'], { encoding: 'utf8' });
}

async function exportAll(session: Awaited<ReturnType<typeof newsletterPractice>>['session'], id: number): Promise<Record<'eml' | 'html' | 'pdf' | 'docx', Buffer>> {
  const out = {} as Record<'eml' | 'html' | 'pdf' | 'docx', Buffer>;
  for (const format of ['eml', 'html', 'pdf', 'docx'] as const) {
    out[format] = Buffer.from(((await call(session, 'newsletter.export', { id, format })) as { base64: string }).base64, 'base64');
  }
  return out;
}

describe('a month with one good story', () => {
  it('makes an issue, with a gentle note; none at all is refused', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await approvedStory(session, margaret, 'pcn');
    await signInAs(session, 'pat');
    let issue = (await call(session, 'newsletter.create', { month: MONTH, practiceId: null })) as IssueDetail;
    expect(issue.problems).toEqual(['Choose at least one story.']);
    expect((await expectError(session, 'newsletter.finalise', { id: issue.summary.id })).message).toContain('Choose at least one story.');
    issue = (await call(session, 'newsletter.save', { id: issue.summary.id, draft: { storyIds: [story.id] } })) as IssueDetail;
    expect(issue.problems).toEqual([]);
    expect(issue.notes).toEqual(['One story this month, and that is fine: two to four make a fuller issue, if more are approved in time.']);
    issue = (await call(session, 'newsletter.finalise', { id: issue.summary.id })) as IssueDetail;
    expect(issue.summary).toMatchObject({ status: 'final', storyCount: 1 });
  });
});

describe('correcting or withdrawing an issue already sent', () => {
  it('makes the correction a new version marked as such, keeps the old one exactly as sent, and refuses a second issue for the month', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await approvedStory(session, margaret, 'pcn');
    await signInAs(session, 'pat');
    let first = (await call(session, 'newsletter.create', { month: MONTH, practiceId: null })) as IssueDetail;
    await call(session, 'newsletter.save', { id: first.summary.id, draft: { storyIds: [story.id], editorial: 'Welcome to the Decmber issue.' } });
    await call(session, 'newsletter.finalise', { id: first.summary.id });
    const sent = await exportAll(session, first.summary.id);
    first = (await call(session, 'newsletter.markSent', { id: first.summary.id, sentOn: TODAY })) as IssueDetail;

    // Nothing sent can be changed in place, and a fresh issue for the month is still refused.
    expect((await expectError(session, 'newsletter.save', { id: first.summary.id, draft: { storyIds: [story.id] } })).message).toMatch(/correct it as a new version/);
    expect((await expectError(session, 'newsletter.create', { month: MONTH, practiceId: null })).fieldErrors?.month?.[0]).toMatch(/correct it as a new version/);
    expect((await expectError(session, 'newsletter.correct', { id: first.summary.id, note: ' ' })).fieldErrors?.note).toEqual(['Enter what the correction changes']);

    let second = (await call(session, 'newsletter.correct', { id: first.summary.id, note: 'The editorial misspelt December.' })) as IssueDetail;
    expect(second.summary).toMatchObject({ status: 'draft', version: 2, correctsIssueId: first.summary.id, correctionNote: 'The editorial misspelt December.', label: expect.stringMatching(/\(correction, version 2\)$/) });
    expect(second.draft.storyIds).toEqual([story.id]);
    expect(await lastAudit(session)).toMatchObject({ action: 'newsletter.correct', target_id: String(second.summary.id) });
    second = (await call(session, 'newsletter.save', { id: second.summary.id, draft: { ...second.draft, editorial: 'Welcome to the December issue.' } })) as IssueDetail;
    await call(session, 'newsletter.finalise', { id: second.summary.id });
    const corrected = await exportAll(session, second.summary.id);
    const notice = 'Correction (version 2): this issue replaces the issue sent on Friday 4 December 2026. What changed: The editorial misspelt December.';
    expect(String((await simpleParser(corrected.eml)).text).replace(/\s+/g, ' ')).toContain(notice);
    expect((await simpleParser(corrected.eml)).subject).toContain('(correction, version 2)');
    expect(corrected.html.toString('utf8')).toContain('this issue replaces the issue sent on Friday 4 December 2026');
    expect(fileText('pdf', corrected.pdf).replace(/\s+/g, ' ')).toContain(notice);
    expect(fileText('docx', corrected.docx)).toContain('this issue replaces the issue sent on Friday 4 December 2026');
    expect(((await call(session, 'newsletter.export', { id: second.summary.id, format: 'pdf' })) as { fileName: string }).fileName).toBe(`newsletter-${MONTH}-pcn-v2.pdf`);

    // The old one is as it was sent, byte for byte, and says which version corrects it.
    const again = await exportAll(session, first.summary.id);
    expect(again.pdf.equals(sent.pdf)).toBe(true);
    expect(again.eml.equals(sent.eml)).toBe(true);
    expect(fileText('pdf', again.pdf)).toContain('Decmber');
    const list = (await call(session, 'newsletter.issues', {})) as IssueSummary[];
    expect(list.map((i) => [i.version, i.status, i.correctedByIssueId])).toEqual([[2, 'final', null], [1, 'sent', second.summary.id]]);
    expect((await expectError(session, 'newsletter.correct', { id: first.summary.id, note: 'Again' })).message).toMatch(/already corrected by version 2/);
  });

  it('withdraws an issue: kept for the record with who and why, and never exported or sent again', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await approvedStory(session, margaret, 'pcn');
    await signInAs(session, 'pat');
    const issue = (await call(session, 'newsletter.create', { month: MONTH, practiceId: null })) as IssueDetail;
    expect((await expectError(session, 'newsletter.withdraw', { id: issue.summary.id, reason: 'Not needed' })).message).toMatch(/A draft has not gone out/);
    await call(session, 'newsletter.save', { id: issue.summary.id, draft: { storyIds: [story.id] } });
    await call(session, 'newsletter.finalise', { id: issue.summary.id });
    const withdrawn = (await call(session, 'newsletter.withdraw', { id: issue.summary.id, reason: 'Sent to the wrong list' })) as IssueDetail;
    expect(withdrawn.summary).toMatchObject({ withdrawnByName: 'Pat Manager', withdrawnReason: 'Sent to the wrong list', withdrawnAt: expect.any(String) });
    expect((await expectError(session, 'newsletter.export', { id: issue.summary.id, format: 'pdf' })).message).toMatch(/was withdrawn on .*Sent to the wrong list.*cannot be exported or sent again/);
    expect((await expectError(session, 'newsletter.markSent', { id: issue.summary.id, sentOn: TODAY })).code).toBe('CONFLICT');
    expect((await expectError(session, 'newsletter.withdraw', { id: issue.summary.id, reason: 'Again' })).code).toBe('CONFLICT');
    // It can still be put right as a new version.
    const next = (await call(session, 'newsletter.correct', { id: issue.summary.id, note: 'Sent again to the right list' })) as IssueDetail;
    expect(next.summary.version).toBe(2);
  });
});

describe('what every format prints', () => {
  it('prints a quote between one pair of quotation marks, and an arrow as words, in all four formats', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    await signInAs(session, 'lee');
    let story = (await call(session, 'stories.save', { referralId: margaret, title: 'Singing again', text: CLEAN_TEXT, quote: '"I look forward to Tuesdays now."', outcomes: 'SWEMWBS wellbeing up 6.5 points (19.3 → 25.8, better)' })) as Story;
    await call(session, 'stories.recordConsent', { storyId: story.id, givenOn: TODAY, how: 'written', takenBy: 'Lee Worker', scope: 'pcn' });
    story = (await call(session, 'stories.submit', { id: story.id })) as Story;
    await signInAs(session, 'pat');
    await call(session, 'stories.approve', { id: story.id });
    const issue = (await call(session, 'newsletter.create', { month: MONTH, practiceId: null })) as IssueDetail;
    await call(session, 'newsletter.save', { id: issue.summary.id, draft: { storyIds: [story.id] } });
    await call(session, 'newsletter.finalise', { id: issue.summary.id });
    const files = await exportAll(session, issue.summary.id);
    const mail = await simpleParser(files.eml);
    const texts = {
      text: String(mail.text),
      html: files.html.toString('utf8').replace(/&quot;/g, '"'),
      pdf: fileText('pdf', files.pdf).replace(/\s+/g, ' '),
      docx: fileText('docx', files.docx).replace(/&quot;/g, '"'),
    };
    for (const [format, text] of Object.entries(texts)) {
      expect(text, format).toContain('“I look forward to Tuesdays now.”');
      expect(text, format).not.toMatch(/“"|"”/);
      expect(text, format).toContain('(19.3 to 25.8, better)');
      expect(text, format).not.toMatch(/->|→/);
    }
  });
});

describe('the six-month table of referrals', () => {
  it('counts a back-dated referral in the month it was made, not the month it was typed in', async () => {
    const { session } = await newsletterPractice(tempFolder());
    await signInAs(session, 'pat');
    const lastMonth = addMonths(MONTH, -1);
    // Typed in today (December), made on paper in November and in September.
    await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(7), givenName: 'Brenda', familyName: 'Hollings' }, { referralDate: `${lastMonth}-28`, consentDate: `${lastMonth}-28` }));
    await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(8), givenName: 'Joan', familyName: 'Walsh' }, { referralDate: `${addMonths(MONTH, -3)}-02`, consentDate: `${addMonths(MONTH, -3)}-02` }));
    const november = (await call(session, 'newsletter.create', { month: lastMonth, practiceId: null })) as IssueDetail;
    const chart = november.figures.charts[0]!;
    expect(chart.bars.map((b) => [b.label, b.display])).toEqual([['Jun 2026', '0'], ['Jul 2026', '0'], ['Aug 2026', '0'], ['Sep 2026', 'fewer than 8'], ['Oct 2026', '0'], ['Nov 2026', 'fewer than 8']]);
    expect(november.figures.tiles[0]!.value).toBe('fewer than 8');
    const december = (await call(session, 'newsletter.create', { month: MONTH, practiceId: null })) as IssueDetail;
    expect(december.figures.tiles[0]!.value).toBe('0');
    expect(december.figures.charts[0]!.bars.at(-2)!.display).toBe('fewer than 8');
  });
});
