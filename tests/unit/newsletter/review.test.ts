import { describe, expect, it } from 'vitest';
import type { Story } from '../../../main/contract/newsletter';
import { wordDiff } from '../../../main/newsletter/diff';
import { call } from '../../support/installation';
import { expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { CLEAN_TEXT, newsletterPractice, TODAY } from './support';

const tempFolder = useTempFolders();

type Session = Awaited<ReturnType<typeof newsletterPractice>>['session'];

/** Lee writes a story (with a neighbour's first name marked acceptable) and sends it; Pat is signed in at the end. */
async function submittedStory(session: Session, referralId: number): Promise<Story> {
  await signInAs(session, 'lee');
  const text = `${CLEAN_TEXT} Her neighbour Gary drives her there.`;
  let story = (await call(session, 'stories.save', { referralId, title: 'Singing again', text, quote: 'I look forward to Tuesdays now.', outcomes: '' })) as Story;
  const gary = story.findings.find((f) => f.text === 'Gary')!;
  story = (await call(session, 'stories.acceptFinding', { storyId: story.id, key: gary.key, reason: 'He asked to be named' })) as Story;
  await call(session, 'stories.recordConsent', { storyId: story.id, givenOn: TODAY, how: 'written', takenBy: 'Lee Worker', scope: 'pcn' });
  story = (await call(session, 'stories.submit', { id: story.id })) as Story;
  await signInAs(session, 'pat');
  return story;
}

async function lastAudit(session: Session) {
  return session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

describe('a story returned with comments, and sent back', () => {
  it('refuses to send it back unchanged; a change to the part a comment is about, or a reply, answers it', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await submittedStory(session, margaret);
    const returned = (await call(session, 'stories.return', {
      id: story.id,
      comments: [{ field: 'title', text: 'A headline that says what changed' }, { text: 'Does her neighbour agree to be named?' }],
    })) as Story;
    expect(returned.status).toBe('returned');
    expect(returned.review!.comments.map((c) => [c.field, c.text, c.answeredBy])).toEqual([
      ['title', 'A headline that says what changed', null],
      [null, 'Does her neighbour agree to be named?', null],
    ]);

    await signInAs(session, 'lee');
    const unchanged = await expectError(session, 'stories.submit', { id: story.id });
    expect(unchanged.code).toBe('CONFLICT');
    expect(unchanged.message).toContain('Answer the comment “A headline that says what changed”: change “Headline” or reply to it.');
    expect(unchanged.message).toContain('Answer the comment “Does her neighbour agree to be named?”');

    // A new headline answers the comment on the headline only, not the one on the whole story.
    let now = (await call(session, 'stories.save', { id: story.id, referralId: margaret, title: 'Singing with the choir again', text: `${CLEAN_TEXT} Her neighbour Gary drives her there.`, quote: 'I look forward to Tuesdays now.', outcomes: '' })) as Story;
    expect(now.review!.comments.map((c) => c.answeredBy)).toEqual(['change', null]);
    // A change to the story (and the headline put back) answers only the comment about the whole story.
    now = (await call(session, 'stories.save', { id: story.id, referralId: margaret, title: 'Singing again', text: `${CLEAN_TEXT} Her neighbour drives her there.`, quote: 'I look forward to Tuesdays now.', outcomes: '' })) as Story;
    expect(now.review!.comments.map((c) => c.answeredBy)).toEqual([null, 'change']);
    expect(now.submitBlockers).toEqual(['Answer the comment “A headline that says what changed”: change “Headline” or reply to it.']);
    expect((await expectError(session, 'stories.submit', { id: story.id })).code).toBe('CONFLICT');

    const headline = now.review!.comments[0]!;
    now = (await call(session, 'stories.reply', { storyId: story.id, commentId: headline.id, reply: 'She chose this headline herself.' })) as Story;
    expect(now.review!.comments[0]).toMatchObject({ reply: 'She chose this headline herself.', replyByName: 'Lee Worker', answeredBy: 'reply' });
    expect(await lastAudit(session)).toMatchObject({ action: 'stories.reply', target_id: String(story.id) });
    now = (await call(session, 'stories.submit', { id: story.id })) as Story;
    expect(now.status).toBe('submitted');
    // Replying is for the link worker, while the story is with them.
    expect((await expectError(session, 'stories.reply', { storyId: story.id, commentId: headline.id, reply: 'Again' })).code).toBe('CONFLICT');
    await signInAs(session, 'pat');
    expect((await expectError(session, 'stories.reply', { storyId: story.id, commentId: headline.id, reply: 'Mine' })).code).toBe('FORBIDDEN');
  });

  it('shows the manager the words changed since she returned it, and the replies', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await submittedStory(session, margaret);
    await call(session, 'stories.return', { id: story.id, comments: [{ field: 'text', text: 'Say a little more about the choir' }] });
    await signInAs(session, 'lee');
    await call(session, 'stories.save', {
      id: story.id, referralId: margaret, title: 'Singing again', quote: 'I look forward to Tuesdays now.', outcomes: '',
      text: `${CLEAN_TEXT} Her neighbour drives her there, and the choir gave her a solo at Christmas.`,
    });
    await call(session, 'stories.submit', { id: story.id });
    await signInAs(session, 'pat');
    const seen = (await call(session, 'stories.get', { id: story.id })) as Story;
    expect(seen.review!.changes).toEqual([
      {
        field: 'text',
        parts: [
          { kind: 'same', text: `${CLEAN_TEXT} Her neighbour ` },
          { kind: 'removed', text: 'Gary ' },
          { kind: 'same', text: 'drives her ' },
          { kind: 'removed', text: 'there.' },
          { kind: 'added', text: 'there, and the choir gave her a solo at Christmas.' },
        ],
      },
    ]);
    expect(seen.review!.comments[0]!.answeredBy).toBe('change');
  });

  it('clears the findings marked acceptable when it is returned: they are judged again on the new words', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await submittedStory(session, margaret);
    expect(story.findings.find((f) => f.text === 'Gary')!.accepted).not.toBeNull();
    const returned = (await call(session, 'stories.return', { id: story.id, comments: [{ text: 'Check Gary is happy to be named' }] })) as Story;
    expect(returned.findings.find((f) => f.text === 'Gary')!.accepted).toBeNull();
    expect(returned.unresolved).toBe(1);
    expect(returned.history[0]).toMatchObject({ kind: 'returned', byName: 'Pat Manager', text: 'Check Gary is happy to be named (the finding marked acceptable to be looked at again)' });
    await signInAs(session, 'lee');
    await call(session, 'stories.reply', { storyId: story.id, commentId: returned.review!.comments[0]!.id, reply: 'He is: he asked to be named.' });
    // Answered, but the finding needs marking again before it can go.
    const blocked = await expectError(session, 'stories.submit', { id: story.id });
    expect(blocked.message).toMatch(/Resolve the finding of the de-identification check/);
  });
});

