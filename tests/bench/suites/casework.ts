import type { CaseFile, Caseload } from '../../../main/contract/casework';
import type { Instrument, MeasuresForReferral } from '../../../main/contract/measures';
import type { Service } from '../../../main/contract/directory';
import { scoreMeasure } from '../../../main/measures/scoring';
import type { Session } from '../../../main/session/session';
import { benchInstallation, databaseMiB } from '../fixtures';
import { type BenchReport, type BenchSuite, formatMs, measure, type Measurement, measurePair, peakRssMiB, timeOnce } from '../harness';
import { addReferralTeam, dispatchOk, type ReferralTeam, seededRandom, seedPatientsAndReferrals, signInAsLinkWorker } from '../referralFixtures';
import { replay, traceStatements, type TracedStatement } from '../statementTrace';

const PATIENTS = 20_000;
const REFERRALS = 4_000;
/** Issue 4: "the caseload view for a link worker with 400 open cases". */
const OPEN_CASES = 400;
/** Issue 4: "opening a case with 200 contacts and 20 measures"; every open case of the link worker has 200 contacts. */
const CONTACTS_PER_CASE = 200;
const CONTACTS_PER_ENDED_CASE = 30;
const PAIR_BUDGET_MS = 4000;
const DAY = 86_400_000;

const count = (n: number) => n.toLocaleString('en-GB');
const isAudit = (sql: string) => sql.includes('"audit_log"');

const CONTACT_TYPES = ['phone', 'phone', 'phone', 'face_to_face', 'face_to_face', 'home_visit', 'video', 'text_or_letter', 'did_not_attend', 'unable_to_reach'] as const;
const NOTES = [
  'Talked about the week; went to the lunch club on Tuesday.',
  'Helped fill in the Attendance Allowance form.',
  'Walked to the community centre together.',
  'Low this week; agreed to call again on Friday.',
  '',
];
const GOALS = ['I want to get out of the house twice a week', 'Sort out my bills', 'Sing in a choir again', 'Find a volunteering role', 'Sleep better'];
const STEPS = ['Phone the housing officer together', 'Visit the lunch club', 'Send the benefits form', 'Meet at the library'];
const SERVICES = ['Headingley Community Choir', 'Citizens Advice benefits check', 'Age UK telephone befriending', 'Leeds Food Aid', 'Men’s Shed', 'Walking for health'];

interface CaseworkSeed {
  leeOpen: number[];
  contacts: number;
  measures: number;
  /** The case opened in the "open a case" benchmark: 200 contacts and 20 measures. */
  bigCase: number;
}

/** Measures of one case: a baseline and follow-ups of each measure, answers varied, scores as main computes them. */
function measureRows(referralId: number, plan: Readonly<Partial<Record<Instrument, number>>>, rnd: () => number, now: number) {
  const rows: { referral_id: number; instrument: Instrument; stage: string; taken_on: string; answers: string; scores: string }[] = [];
  for (const instrument of Object.keys(plan) as Instrument[]) {
    for (let k = 0; k < (plan[instrument] ?? 0); k += 1) {
      const takenOn = new Date(now - (300 - k * 14) * DAY).toISOString().slice(0, 10);
      const answers =
        instrument === 'ons4' ? [0, 1, 2, 3].map(() => Math.floor(rnd() * 11))
          : instrument === 'swemwbs' ? [0, 1, 2, 3, 4, 5, 6].map(() => 1 + Math.floor(rnd() * 5))
            : [0, 1, 2].map(() => 1 + Math.floor(rnd() * 3));
      rows.push({
        referral_id: referralId, instrument, stage: k === 0 ? 'baseline' : 'follow_up', taken_on: takenOn,
        answers: JSON.stringify(answers), scores: JSON.stringify(scoreMeasure({ instrument, answers })),
      });
    }
  }
  return rows;
}

/**
 * Tops the link worker's open cases up to 400 (new referrals for seeded patients, in progress), and
 * gives every case its casework: 200 contacts on each of the link worker's open cases and 30 on each
 * ended one, goals, next steps (some overdue), a few escalations and MDT flags, measures and
 * signposting. Straight through the driver in one transaction; seeded, so every run is the same.
 */
