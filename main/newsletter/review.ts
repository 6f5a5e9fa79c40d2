import type { z } from 'zod';
import { AppError } from '../contract/errors';
import { type DiffPart, type ReturnComment, type Review, type ReviewComment, type StoryField, storyFieldLabels, type StoryTexts } from '../contract/newsletter';
import type { Db } from '../store/database';
import { changedWords, wordDiff } from './diff';
import { addStoryEvent, type Ctx, STORY_FIELDS, type StoryRow, texts } from './storyRows';

/**
 * The hand-off between the practice manager and the link worker over a story: the manager returns
 * it with comments (the words are kept as they stood, and any finding marked acceptable must be
 * looked at again); the link worker answers each comment by changing the words it is about or by a
 * reply, and only then can send it back; the manager sees what changed since she returned it, and
 * may make small edits herself, recorded as hers.
 */

/** A manager's edit changing more words than this is a rewrite: it goes back to the link worker. */
export const SMALL_EDIT_WORDS = 30;

async function latestReturn(db: Db, storyId: number) {
  return db.selectFrom('story_return').selectAll().where('story_id', '=', storyId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** The latest return, its comments (each with how it was answered), and the words changed since. */
export async function reviewOf(db: Db, row: StoryRow): Promise<Review | null> {
  const ret = await latestReturn(db, row.id);
  if (!ret) return null;
  const comments = await db.selectFrom('story_comment').selectAll().where('return_id', '=', ret.id).orderBy('id').execute();
  const now = texts(row);
  const then = texts(ret);
  const changed = new Set(STORY_FIELDS.filter((f) => now[f] !== then[f]));
  // A comment on the whole story is answered by a change to a part no other comment is about:
  // a new headline answers the comment on the headline, not "did her son agree?".
  const aimedAt = new Set(comments.map((c) => c.field).filter((f): f is StoryField => f !== null));
  const changedElsewhere = [...changed].some((f) => !aimedAt.has(f));
  return {
    returnedAt: ret.at,
    returnedByName: ret.by_name,
    comments: comments.map((c): ReviewComment => {
      const field = c.field as StoryField | null;
      const changedIt = field === null ? changedElsewhere : changed.has(field);
      return { id: c.id, field, text: c.text, reply: c.reply, replyByName: c.reply_by_name, replyAt: c.reply_at, answeredBy: c.reply ? 'reply' : changedIt ? 'change' : null };
    }),
    changes: STORY_FIELDS.filter((f) => changed.has(f)).map((f) => ({ field: f, parts: wordDiff(then[f], now[f]) })),
  };
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text);

/** While a story is returned: one line for each comment neither answered by a change nor replied to. */
export function unansweredComments(row: Pick<StoryRow, 'status'>, review: Review | null): string[] {
  if (row.status !== 'returned' || !review) return [];
  return review.comments
    .filter((c) => c.answeredBy === null)
    .map((c) => `Answer the comment “${short(c.text)}”: change ${c.field === null ? 'the story' : `“${storyFieldLabels[c.field]}”`} or reply to it.`);
}

export async function returnStory(ctx: Ctx, row: StoryRow, comments: readonly z.output<typeof ReturnComment>[]): Promise<{ acceptancesCleared: number }> {
  if (row.status !== 'submitted' && row.status !== 'approved') throw new AppError('CONFLICT', 'Only a story sent for approval, or approved, can be returned.');
  const at = ctx.now.toISOString();
  const { id: returnId } = await ctx.db
    .insertInto('story_return')
    .values({ story_id: row.id, at, by_name: ctx.actor.fullName, ...texts(row) })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('story_comment').values(comments.map((c) => ({ return_id: returnId, field: c.field, text: c.text }))).execute();
  // A finding marked acceptable was judged on the story as it was: after a return it is judged again.
  const cleared = await ctx.db.deleteFrom('story_finding_accepted').where('story_id', '=', row.id).executeTakeFirst();
  const acceptancesCleared = Number(cleared.numDeletedRows);
  const joined = comments.map((c) => (c.field ? `${storyFieldLabels[c.field]}: ${c.text}` : c.text)).join('\n');
  await ctx.db.updateTable('story').set({ status: 'returned', return_comment: joined, approved_at: null, approved_by_name: null, updated_at: at }).where('id', '=', row.id).execute();
  const note = acceptancesCleared > 0 ? ` (${acceptancesCleared === 1 ? 'the finding' : `${acceptancesCleared} findings`} marked acceptable to be looked at again)` : '';
  await addStoryEvent(ctx, row.id, 'returned', `${joined.replace(/\n/g, '; ')}${note}`);
  return { acceptancesCleared };
}

export async function replyToComment(ctx: Ctx, row: StoryRow, commentId: number, reply: string): Promise<void> {
  if (row.status !== 'returned') throw new AppError('CONFLICT', 'You can reply to the comments while the story is returned to you.');
  const ret = await latestReturn(ctx.db, row.id);
  const comment = ret ? await ctx.db.selectFrom('story_comment').selectAll().where('id', '=', commentId).where('return_id', '=', ret.id).executeTakeFirst() : undefined;
  if (!comment) throw new AppError('NOT_FOUND', 'That comment is not one of this story’s latest comments.');
  await ctx.db.updateTable('story_comment').set({ reply, reply_by_name: ctx.actor.fullName, reply_at: ctx.now.toISOString() }).where('id', '=', commentId).execute();
  await addStoryEvent(ctx, row.id, 'replied', `to “${short(comment.text)}”: ${reply}`);
}

/** "changed “a friend” to “her neighbour”", "took out “every Tuesday”", "added “at the library”". */
function describeChange(parts: readonly DiffPart[]): string {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const p = parts[i]!;
    if (p.kind === 'same') continue;
    const next = parts[i + 1];
    if (p.kind === 'removed' && next?.kind === 'added') {
      out.push(`changed “${p.text.trim()}” to “${next.text.trim()}”`);
      i += 1;
    } else out.push(`${p.kind === 'removed' ? 'took out' : 'added'} “${p.text.trim()}”`);
  }
  return out.join(', ');
}

/**
 * The manager's own small edit of a story waiting for her approval: saved as hers (who last changed
 * it, and a history entry of each change); a bigger change is refused so the link worker rewrites it.
 */
export async function editStory(ctx: Ctx, row: StoryRow, next: StoryTexts): Promise<{ words: number }> {
  if (row.status !== 'submitted') {
    throw new AppError('CONFLICT', row.status === 'approved' ? 'This story is already approved: return it with comments to change it.' : 'You can edit the wording of a story once it is sent for your approval.');
  }
  const before = texts(row);
  const changes = STORY_FIELDS.filter((f) => before[f] !== next[f]).map((f) => ({ field: f, parts: wordDiff(before[f], next[f]) }));
  const words = changes.reduce((n, c) => n + changedWords(c.parts), 0);
  if (words === 0) return { words };
  if (words > SMALL_EDIT_WORDS) {
    const message = `That changes ${words} words, more than a small edit (${SMALL_EDIT_WORDS} at most): return the story with a comment, so the link worker can rewrite it.`;
    throw new AppError('VALIDATION', message, Object.fromEntries(changes.map((c) => [c.field, [message]])));
  }
  await ctx.db
    .updateTable('story')
    .set({ ...next, updated_at: ctx.now.toISOString(), updated_by_name: ctx.actor.fullName })
    .where('id', '=', row.id)
    .where('status', '=', 'submitted')
    .execute();
  await addStoryEvent(ctx, row.id, 'edited by the practice manager', changes.map((c) => `${storyFieldLabels[c.field]}: ${describeChange(c.parts)}`).join('; '));
  return { words };
}
