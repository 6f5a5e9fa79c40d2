import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Agenda, Calendar } from '../../../main/contract/mdt';
import { nextWorkingDay } from '../../../main/mdt/recurrence';
import { addDays, londonWallClock } from '../../../main/mdt/time';
import { foldName } from '../../../main/referrals/patients';
import { Session } from '../../../main/session/session';
import { syntheticNhsNumbers } from '../../support/referrals';
import { type BenchSuite, formatMs, measure, type Measurement, timeOnce } from '../harness';
import { dispatchOk, seededRandom } from '../referralFixtures';

/** Issue 5: "building the agenda for a practice with 1,000 open cases, and the month calendar for a 10-practice PCN over a year". */
const OPEN_CASES = 1_000;
/** A practice's MDT list is short; the worst case (every open case flagged) is timed once beside it. */
const FLAGGED = 40;
const PRACTICES = 10;
const LINK_WORKERS = 4;
const PASSWORD = 'bench password for pat';
const WORKER_PASSWORD = 'bench link worker password';
const GIVEN = ['Margaret', 'John', 'Aisha', 'Tomasz', 'Grace', 'Peter', 'Mohammed', 'Susan', 'David', 'Olive'];
const FAMILY = ['Ellis', 'Smith', 'Khan', 'Nowak', 'Okafor', 'Jones', 'Patel', 'Brown', 'Taylor', 'Wilson'];

async function pcn(): Promise<{ root: string; session: Session }> {
  const root = mkdtempSync(join(tmpdir(), 'signpost-bench-mdt-'));
  const session = new Session({ dataFolder: join(root, 'data') });
  await session.setup({
    pcnName: 'Riverside PCN',
    practices: Array.from({ length: PRACTICES }, (_, i) => ({ name: `Practice ${String.fromCharCode(65 + i)}`, odsCode: `A8${String(1001 + i).padStart(4, '0')}` })),
    manager: { fullName: 'Pat Manager', username: 'pat', password: PASSWORD },
  });
  return { root, session };
}

/** Four link workers, each covering three or four of the ten practices; the bench signs in as the first. */
async function linkWorkers(session: Session): Promise<number[]> {
  const ids: number[] = [];
  for (let w = 0; w < LINK_WORKERS; w += 1) {
    const practiceIds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((p) => (p + w) % LINK_WORKERS !== 0);
    const user = (await dispatchOk(session, 'users.create', { fullName: `Link Worker ${w + 1}`, username: `lw${w + 1}`, role: 'link_worker', practiceIds, temporaryPassword: 'temporary bench 1' })) as { id: number };
    ids.push(user.id);
  }
  await dispatchOk(session, 'auth.logout');
  await dispatchOk(session, 'auth.login', { username: 'lw1', password: 'temporary bench 1' });
  await dispatchOk(session, 'auth.changePassword', { currentPassword: 'temporary bench 1', newPassword: WORKER_PASSWORD });
  return ids;
}

