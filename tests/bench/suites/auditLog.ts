import { verifyAuditChain } from '../../../main/audit/auditLog';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { findUserSlot, readSlotFile, unwrapSlot } from '../../../main/store/keySlots';
import { appendSyntheticAudit, benchInstallation, databaseMiB } from '../fixtures';
import { type BenchSuite, formatMs, measure, type Measurement, measurePair, timeOnce } from '../harness';

const AUDIT_ROWS = 100_000;

/** Throws when dispatch answers with an error: a benchmark of a failing call measures nothing. */
async function dispatchOk(session: Session, channel: string, input: unknown): Promise<unknown> {
  const r = await dispatch(session, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  return r.result;
}

/** Issue: "for a database of 100,000 audit rows": opening and unlocking, and what dispatch costs. */
export const auditLogSuite: BenchSuite = {
  name: 'audit',
  async run(report) {
    report.heading(`A database of ${AUDIT_ROWS.toLocaleString('en-GB')} audit rows (production key derivation)`);
    const setup = await timeOnce(() => benchInstallation());
    const { installation, session: setupSession } = setup.value;
    try {
      const fill = await timeOnce(() => appendSyntheticAudit(setupSession, AUDIT_ROWS));
      await setupSession.logout();
      report.note(`built in ${formatMs(setup.ms + fill.ms)} (setup ${formatMs(setup.ms)}, ${AUDIT_ROWS.toLocaleString('en-GB')} rows ${formatMs(fill.ms)}); ` +
        `database ${databaseMiB(installation).toFixed(1)} MiB`);

      // (a) Opening and unlocking, as the sign-in screen does it: key derivation, open, migration check, audit entry.
      let opened: Session | undefined;
      const login = await measure('open and unlock: new Session + login()', async () => {
        opened = new Session({ dataFolder: installation.folder });
        await opened.login(installation.username, installation.password);
      }, { iterations: 5, warmup: 1, after: () => opened?.logout() });

      const slot = findUserSlot(readSlotFile(`${installation.folder}/keyslots.json`), installation.username);
      if (!slot) throw new Error('no key slot for the bench user');
      const derive = await measure(`  of which key derivation (scrypt N=2^${Math.log2(slot.kdf.N)})`, () => {
        unwrapSlot(slot, installation.password)?.fill(0);
      }, { iterations: 5 });

      const session = new Session({ dataFolder: installation.folder });
      await session.login(installation.username, installation.password);
      try {
        const { raw, db } = session.active().store;

        // (b) One dispatch call against the same statements run straight on the driver. Kysely's SQL
        // for listAudit and listUsers, prepared once, is the floor dispatch stands on.
        const auditPage = raw.prepare('select * from "audit_log" order by "id" desc limit ?');
        const auditCount = raw.prepare('select count(*) as "total" from "audit_log"');
        const usersAll = raw.prepare('select * from "app_user" order by "full_name"');
        const linksAll = raw.prepare('select * from "user_practice"');

        const rows: Measurement[] = [login, derive];
        const [auditDispatch, auditDirect] = await measurePair(
          { name: "dispatch(session, 'audit.list', { limit: 1 })", fn: () => dispatchOk(session, 'audit.list', { limit: 1 }) },
          { name: '  same statements on store.raw', fn: () => { auditPage.all(1); auditCount.get(); } },
          { iterations: 60, warmup: 5 },
        );
        const countOnly = await measure('    of which select count(*)', () => auditCount.get(), { iterations: 30 });
        const [usersDispatch, usersDirect] = await measurePair(
          { name: "dispatch(session, 'users.list', {})", fn: () => dispatchOk(session, 'users.list', {}) },
          { name: '  same statements on store.raw', fn: () => { usersAll.all(); linksAll.all(); } },
          { iterations: 1000, warmup: 100 },
        );
        rows.push(auditDispatch, auditDirect, countOnly, usersDispatch, usersDirect);

        // What the admin check costs on a log this size.
        let checked = 0;
        const chain = await measure('verifyAuditChain (whole log)', async () => {
          const result = await verifyAuditChain(db);
          if (!result.ok) throw new Error(`the synthetic chain broke at ${result.firstBrokenId}`);
          checked = result.checked;
        }, { iterations: 3 });
        const integrity = await measure('PRAGMA integrity_check', () => raw.pragma('integrity_check'), { iterations: 3 });
        rows.push(chain, integrity);

        report.table(rows);
        report.ratio("dispatch / direct, audit.list { limit: 1 }", auditDispatch, auditDirect);
        report.ratio('dispatch / direct, users.list', usersDispatch, usersDirect);
        report.note(`dispatch overhead per call: audit.list ${formatMs(auditDispatch.medianMs - auditDirect.medianMs)}, ` +
          `users.list ${formatMs(usersDispatch.medianMs - usersDirect.medianMs)}`);
        report.note(`key derivation is ${((derive.medianMs / login.medianMs) * 100).toFixed(0)}% of opening and unlocking; ` +
          `the chain check walked ${checked.toLocaleString('en-GB')} entries`);
      } finally {
        await session.logout();
      }
    } finally {
      installation.remove();
    }
  },
};
