import { describe, expect, it } from 'vitest';
import type { Story, StoryTexts } from '../../../main/contract/newsletter';
import { call } from '../../support/installation';
import { expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { approvedStory, CLEAN_TEXT, newsletterPractice, TODAY } from './support';

const tempFolder = useTempFolders();

const LEAKY =
  'Peggy, aged 72, lives alone near LS6 2QR. Her neighbour John keeps an eye on her. ' +
  'Dr Khan referred her, and she joined the Headingley Community Choir in March.';

async function lastAudit(session: Awaited<ReturnType<typeof newsletterPractice>>['session']) {
  return session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

describe('writing a story from a case', () => {
  it('pre-fills what Signpost knows: reasons, what mattered, services, goals and the wellbeing change', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const draft = (await call(session, 'stories.prefill', { referralId: margaret })) as StoryTexts;
    expect(draft.title).toBe('Feeling part of things again');
    expect(draft.text).toContain('for support with loneliness and isolation and money, benefits and debt');
    expect(draft.text).toContain('Together they found Headingley Community Choir.');
    expect(draft.outcomes.split('\n')).toEqual([
      'Goals achieved: 1 of 1 (Sing in a choir again)',
      'Services taken up: Headingley Community Choir',
      expect.stringMatching(/^SWEMWBS wellbeing up \d+\.\d points \(from \d+\.\d to \d+\.\d, better\)$/),
    ]);
    expect(await lastAudit(session)).toMatchObject({ action: 'stories.prefill', target_type: 'referral', target_id: String(margaret) });
  });

  it('flags the name, age, postcode and another patient’s name, each where it stands, and passes over Dr and service names', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const { findings, unresolved } = (await call(session, 'stories.check', { referralId: margaret, title: 'Peggy sings again', text: LEAKY })) as { findings: Story['findings']; unresolved: number };
    expect(findings.map((f) => [f.field, f.kind, f.text])).toEqual([
      ['title', 'own_name', 'Peggy'],
      ['text', 'own_name', 'Peggy'],
      ['text', 'age', 'aged 72'],
      ['text', 'postcode', 'LS6 2QR'],
      ['text', 'other_name', 'John'],
    ]);
    for (const f of findings.filter((x) => x.field === 'text')) expect(LEAKY.slice(f.start, f.end)).toBe(f.text);
    expect(findings.find((f) => f.kind === 'age')!.fix).toMatchObject({ text: 'aged 72', with: 'in her seventies' });
    expect(unresolved).toBe(5);
  });

  it('flags an area found in the patients’ own addresses and a town from the gazetteer, and not a city', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const text = 'She walks to Meanwood on Mondays, visits her son Gary, who moved from Barnsley, and takes the bus into Leeds.';
    const { findings } = (await call(session, 'stories.check', { referralId: margaret, text })) as { findings: Story['findings'] };
    expect(findings.map((f) => [f.kind, f.text, f.fix?.text, f.fix?.with])).toEqual([
      ['place', 'Meanwood', 'to Meanwood', 'to another area'],
      ['name', 'Gary', ' Gary', ''],
      ['place', 'Barnsley', 'from Barnsley', 'from another town'],
    ]);
  });

  it('refuses approval while a finding is unresolved or consent is missing; accepting a finding needs a reason and is audited', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    let story = (await call(session, 'stories.save', { referralId: margaret, title: 'Singing again', text: LEAKY })) as Story;
    expect(story.status).toBe('draft');
    expect(story.unresolved).toBe(4);
    expect(story.blockers).toHaveLength(2);
    expect((await expectError(session, 'stories.submit', { id: story.id })).code).toBe('CONFLICT');

    // Lee fixes the text but keeps the neighbour's first name, which the family asked to be used.
    const fixed = CLEAN_TEXT + ' Her neighbour John keeps an eye on her.';
    story = (await call(session, 'stories.save', { id: story.id, referralId: margaret, title: 'Singing again', text: fixed })) as Story;
    expect(story.findings.map((f) => f.kind)).toEqual(['other_name']);
    const noReason = await expectError(session, 'stories.acceptFinding', { storyId: story.id, key: story.findings[0]!.key, reason: ' ' });
    expect(noReason.fieldErrors?.reason).toEqual(['Enter why this is acceptable']);
    story = (await call(session, 'stories.acceptFinding', { storyId: story.id, key: story.findings[0]!.key, reason: 'A common first name, with his agreement' })) as Story;
    expect(story.unresolved).toBe(0);
    expect(story.findings[0]!.accepted).toMatchObject({ reason: 'A common first name, with his agreement', byName: 'Lee Worker' });
    expect(await lastAudit(session)).toMatchObject({ action: 'stories.acceptFinding', target_id: String(story.id), detail: expect.stringContaining('A common first name') });

    expect(story.blockers).toEqual(['Record the person’s consent to use the story.']);
    story = (await call(session, 'stories.recordConsent', { storyId: story.id, givenOn: TODAY, how: 'verbal', takenBy: 'Lee Worker', scope: 'pcn' })) as Story;
    story = (await call(session, 'stories.submit', { id: story.id })) as Story;
    expect(story.status).toBe('submitted');

    expect((await expectError(session, 'stories.approve', { id: story.id })).code).toBe('FORBIDDEN');
    await signInAs(session, 'pat');
    story = (await call(session, 'stories.approve', { id: story.id })) as Story;
    expect(story).toMatchObject({ status: 'approved', approvedByName: 'Pat Manager' });
    expect(await lastAudit(session)).toMatchObject({ action: 'stories.approve', target_id: String(story.id) });
  });

  it('sends a changed approved story back to draft, and a returned story carries the manager’s comment', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await approvedStory(session, margaret, 'pcn');
    const changed = (await call(session, 'stories.save', { id: story.id, referralId: margaret, title: 'Singing again', text: `${CLEAN_TEXT} She is on 07700 900123.` })) as Story;
    expect(changed).toMatchObject({ status: 'draft', approvedAt: null, unresolved: 1 });
    await call(session, 'stories.save', { id: story.id, referralId: margaret, title: 'Singing again', text: CLEAN_TEXT });
    await call(session, 'stories.submit', { id: story.id });
    await signInAs(session, 'pat');
    const returned = (await call(session, 'stories.return', { id: story.id, comments: [{ text: 'Say a little more about the choir' }] })) as Story;
    expect(returned).toMatchObject({ status: 'returned', returnComment: 'Say a little more about the choir' });
    const empty = await expectError(session, 'stories.return', { id: story.id, comments: [] });
    expect(empty.fieldErrors?.comments).toEqual(['Write what needs changing']);
  });

  it('keeps stories to the people who work at the practice, and away from reception', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = (await call(session, 'stories.save', { referralId: margaret, title: 'Singing again', text: CLEAN_TEXT })) as Story;
    await signInAs(session, 'kim');
    expect((await expectError(session, 'stories.get', { id: story.id })).code).toBe('FORBIDDEN');
    expect((await call(session, 'stories.list', {})) as unknown[]).toEqual([]);
    await signInAs(session, 'rita');
    expect((await expectError(session, 'stories.list', {})).code).toBe('FORBIDDEN');
  });
});

