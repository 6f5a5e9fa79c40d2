import { appendAudit } from '../../../main/audit/auditLog';
import type { PatientMatch, ReferralSummary } from '../../../main/contract/referrals';
import { benchInstallation, databaseMiB } from '../fixtures';
import { type BenchReport, type BenchSuite, formatMs, measure, type Measurement, measurePair, peakRssMiB, timeOnce } from '../harness';
import { addReferralTeam, dispatchOk, seedPatientsAndReferrals, signInAsLinkWorker } from '../referralFixtures';
import { replay, traceStatements } from '../statementTrace';

const PATIENTS = 100_000;
const REFERRALS = 20_000;
/** Time each pair (dispatch and its SQL, interleaved) is given; the run count follows from it. */
const PAIR_BUDGET_MS = 4000;

const count = (n: number) => n.toLocaleString('en-GB');

/** An NHS number as a receptionist types it from a letter: 999 123 4567. */
const spaced = (nhs: string) => `${nhs.slice(0, 3)} ${nhs.slice(3, 6)} ${nhs.slice(6)}`;

interface Case {
  label: string;
  channel: 'patients.search' | 'referrals.inbox';
  input: unknown;
  /** The statement (or statements) the channel is built around, for the "of which" row. */
  core: { label: string; matches: (sql: string) => boolean };
  /** Whether the search must (true) or must not (false) take the typo-tolerant fallback. */
  fallback?: boolean;
}

const FTS = { label: 'FTS5 name query', matches: (sql: string) => sql.includes('patient_name_fts MATCH') };
const TYPO_CANDIDATES = { label: 'family-name candidate queries', matches: (sql: string) => sql.includes('"family_key" >= ?') };
const BY_NHS = { label: 'NHS number lookup', matches: (sql: string) => sql.includes('"nhs_number" = ?') };
const INBOX_PAGE = { label: 'page query', matches: (sql: string) => sql.includes('from "referral"') && sql.endsWith('limit ? offset ?') };
const isAudit = (sql: string) => sql.includes('"audit_log"');

function describe(channel: Case['channel'], result: unknown): string {
  if (channel === 'patients.search') {
    const matches = result as PatientMatch[];
    return `${matches.length} match${matches.length === 1 ? '' : 'es'}, ${matches.filter((m) => m.openReferral).length} with an open referral`;
  }
  const { rows, total } = result as { rows: ReferralSummary[]; total: number };
  return `${rows.length} rows of ${count(total)}, ${rows.filter((r) => r.stale).length} stale`;
}

/** Runs the call a few times and gives it as many runs as fit in the pair's budget (between 10 and 300). */
async function runsFor(fn: () => unknown): Promise<number> {
  const probe = await measure('probe', fn, { iterations: 5, warmup: 2 });
  return Math.max(10, Math.min(300, Math.floor(PAIR_BUDGET_MS / (2 * Math.max(probe.medianMs, 0.01)))));
}

/**
 * Issue 3, "Tests and figures": patient search by name and by NHS number, and the inbox's first
 * page, on 100,000 patients and 20,000 referrals, each next to the raw SQL it wraps, as a ratio.
 * The raw side is not a hand copy: one dispatch call is traced on the driver handle, and its read
 * statements (all but dispatch's own audit entry) are prepared once and rerun with the same
 * parameters, so the ratio is what dispatch, Kysely, zod and the handler's own work add.
 */