/** 1,000 open cases at practice 1 straight through the driver, `flagged` of them flagged for MDT. */
function seedCases(session: Session, linkWorkerId: number, flagged: number): void {
  const { raw } = session.active().store;
  const rnd = seededRandom(5_005);
  const nhs = syntheticNhsNumbers(OPEN_CASES);
  const now = new Date().toISOString();
  const insertPatient = raw.prepare(
    `INSERT INTO patient (nhs_number, given_name, family_name, family_key, date_of_birth, sex, address_line1, town, postcode, preferred_contact_method, registered_practice_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'female', '1 Mill Lane', 'Leeds', 'LS1 4AP', 'phone', 1, ?, ?)`,
  );
  const insertReferral = raw.prepare(
    `INSERT INTO referral (patient_id, practice_id, referrer_user_id, details, reasons, urgency, urgency_rank, safeguarding, status, status_changed_at, received_at, last_activity_at, assigned_to_user_id, accepted_at)
     VALUES (?, 1, 1, ?, '["loneliness"]', ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFlag = raw.prepare(
    `INSERT INTO case_mdt_flag (referral_id, practice_id, question, flagged_by, flagged_by_name, flagged_at) VALUES (?, 1, ?, ?, 'Link Worker 1', ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < OPEN_CASES; i += 1) {
      const given = GIVEN[i % GIVEN.length]!;
      const family = FAMILY[Math.floor(rnd() * FAMILY.length)]!;
      const born = `19${String(30 + Math.floor(rnd() * 70)).padStart(2, '0')}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
      const patientId = Number(insertPatient.run(nhs[i], given, family, foldName(family), born, now, now).lastInsertRowid);
      const urgency = rnd() < 0.1 ? 'urgent' : rnd() < 0.3 ? 'soon' : 'routine';
      const details = JSON.stringify({ referralDate: '2026-01-05', mdtConsent: rnd() > 0.05, consentTakenBy: 'Dr Amir Khan', whatMatters: 'Seeing people again', reasons: ['loneliness'] });
      const status = ['accepted', 'contacted', 'in_progress'][i % 3]!;
      const referralId = Number(insertReferral.run(patientId, details, urgency, urgency === 'urgent' ? 0 : urgency === 'soon' ? 1 : 2, status, now, now, now, linkWorkerId, now).lastInsertRowid);
      if (i < flagged) insertFlag.run(referralId, `Question for the team about case ${i + 1}: what else could help?`, linkWorkerId, now);
    }
  })();
}

const RULES = [
  { kind: 'monthly', week: 'second', weekday: 2 },
  { kind: 'monthly', week: 'first', weekday: 3 },
  { kind: 'monthly', week: 'last', weekday: 4 },
  { kind: 'weekly', everyWeeks: 4, weekday: 3 },
  { kind: 'monthly', week: 'fifth', weekday: 5 },
] as const;

export const mdtSuite: BenchSuite = {
  name: 'mdt',
  async run(report) {
    report.heading(`MDT: the agenda of a practice with ${OPEN_CASES.toLocaleString('en-GB')} open cases; a ${PRACTICES}-practice PCN’s calendar over a year`);
    const built = await timeOnce(async () => {
      const made = await pcn();
      const workers = await linkWorkers(made.session);
      seedCases(made.session, workers[0]!, FLAGGED);
      return { ...made, workers };
    });
    const { root, session, workers } = built.value;
    try {
      report.note(`built in ${formatMs(built.ms)}: ${OPEN_CASES} open cases at practice 1, ${FLAGGED} flagged for MDT`);
      const today = londonWallClock(new Date()).date;
      const rows: Measurement[] = [];

      // The agenda: a meeting well ahead (its list open), built from the flags each time (items cleared between runs).
      const meeting = (await dispatchOk(session, 'mdt.saveMeeting', { practiceId: 1, date: nextWorkingDay(addDays(today, 28)), startTime: '13:00', endTime: '15:00', linkWorkerIds: [workers[0]] })) as { meeting: { id: number } };
      const meetingId = meeting.meeting.id;
      const { raw } = session.active().store;
      const clearItems = raw.prepare('DELETE FROM mdt_item WHERE meeting_id = ?');
      let items = 0;
      rows.push(await measure(`mdt.agenda, first open: ${FLAGGED} flagged cases added`, async () => {
        items = ((await dispatchOk(session, 'mdt.agenda', { meetingId })) as Agenda).items.length;
      }, { iterations: 20, warmup: 2, after: () => clearItems.run(meetingId) }));
      await dispatchOk(session, 'mdt.agenda', { meetingId });
      rows.push(await measure('mdt.agenda, opened again (nothing new)', () => dispatchOk(session, 'mdt.agenda', { meetingId }), { iterations: 30, warmup: 3 }));
      rows.push(await measure(`mdt.caseOptions: a name among ${OPEN_CASES} open cases`, () => dispatchOk(session, 'mdt.caseOptions', { meetingId, query: 'Ellis' }), { iterations: 30, warmup: 3 }));
      rows.push(await measure('mdt.exportAgenda, redacted PDF', () => dispatchOk(session, 'mdt.exportAgenda', { meetingId, form: 'redacted', format: 'pdf' }), { iterations: 5, warmup: 1 }));

      // Worst case: every open case flagged.
      raw.prepare("INSERT INTO case_mdt_flag (referral_id, practice_id, question, flagged_by, flagged_by_name, flagged_at) SELECT id, 1, 'Review', 2, 'Link Worker 1', datetime('now') FROM referral WHERE id > ?").run(FLAGGED);
      clearItems.run(meetingId);
      let all = 0;
      rows.push(await measure(`mdt.agenda, first open: all ${OPEN_CASES} cases flagged`, async () => {
        all = ((await dispatchOk(session, 'mdt.agenda', { meetingId })) as Agenda).items.length;
      }, { iterations: 3, after: () => clearItems.run(meetingId) }));

      // The calendar: one series per practice (five kinds of rule), link workers invited round the PCN.
      await dispatchOk(session, 'auth.logout');
      await dispatchOk(session, 'auth.login', { username: 'pat', password: PASSWORD });
      const saveAll = await timeOnce(async () => {
        for (let p = 1; p <= PRACTICES; p += 1) {
          await dispatchOk(session, 'mdt.saveSeries', {
            practiceId: p, recurrence: RULES[p % RULES.length], startsOn: today, startTime: p % 2 ? '13:00' : '14:00', endTime: p % 2 ? '14:00' : '15:00',
            linkWorkerIds: p % 5 === 0 ? [] : [workers[p % LINK_WORKERS]], bankHolidayRule: (['flag', 'move', 'skip'] as const)[p % 3],
          });
        }
      });
      const months = Array.from({ length: 12 }, (_, i) => addDays(`${today.slice(0, 7)}-15`, i * 30.5).slice(0, 7));
      let meetings = 0;
      let clashes = 0;
      const year = await measure('mdt.calendar × 12 months (a year, month by month)', async () => {
        meetings = 0;
        clashes = 0;
        for (const month of months) {
          const cal = (await dispatchOk(session, 'mdt.calendar', { month })) as Calendar;
          meetings += cal.meetings.length;
          clashes += cal.clashes.length;
        }
      }, { iterations: 5, warmup: 1 });
      rows.push(year);
      rows.push(await measure('mdt.calendar, one month', () => dispatchOk(session, 'mdt.calendar', { month: months[6] }), { iterations: 30, warmup: 3 }));
      rows.push(await measure('mdt.exportIcs, one month', () => dispatchOk(session, 'mdt.exportIcs', { month: months[6] }), { iterations: 20, warmup: 2 }));

      report.table(rows);
      report.note(`agenda: ${items} items (with the 3 standing ones) from ${FLAGGED} flags; ${all} items with every case flagged`);
      report.note(`${PRACTICES} series saved in ${formatMs(saveAll.ms)} (each makes a year of meetings and checks its clashes); the year holds ${meetings} meetings and ${clashes} clashes`);
    } finally {
      await session.logout();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
