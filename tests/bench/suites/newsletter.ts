import type { IssueDetail, Story } from '../../../main/contract/newsletter';
import { renderNewsletter } from '../../../main/export/newsletter';
import { NewsletterContent } from '../../../main/export/newsletter/model';
import { scoreMeasure } from '../../../main/measures/scoring';
import { figuresFor } from '../../../main/newsletter/figures';
import { upcomingMdtMeetings } from '../../../main/newsletter/issues';
import { benchInstallation, BENCH_PASSWORD, BENCH_USERNAME, databaseMiB } from '../fixtures';
import { type BenchSuite, formatMs, measure, type Measurement, timeOnce } from '../harness';
import { addReferralTeam, dispatchOk, seededRandom, seedPatientsAndReferrals, signInAsLinkWorker } from '../referralFixtures';

const PATIENTS = 12_000;
const REFERRALS = 20_000;
/** Cases with a SWEMWBS and an ONS4 follow-up in the issue's month: enough for the averages to show. */
const FOLLOWED_UP = 600;
const DAY = 86_400_000;

const count = (n: number) => n.toLocaleString('en-GB');

const STORY_TEXT =
  'A woman in her seventies was referred by her GP after her husband died. She felt alone, rarely left the house and worried about bills. ' +
  'Her link worker met her at the practice four times. Together they found the Headingley Community Choir, and a benefits check added ' +
  'Pension Credit. She now sings every Tuesday and has made two friends there, who meet for coffee afterwards. She says the house feels ' +
  'less quiet, and she sleeps better. Her GP noticed she came in less often, and more cheerful when she did. ';

/**
 * Issue 6: "composing and exporting a PCN issue with four stories and figures over 20,000
 * referrals, in each format". Also the de-identification check of one story against the patient
 * name index of that many patients.
 */
