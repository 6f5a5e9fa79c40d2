import type { HandlerGroup } from '../dispatch/handler';
import { listAudit } from './auditLog';
import { anchorStarted, checkAuditIntegrity, readAnchorCopies } from './integrity';

export const auditHandlers: HandlerGroup<'audit.list' | 'audit.verify'> = {
  'audit.list': async ({ db }, input) => listAudit(db, input),
  'audit.verify': async ({ session, db, store }) => {
    const check = await checkAuditIntegrity(db, store.raw, readAnchorCopies(session.anchor().copies), await anchorStarted(db));
    // What this sign-in found (and wrote to the log) belongs to the answer too: signing in anchors the log anew.
    const problems = [...check.problems, ...session.signInFindings.map((f) => `Found when you signed in: ${f}`)];
    return { ...check, ok: problems.length === 0, problems };
  },
};
