import type { HandlerGroup } from '../dispatch/handler';
import { discardFormDraft, getFormDraft, saveFormDraft } from './drafts';

// The key names the form and its record (e.g. contact:12), never what was typed: it is the audit's target.
export const draftHandlers: HandlerGroup<'drafts.save' | 'drafts.get' | 'drafts.discard'> = {
  'drafts.save': async ({ db, user, now, auditTarget }, { key, form }) => {
    auditTarget({ type: 'draft', id: key });
    return saveFormDraft(db, user.id, key, form, now.toISOString());
  },
  'drafts.get': async ({ db, user, auditTarget }, { key }) => {
    auditTarget({ type: 'draft', id: key });
    return getFormDraft(db, user.id, key);
  },
  'drafts.discard': async ({ db, user, auditTarget }, { key }) => {
    auditTarget({ type: 'draft', id: key });
    await discardFormDraft(db, user.id, key);
    return { done: true as const };
  },
};