export const newsletterSuite: BenchSuite = {
  name: 'newsletter',
  async run(report) {
    report.heading(`A PCN issue with four stories, figures over ${count(REFERRALS)} referrals and ${count(PATIENTS)} patients`);
    const setup = await timeOnce(() => benchInstallation());
    const { installation, session } = setup.value;
    try {
      const now = new Date();
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now).slice(0, 7);
      const team = await addReferralTeam(session);
      const seed = await timeOnce(() => seedPatientsAndReferrals(session, team, { patients: PATIENTS, referrals: REFERRALS, now }));
      const { raw } = session.active().store;

      // Follow-ups this month on closed cases; the first four closed cases get stories.
      const closed = (raw.prepare("SELECT id FROM referral WHERE status = 'closed' ORDER BY id LIMIT ?").all(FOLLOWED_UP) as { id: number }[]).map((r) => r.id);
      const rnd = seededRandom(6);
      const insertMeasure = raw.prepare(
        "INSERT INTO measure (referral_id, instrument, stage, taken_on, answers, scores, recorded_by, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, NULL, 'Lee Worker', ?)",
      );
      const today = `${month}-01` > new Date(now.getTime() - 2 * DAY).toISOString().slice(0, 10) ? `${month}-01` : new Date(now.getTime() - DAY).toISOString().slice(0, 10);
      raw.transaction(() => {
        for (const id of closed) {
          const base = new Date(now.getTime() - 120 * DAY).toISOString().slice(0, 10);
          for (const [instrument, n, lo, hi] of [['swemwbs', 7, 1, 5], ['ons4', 4, 0, 10]] as const) {
            const before = Array.from({ length: n }, () => lo + Math.floor(rnd() * (hi - lo + 1)));
            const after = before.map((a) => Math.min(hi, a + (rnd() < 0.6 ? 1 : 0)));
            insertMeasure.run(id, instrument, 'baseline', base, JSON.stringify(before), JSON.stringify(scoreMeasure({ instrument, answers: before } as never)), now.toISOString());
            insertMeasure.run(id, instrument, 'follow_up', today, JSON.stringify(after), JSON.stringify(scoreMeasure({ instrument, answers: after } as never)), now.toISOString());
          }
        }
      })();

      const choir = (await dispatchOk(session, 'directory.save', { name: 'Headingley Community Choir', organisation: 'Leeds Arts', howToRefer: 'signpost', categories: ['loneliness'], description: 'A friendly choir.' })) as { id: number };
      await signInAsLinkWorker(session, team);
      const stories: number[] = [];
      for (const referralId of closed.slice(0, 4)) {
        const s = (await dispatchOk(session, 'stories.save', { referralId, title: `Singing again ${stories.length + 1}`, text: STORY_TEXT, quote: 'I look forward to Tuesdays now.', outcomes: 'Goals achieved: 2 of 2\nSWEMWBS wellbeing up 4.1 points' })) as Story;
        if (s.unresolved > 0) throw new Error(`the bench story has findings: ${s.findings.map((f) => f.text).join(', ')}`);
        await dispatchOk(session, 'stories.recordConsent', { storyId: s.id, givenOn: today, how: 'written', takenBy: 'Lee Worker', scope: 'pcn' });
        await dispatchOk(session, 'stories.submit', { id: s.id });
        stories.push(s.id);
      }
      const rows: Measurement[] = [];
      const long = `${STORY_TEXT.repeat(4)}Her neighbour Margaret Smith, aged 72, of 14 Beech Grove, LS6 2QR, helped.`;
      rows.push(await measure(`stories.check: ${count(long.length)} characters against ${count(PATIENTS)} patients' names`, () => dispatchOk(session, 'stories.check', { referralId: closed[0], title: 'Singing again', text: long }), { iterations: 20, warmup: 3 }));

      await dispatchOk(session, 'auth.logout');
      await dispatchOk(session, 'auth.login', { username: BENCH_USERNAME, password: BENCH_PASSWORD });
      for (const id of stories) await dispatchOk(session, 'stories.approve', { id });
      const created = (await dispatchOk(session, 'newsletter.create', { month, practiceId: null })) as IssueDetail;
      const id = created.summary.id;
      const draft = { editorial: 'Welcome to this month’s issue.', storyIds: stories, spotlightServiceId: choir.id, spotlightNote: '', linkWorkerName: 'Lee Worker', linkWorkerText: 'Lee covers all three practices.', mdtDates: [], howToRefer: '' };
      await dispatchOk(session, 'newsletter.save', { id, draft });
      report.note(`built in ${formatMs(setup.ms + seed.ms)}: ${count(seed.value.referrals)} referrals, ${count(FOLLOWED_UP)} with follow-ups this month; database ${databaseMiB(installation).toFixed(1)} MiB`);

      rows.push(await measure('newsletter.get (figures of the month, PCN-wide)', () => dispatchOk(session, 'newsletter.get', { id }), { iterations: 10, warmup: 2 }));
      const db = session.active().store.db;
      rows.push(await measure('  of which the figures alone (figuresFor)', () => figuresFor(db, team.practiceIds, month), { iterations: 10, warmup: 2 }));
      rows.push(await measure('  of which the MDT calendar (three months)', () => upcomingMdtMeetings(db, { month, practice_id: null }, now), { iterations: 10, warmup: 2 }));
      rows.push(await measure('newsletter.preview (compose: figures, stories, HTML e-mail)', () => dispatchOk(session, 'newsletter.preview', { id, draft }), { iterations: 10, warmup: 2 }));
      const finalised = await timeOnce(() => dispatchOk(session, 'newsletter.finalise', { id }));
      rows.push({ name: 'newsletter.finalise (once: content kept as sent)', iterations: 1, medianMs: finalised.ms, p95Ms: finalised.ms, minMs: finalised.ms, maxMs: finalised.ms });

      const stored = session.active().store.raw.prepare('SELECT content FROM newsletter_issue WHERE id = ?').get(id) as { content: string };
      const content = NewsletterContent.parse(JSON.parse(stored.content));
      const sizes: string[] = [];
      for (const format of ['eml', 'html', 'pdf', 'docx'] as const) {
        const first = await timeOnce(() => dispatchOk(session, 'newsletter.export', { id, format }));
        const bytes = Buffer.from((first.value as { base64: string }).base64, 'base64').length;
        sizes.push(`${format.toUpperCase()} ${(bytes / 1024).toFixed(0)} KiB`);
        rows.push({ name: `newsletter.export ${format.toUpperCase()} (first: rendered and stored)`, iterations: 1, medianMs: first.ms, p95Ms: first.ms, minMs: first.ms, maxMs: first.ms });
        rows.push(await measure(`  rendering ${format.toUpperCase()} alone`, () => renderNewsletter(content, format), { iterations: format === 'pdf' || format === 'docx' ? 8 : 20, warmup: 2 }));
        rows.push(await measure(`  newsletter.export ${format.toUpperCase()} again (the kept file)`, () => dispatchOk(session, 'newsletter.export', { id, format }), { iterations: 10, warmup: 1 }));
      }
      report.table(rows);
      report.note(`files: ${sizes.join(', ')}`);
    } finally {
      await session.logout().catch(() => undefined);
      installation.remove();
    }
  },
};
