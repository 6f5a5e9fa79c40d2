import type { HandlerGroup } from '../dispatch/handler';
import { discardFormDraft, getFormDraft, saveFormDraft } from './drafts';

export const draftHandlers: HandlerGroup<'drafts.save' | 'drafts.get' | 'drafts.discard'> = {
  'drafts.save': async ({ db, user, now }, { key, form }) => saveFormDraft(db, user.id, key, form, now.toISOString()),
  'drafts.get': async ({ db, user }, { key }) => getFormDraft(db, user.id, key),
  'drafts.discard': async ({ db, user }, { key }) => {
    await discardFormDraft(db, user.id, key);
    return { done: true as const };
  },
};