export const referralsSuite: BenchSuite = {
  name: 'referrals',
  async run(report: BenchReport) {
    report.heading(`Patient search and the inbox: ${count(PATIENTS)} patients, ${count(REFERRALS)} referrals, 3 practices`);
    const setup = await timeOnce(() => benchInstallation());
    const { installation, session } = setup.value;
    try {
      const team = await timeOnce(() => addReferralTeam(session));
      const fill = await timeOnce(() => seedPatientsAndReferrals(session, team.value, { patients: PATIENTS, referrals: REFERRALS, now: new Date() }));
      const seeded = fill.value;
      report.note(`built in ${formatMs(setup.ms + team.ms + fill.ms)}: setup ${formatMs(setup.ms)}, four users ${formatMs(team.ms)} ` +
        `(a production key slot each), data ${formatMs(fill.ms)}; database ${databaseMiB(installation).toFixed(1)} MiB; peak RSS ${peakRssMiB().toFixed(0)} MiB`);
      report.note(`patients per practice ${seeded.patientsPerPractice.map(count).join(' / ')}; referrals ${count(seeded.open)} open, ` +
        `${count(seeded.received)} received (${count(seeded.receivedForLoneliness)} for loneliness); ${count(seeded.reasonRows)} reason rows, ` +
        `${count(seeded.events)} timeline entries, ${count(seeded.codings)} codes; no ANALYZE (the app runs none)`);

      await signInAsLinkWorker(session, team.value);
      const { store, user } = session.active();
      const { raw, db } = store;
      report.note(`signed in as ${user.fullName} (${user.role}), who covers all three practices`);

      const nhs = seeded.nhsNumbers[Math.floor(PATIENTS * 0.61)]!;
      const cases: Case[] = [
        { label: "patients.search 'hugh' (prefix)", channel: 'patients.search', input: { query: 'hugh' }, core: FTS, fallback: false },
        { label: "patients.search 'Smith' (commonest family name)", channel: 'patients.search', input: { query: 'Smith' }, core: FTS, fallback: false },
        { label: `patients.search '${spaced(nhs)}' (NHS number)`, channel: 'patients.search', input: { query: spaced(nhs) }, core: BY_NHS },
        { label: "patients.search 'Margret Smiht' (typos: fallback)", channel: 'patients.search', input: { query: 'Margret Smiht' }, core: TYPO_CANDIDATES, fallback: true },
        { label: 'referrals.inbox {} (first page, 50, by urgency)', channel: 'referrals.inbox', input: {}, core: INBOX_PAGE },
        {
          label: "referrals.inbox received + 'loneliness'", channel: 'referrals.inbox',
          input: { status: ['received'], reason: 'loneliness' }, core: INBOX_PAGE,
        },
        // What InboxScreen asks for when it opens: the open referrals, most urgent first, 25 a page.
        {
          label: 'referrals.inbox as the screen opens (open, 25)', channel: 'referrals.inbox',
          input: { status: ['received', 'accepted', 'contacted', 'in_progress'], sort: 'urgency', offset: 0, limit: 25 }, core: INBOX_PAGE,
        },
      ];

      const rows: Measurement[] = [];
      const ratios: string[] = [];
      for (const c of cases) {
        let result: unknown;
        const traced = await traceStatements(raw, async () => { result = await dispatchOk(session, c.channel, c.input); });
        const reads = traced.filter((s) => !isAudit(s.sql));
        const core = reads.filter((s) => c.core.matches(s.sql));
        if (core.length === 0) throw new Error(`${c.label}: no ${c.core.label} among the statements dispatch ran; has the query changed?`);
        const tookFallback = reads.some((s) => TYPO_CANDIDATES.matches(s.sql));
        if (c.fallback !== undefined && c.fallback !== tookFallback) {
          throw new Error(`${c.label}: expected the search ${c.fallback ? 'to' : 'not to'} fall back to typo-tolerant matching`);
        }
        const viaDispatch = () => dispatchOk(session, c.channel, c.input);
        const direct = replay(raw, reads);
        const coreOnly = replay(raw, core);
        const runs = await runsFor(viaDispatch);
        const [d, r] = await measurePair(
          { name: c.label, fn: viaDispatch },
          { name: `  same ${reads.length} statements on store.raw`, fn: direct },
          { iterations: runs, warmup: Math.min(20, Math.ceil(runs / 10)) },
        );
        const k = await measure(`    of which the ${c.core.label}${core.length > 1 ? ` (${core.length})` : ''}`, coreOnly, { iterations: runs, warmup: 3 });
        rows.push(d, r, k);
        const audited = traced.length - reads.length;
        ratios.push(`${c.label}: dispatch / raw = ${(d.medianMs / r.medianMs).toFixed(2)}× (+${formatMs(d.medianMs - r.medianMs)}); ` +
          `${describe(c.channel, result)}${audited > 0 ? `; its ${audited} audit-entry statements are dispatch's, not replayed` : ''}`);
      }

      // A read of patient data is audited: part of what patients.search costs over its SQL.
      const auditEntry = await measure('appendAudit (the entry a search adds)', () => appendAudit(db, {
        at: new Date().toISOString(), actorUserId: user.id, actorName: user.fullName, action: 'patients.search', targetType: 'patient', targetId: '1,2,3', detail: 'search by name: 3 found',
      }), { iterations: 200, warmup: 10 });
      rows.push(auditEntry);

      report.table(rows);
      for (const line of ratios) report.note(line);
      report.note(`peak RSS so far ${peakRssMiB().toFixed(0)} MiB`);
    } finally {
      await session.logout();
      installation.remove();
    }
  },
};
