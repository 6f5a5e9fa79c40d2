import type { FormDraft } from '../contract/drafts';
import type { Db } from '../store/database';

type Form = Record<string, unknown>;

/** One draft per person and form: saving again replaces it. */
export async function saveFormDraft(db: Db, userId: number, key: string, form: Form, now: string): Promise<{ savedAt: string }> {
  await db
    .insertInto('form_draft')
    .values({ user_id: userId, key, form: JSON.stringify(form), saved_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doUpdateSet({ form: JSON.stringify(form), saved_at: now }))
    .execute();
  return { savedAt: now };
}

export async function getFormDraft(db: Db, userId: number, key: string): Promise<FormDraft | null> {
  const row = await db.selectFrom('form_draft').select(['form', 'saved_at']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();
  return row ? { form: JSON.parse(row.form) as Form, savedAt: row.saved_at } : null;
}

/** Forgetting a draft that is already gone is not an error: the form was sent from another window. */
export async function discardFormDraft(db: Db, userId: number, key: string): Promise<void> {
  await db.deleteFrom('form_draft').where('user_id', '=', userId).where('key', '=', key).execute();
}
