import type { HandlerGroup } from '../dispatch/handler';
import { listAudit } from './auditLog';
import { anchorStarted, checkAuditIntegrity, readAnchorCopies } from './integrity';

export const auditHandlers: HandlerGroup<'audit.list' | 'audit.verify'> = {
  'audit.list': async ({ db }, input) => listAudit(db, input),
  'audit.verify': async ({ session, db, store }) =>
    checkAuditIntegrity(db, store.raw, readAnchorCopies(session.anchor().copies), await anchorStarted(db)),
};
