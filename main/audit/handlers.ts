import type { HandlerGroup } from '../dispatch/handler';
import { listAudit, verifyAuditChain } from './auditLog';

export const auditHandlers: HandlerGroup<'audit.list' | 'audit.verify'> = {
  'audit.list': async ({ db }, input) => listAudit(db, input),
  'audit.verify': async ({ db }) => verifyAuditChain(db),
};