describe('consent', () => {
  it('refuses a withdrawal before the consent and a second withdrawal', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await approvedStory(session, margaret, 'practice');
    const early = await expectError(session, 'stories.withdrawConsent', { storyId: story.id, withdrawnOn: '2020-01-01' });
    expect(early.fieldErrors?.withdrawnOn?.[0]).toContain('cannot be earlier');
    await call(session, 'stories.withdrawConsent', { storyId: story.id, withdrawnOn: TODAY, note: 'Changed her mind' });
    expect((await expectError(session, 'stories.withdrawConsent', { storyId: story.id, withdrawnOn: TODAY })).code).toBe('CONFLICT');
    const now = (await call(session, 'stories.get', { id: story.id })) as Story;
    expect(now.consentWithdrawn).toBe(true);
    expect(now.blockers[0]).toMatch(/^Consent was withdrawn on/);
  });

  it('refuses a consent date in the future', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = (await call(session, 'stories.save', { referralId: margaret, title: 'Singing again', text: CLEAN_TEXT })) as Story;
    const err = await expectError(session, 'stories.recordConsent', { storyId: story.id, givenOn: '2999-01-01', how: 'verbal', takenBy: 'Lee', scope: 'pcn' });
    expect(err.fieldErrors?.givenOn).toEqual(['The date consent was given cannot be in the future']);
  });
});
