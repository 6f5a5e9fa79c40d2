import { londonToday } from '../contract/time';
import type { HandlerGroup } from '../dispatch/handler';
import { auditPeople, exportAudit, listAudit } from './view';
import { anchorStarted, checkAuditIntegrity, readAnchorCopies } from './integrity';

export const auditHandlers: HandlerGroup<'audit.list' | 'audit.people' | 'audit.export' | 'audit.verify'> = {
  'audit.list': async ({ db, user }, input) => listAudit(db, input, user.role),
  'audit.people': async ({ db }) => auditPeople(db),
  'audit.export': async ({ db, user, now, auditTarget }, { filter }) => {
    const { csv, count } = await exportAudit(db, filter, user.role);
    auditTarget({ type: 'audit_log', id: 'export', detail: `CSV of ${count} entries${Object.keys(filter).length ? ` (filter: ${JSON.stringify(filter)})` : ''}` });
    return { fileName: `signpost-audit-${londonToday(now)}.csv`, mimeType: 'text/csv;charset=utf-8', base64: Buffer.from(csv, 'utf8').toString('base64'), count };
  },
  'audit.verify': async ({ session, db, store }) => {
    const check = await checkAuditIntegrity(db, store.raw, readAnchorCopies(session.anchor().copies), await anchorStarted(db));
    // What this sign-in found (and wrote to the log) belongs to the answer too: signing in anchors the log anew.
    const problems = [...check.problems, ...session.signInFindings.map((f) => `Found when you signed in: ${f}`)];
    return { ...check, ok: problems.length === 0, problems };
  },
};
