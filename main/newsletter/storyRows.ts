import { AppError } from '../contract/errors';
import type { StoryField, StoryTexts } from '../contract/newsletter';
import { coveredPracticeIds } from '../referrals/access';
import type { Db } from '../store/database';

/** What every story and issue rule shares: who is acting and when, and the story row itself. */

/** Who is acting, and when. */
export interface Ctx {
  db: Db;
  actor: { id: number; fullName: string };
  now: Date;
}

export const STORY_FIELDS: readonly StoryField[] = ['title', 'text', 'quote', 'outcomes'];

export async function storyRow(db: Db, id: number) {
  const row = await db.selectFrom('story').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That story does not exist.');
  return row;
}
export type StoryRow = Awaited<ReturnType<typeof storyRow>>;

/** The story, if it belongs to a practice the user works at. */
export async function coveredStory(db: Db, userId: number, id: number): Promise<StoryRow> {
  const row = await storyRow(db, id);
  if (!(await coveredPracticeIds(db, userId)).includes(row.practice_id)) throw new AppError('FORBIDDEN', 'This story belongs to a practice you do not work at.');
  return row;
}

export function texts(row: Pick<StoryRow, 'title' | 'text' | 'quote' | 'outcomes'>): StoryTexts {
  return { title: row.title, text: row.text, quote: row.quote, outcomes: row.outcomes };
}

export async function addStoryEvent(ctx: Ctx, storyId: number, kind: string, text = ''): Promise<void> {
  await ctx.db.insertInto('story_event').values({ story_id: storyId, at: ctx.now.toISOString(), by_name: ctx.actor.fullName, kind, text }).execute();
}