function seedCasework(session: Session, team: ReferralTeam, services: number[], now: number): CaseworkSeed {
  const { raw } = session.active().store;
  const rnd = seededRandom(4_040_404);
  const lee = team.linkWorker.id;
  const open = () =>
    (raw.prepare("SELECT id FROM referral WHERE assigned_to_user_id = ? AND status IN ('accepted', 'contacted', 'in_progress') ORDER BY id").all(lee) as { id: number }[]).map((r) => r.id);
  const iso = (ms: number) => new Date(ms).toISOString();
  const insertReferral = raw.prepare(
    'INSERT INTO referral (patient_id, practice_id, referrer_user_id, details, reasons, urgency, urgency_rank, safeguarding, status, status_changed_at, ' +
      'received_at, last_activity_at, assigned_to_user_id, accepted_at, contact_attempts, redirected_to, outcome) ' +
      "SELECT patient_id, practice_id, referrer_user_id, details, reasons, urgency, urgency_rank, safeguarding, 'in_progress', ?, ?, ?, ?, ?, 0, NULL, NULL " +
      'FROM referral WHERE id = ?',
  );
  const insertContact = raw.prepare(
    'INSERT INTO case_contact (referral_id, at, type, reached, duration_minutes, notes, recorded_by, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertGoal = raw.prepare('INSERT INTO case_goal (referral_id, text, target_date, progress, created_at, updated_at, updated_by_name) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertStep = raw.prepare('INSERT INTO case_next_step (referral_id, text, due_on, done_on, created_at, updated_at, updated_by_name) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertEscalation = raw.prepare(
    'INSERT INTO case_escalation (referral_id, concern, escalated_to, escalated_on, outcome, outcome_recorded_at, recorded_by, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertFlag = raw.prepare(
    'INSERT INTO case_mdt_flag (referral_id, practice_id, question, flagged_by, flagged_by_name, flagged_at, cleared_at, cleared_by_name) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)',
  );
  const insertMeasure = raw.prepare(
    'INSERT INTO measure (referral_id, instrument, stage, taken_on, answers, scores, recorded_by, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertUse = raw.prepare('INSERT INTO service_use (referral_id, service_id, kind, on_date, taken_up, feedback, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const day = (ms: number) => iso(ms).slice(0, 10);
  const name = team.linkWorker.fullName;
  let contacts = 0;
  let measures = 0;

  const leeOpen = raw.transaction(() => {
    const donors = (raw.prepare("SELECT id FROM referral WHERE status IN ('closed', 'declined', 'redirected') ORDER BY id").all() as { id: number }[]).map((r) => r.id);
    for (let i = open().length, d = 0; i < OPEN_CASES; i += 1, d += 1) {
      const accepted = now - (20 + rnd() * 200) * DAY;
      insertReferral.run(iso(accepted + DAY), iso(accepted - DAY), iso(now - rnd() * 20 * DAY), lee, iso(accepted), donors[d % donors.length]);
    }
    const mine = open();
    const ended = (raw.prepare("SELECT id, assigned_to_user_id FROM referral WHERE status IN ('closed', 'unable_to_contact') AND assigned_to_user_id IS NOT NULL").all() as { id: number }[]).map((r) => r.id);
    const withContacts: [number, number][] = [...mine.map((id) => [id, CONTACTS_PER_CASE] as [number, number]), ...ended.map((id) => [id, CONTACTS_PER_ENDED_CASE] as [number, number])];
    for (const [id, n] of withContacts) {
      // Some cases have not been reached for weeks: the caseload's no-contact alert.
      const lastMs = now - (rnd() < 0.2 ? 20 + rnd() * 40 : rnd() * 14) * DAY;
      for (let k = 0; k < n; k += 1) {
        const at = lastMs - k * (0.5 + rnd()) * DAY;
        const type = CONTACT_TYPES[Math.floor(rnd() * CONTACT_TYPES.length)]!;
        const reached = type === 'did_not_attend' || type === 'unable_to_reach' ? 0 : 1;
        insertContact.run(id, iso(at), type, reached, reached ? 10 + Math.floor(rnd() * 50) : null, NOTES[Math.floor(rnd() * NOTES.length)]!, lee, name, iso(at + 3600_000));
        contacts += 1;
      }
    }
    for (const id of mine) {
      for (let g = 0; g < 3; g += 1) {
        const progress = ['not_started', 'in_progress', 'achieved', 'no_longer_relevant'][Math.floor(rnd() * 4)]!;
        insertGoal.run(id, GOALS[Math.floor(rnd() * GOALS.length)]!, rnd() < 0.5 ? day(now + 60 * DAY) : null, progress, iso(now - 90 * DAY), iso(now - 10 * DAY), name);
      }
      for (let s = 0; s < 3; s += 1) {
        const due = now + (s * 14 - 10 + rnd() * 20) * DAY;
        insertStep.run(id, STEPS[Math.floor(rnd() * STEPS.length)]!, day(due), s === 0 && rnd() < 0.5 ? day(due) : null, iso(now - 30 * DAY), iso(now - 30 * DAY), name);
      }
      if (rnd() < 0.05) insertEscalation.run(id, 'Neighbour worried about self-neglect', 'Practice safeguarding lead', day(now - 30 * DAY), rnd() < 0.5 ? 'Adult social care visited' : '', null, lee, name, iso(now - 30 * DAY));
      if (rnd() < 0.1) insertFlag.run(id, 1, 'Could the practice nurse review her medication?', lee, name, iso(now - 7 * DAY));
      const plan = rnd() < 0.6 ? { swemwbs: 1 + Math.floor(rnd() * 2), ons4: 1 + Math.floor(rnd() * 2) } : { ucla3: 1 };
      for (const m of measureRows(id, plan, rnd, now)) {
        insertMeasure.run(m.referral_id, m.instrument, m.stage, m.taken_on, m.answers, m.scores, lee, name, iso(now));
        measures += 1;
      }
      for (let u = 0; u < 2; u += 1) {
        insertUse.run(id, services[Math.floor(rnd() * services.length)]!, rnd() < 0.7 ? 'signposted' : 'referred', day(now - 40 * DAY), rnd() < 0.3 ? null : rnd() < 0.7 ? 1 : 0, '', lee, iso(now - 40 * DAY));
      }
    }
    return mine;
  })();

  // The case opened in the benchmark: 20 measures (7 SWEMWBS, 7 ONS4, 6 UCLA over 300 days).
  const bigCase = leeOpen[Math.floor(leeOpen.length / 2)]!;
  raw.transaction(() => {
    raw.prepare('DELETE FROM measure WHERE referral_id = ?').run(bigCase);
    for (const m of measureRows(bigCase, { swemwbs: 7, ons4: 7, ucla3: 6 }, rnd, now)) {
      insertMeasure.run(m.referral_id, m.instrument, m.stage, m.taken_on, m.answers, m.scores, lee, name, iso(now));
    }
  })();
  measures = (raw.prepare('SELECT count(*) AS n FROM measure').get() as { n: number }).n;
  return { leeOpen, contacts, measures, bigCase };
}

/** Runs the call a few times and gives it as many runs as fit in the pair's budget (between 10 and 300). */
async function runsFor(fn: () => unknown): Promise<number> {
  const probe = await measure('probe', fn, { iterations: 5, warmup: 2 });
  return Math.max(10, Math.min(300, Math.floor(PAIR_BUDGET_MS / (2 * Math.max(probe.medianMs, 0.01)))));
}

/**
 * Issue 4, "Tests and figures": opening a case with 200 contacts and 20 measures (every call the
 * case screen makes when it opens), and the caseload of a link worker with 400 open cases, each
 * beside the raw SQL as a ratio. As in the referrals suite, the raw side is not a hand copy: the
 * dispatch calls are traced on the driver handle, and their read statements (all but dispatch's
 * audit entries) are prepared once and rerun with the same parameters.
 */
export const caseworkSuite: BenchSuite = {
  name: 'casework',
  async run(report: BenchReport) {
    report.heading(`Casework: a case with ${CONTACTS_PER_CASE} contacts and 20 measures; a caseload of ${OPEN_CASES} open cases`);
    const setup = await timeOnce(() => benchInstallation());
    const { installation, session } = setup.value;
    try {
      const team = await timeOnce(() => addReferralTeam(session));
      const now = Date.now();
      const background = await timeOnce(() => seedPatientsAndReferrals(session, team.value, { patients: PATIENTS, referrals: REFERRALS, now: new Date(now) }));
      const services: number[] = [];
      for (const name of SERVICES) {
        services.push(((await dispatchOk(session, 'directory.save', { name, organisation: 'Leeds', howToRefer: 'signpost', categories: ['loneliness'] })) as Service).id);
      }
      const casework = await timeOnce(() => seedCasework(session, team.value, services, now));
      const seeded = casework.value;
      report.note(`built in ${formatMs(setup.ms + team.ms + background.ms + casework.ms)}: setup ${formatMs(setup.ms)}, users ${formatMs(team.ms)}, ` +
        `${count(PATIENTS)} patients and ${count(REFERRALS)} referrals ${formatMs(background.ms)}, casework ${formatMs(casework.ms)}; ` +
        `database ${databaseMiB(installation).toFixed(1)} MiB`);
      report.note(`${count(seeded.contacts)} contacts (${CONTACTS_PER_CASE} on each of Lee's ${seeded.leeOpen.length} open cases, ${CONTACTS_PER_ENDED_CASE} on each ended one), ` +
        `${count(seeded.measures)} measures; no ANALYZE (the app runs none)`);

      await signInAsLinkWorker(session, team.value);
      const { raw } = session.active().store;
      const id = seeded.bigCase;

      // What ReferralScreen asks for when a case opens: the referral, the case file, the measures, the services.
      const openCase = async () => {
        await dispatchOk(session, 'referrals.get', { id });
        await dispatchOk(session, 'casework.get', { referralId: id });
        await dispatchOk(session, 'measures.forReferral', { referralId: id });
        await dispatchOk(session, 'directory.usesForReferral', { referralId: id });
      };
      const file = (await dispatchOk(session, 'casework.get', { referralId: id })) as CaseFile;
      const measured = (await dispatchOk(session, 'measures.forReferral', { referralId: id })) as MeasuresForReferral;
      if (file.contacts.length !== CONTACTS_PER_CASE || measured.measures.length !== 20) {
        throw new Error(`the opened case has ${file.contacts.length} contacts and ${measured.measures.length} measures, not ${CONTACTS_PER_CASE} and 20`);
      }
      const caseload = () => dispatchOk(session, 'casework.caseload', {});
      const load = (await caseload()) as Caseload;
      if (load.rows.length !== OPEN_CASES) throw new Error(`the caseload has ${load.rows.length} cases, not ${OPEN_CASES}`);

      const rows: Measurement[] = [];
      const notes: string[] = [];
      const pair = async (label: string, fn: () => Promise<unknown>, core?: { label: string; matches: (s: TracedStatement) => boolean }) => {
        const traced = await traceStatements(raw, fn);
        const reads = traced.filter((s) => !isAudit(s.sql));
        const runs = await runsFor(fn);
        const [d, r] = await measurePair(
          { name: label, fn },
          { name: `  same ${reads.length} statements on store.raw`, fn: replay(raw, reads) },
          { iterations: runs, warmup: Math.min(20, Math.ceil(runs / 10)) },
        );
        rows.push(d, r);
        if (core) {
          const picked = reads.filter(core.matches);
          if (picked.length === 0) throw new Error(`${label}: no ${core.label} among the statements; has the query changed?`);
          rows.push(await measure(`    of which the ${core.label}`, replay(raw, picked), { iterations: runs, warmup: 3 }));
        }
        notes.push(`${label}: dispatch / raw = ${(d.medianMs / r.medianMs).toFixed(2)}× (+${formatMs(d.medianMs - r.medianMs)}); ` +
          `${traced.length - reads.length} audit-entry statements are dispatch's, not replayed`);
      };

      await pair(`open a case: 4 calls (${CONTACTS_PER_CASE} contacts, 20 measures)`, openCase, {
        label: 'contacts query', matches: (s) => s.sql.includes('from "case_contact"') && s.sql.includes('order by "at" desc'),
      });
      await pair(`casework.caseload (${OPEN_CASES} open cases)`, caseload, {
        label: 'cases-and-aggregates statement', matches: (s) => s.sql.includes('row_number()'),
      });

      // The largest aggregate, set-based as the caseload runs it, beside the alternative not taken: a
      // correlated max() per case, which the index answers with one seek per case.
      const lastContactGrouped = raw.prepare(
        "SELECT referral_id, max(at) FROM case_contact WHERE reached = 1 AND referral_id IN (SELECT id FROM referral WHERE assigned_to_user_id = ? AND status IN ('accepted', 'contacted', 'in_progress')) GROUP BY referral_id",
      );
      const lastContactCorrelated = raw.prepare(
        "SELECT r.id, (SELECT max(at) FROM case_contact c WHERE c.referral_id = r.id AND c.reached = 1) FROM referral r WHERE r.assigned_to_user_id = ? AND r.status IN ('accepted', 'contacted', 'in_progress')",
      );
      const lee = team.value.linkWorker.id;
      const [grouped, correlated] = await measurePair(
        { name: '  last contact per case: GROUP BY over the cases', fn: () => lastContactGrouped.all(lee) },
        { name: '  last contact per case: correlated max() per case', fn: () => lastContactCorrelated.all(lee) },
        { iterations: 200, warmup: 10 },
      );
      rows.push(grouped, correlated);

      report.table(rows);
      for (const line of notes) report.note(line);
      const standing = load.rows.filter((r) => r.nextStepOverdue || r.noContactAlert).length;
      report.note(`caseload: ${load.rows.length} cases, ${standing} standing out, ${load.rows.filter((r) => r.measuresDue.length > 0).length} with measures due, ` +
        `${load.rows.filter((r) => r.mdtQuestion !== null).length} flagged for MDT`);
      report.note(`peak RSS so far ${peakRssMiB().toFixed(0)} MiB`);
    } finally {
      await session.logout();
      installation.remove();
    }
  },
};
