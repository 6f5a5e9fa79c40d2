import { AppError } from '../contract/errors';
import type { Db } from '../store/database';

type Form = Record<string, unknown>;

export interface DraftView {
  id: number;
  savedAt: string;
  label: string;
  form: Form;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The patient's name as typed so far, wherever the form keeps it, or 'Untitled referral'. */
export function draftLabel(form: Form): string {
  const patient = typeof form.patient === 'object' && form.patient !== null ? (form.patient as Form) : form;
  const name = [text(patient.givenName), text(patient.familyName)].filter(Boolean).join(' ');
  return name || 'Untitled referral';
}

/**
 * Keeps the form as typed: updates the caller's own draft with this id, or starts a new one (also when
 * the id is not theirs or is gone), so nothing typed is ever dropped.
 */
export async function saveDraft(db: Db, userId: number, id: number | undefined, form: Form, now: string): Promise<{ id: number; savedAt: string }> {
  if (id !== undefined) {
    const updated = await db.updateTable('referral_draft').set({ form: JSON.stringify(form), saved_at: now })
      .where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    if (updated.numUpdatedRows > 0n) return { id, savedAt: now };
  }
  const row = await db.insertInto('referral_draft').values({ user_id: userId, form: JSON.stringify(form), saved_at: now }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, savedAt: now };
}

export async function listDrafts(db: Db, userId: number): Promise<DraftView[]> {
  const rows = await db.selectFrom('referral_draft').selectAll().where('user_id', '=', userId).orderBy('saved_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => {
    const form = JSON.parse(r.form) as Form;
    return { id: r.id, savedAt: r.saved_at, label: draftLabel(form), form };
  });
}

export async function discardDraft(db: Db, userId: number, id: number): Promise<void> {
  const deleted = await db.deleteFrom('referral_draft').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw new AppError('NOT_FOUND', 'That draft does not exist or is not yours.');
}