describe('the practice manager’s own small edits', () => {
  it('saves a small change to the wording as hers, and refuses a rewrite', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    const story = await submittedStory(session, margaret);
    const edited = (await call(session, 'stories.edit', { id: story.id, title: 'Singing again', text: story.text.replace('now sings there every week', 'sings there every Tuesday'), quote: story.quote, outcomes: '' })) as Story;
    expect(edited).toMatchObject({ status: 'submitted', updatedByName: 'Pat Manager' });
    expect(edited.text).toContain('sings there every Tuesday');
    expect(edited.history[0]).toMatchObject({ kind: 'edited by the practice manager', byName: 'Pat Manager', text: 'The story: took out “now”, changed “week.” to “Tuesday.”' });
    expect(await lastAudit(session)).toMatchObject({ action: 'stories.edit', detail: 'wording edited by the practice manager: 3 words' });

    const rewrite = await expectError(session, 'stories.edit', { id: story.id, title: 'Singing again', text: 'A completely different story about a man who found work through a job club, with a CV workshop and three interviews, and now works in a shop near the station every weekday morning.', quote: story.quote, outcomes: '' });
    expect(rewrite.code).toBe('VALIDATION');
    expect(rewrite.fieldErrors?.text?.[0]).toMatch(/more than a small edit .*return the story with a comment/);
    expect(((await call(session, 'stories.get', { id: story.id })) as Story).text).toContain('sings there every Tuesday');

    // Only while it waits for her approval; never by a link worker.
    await call(session, 'stories.approve', { id: story.id });
    expect((await expectError(session, 'stories.edit', { id: story.id, title: 'Singing', text: story.text, quote: story.quote, outcomes: '' })).code).toBe('CONFLICT');
    await signInAs(session, 'lee');
    expect((await expectError(session, 'stories.edit', { id: story.id, title: 'Singing', text: story.text, quote: story.quote, outcomes: '' })).code).toBe('FORBIDDEN');
  });
});

describe('the word difference', () => {
  it('groups a change of several words into one removed and one added phrase', () => {
    expect(wordDiff('She goes with a friend every week.', 'She goes with her neighbour every week.')).toEqual([
      { kind: 'same', text: 'She goes with ' },
      { kind: 'removed', text: 'a friend' },
      { kind: 'added', text: 'her neighbour' },
      { kind: 'same', text: ' every week.' },
    ]);
    expect(wordDiff('', 'New words')).toEqual([{ kind: 'added', text: 'New words' }]);
    expect(wordDiff('Same', 'Same')).toEqual([{ kind: 'same', text: 'Same' }]);
  });
});
