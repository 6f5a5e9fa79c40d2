import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nthWeekdayOfMonth } from '../../main/mdt/recurrence';
import { agendaClosesAt } from '../../main/mdt/agendaRules';
import { addDays, londonWallClock } from '../../main/mdt/time';
import { checkScreen, SCREENSHOTS } from './support/browser';
import { E2E_NOW, type RunningHost } from './support/devHost';
import { tabTo, typeInto } from './support/keyboard';
import { closeApp, openApp } from './support/app';

const PASSWORD = { pat: 'correct horse battery', lee: 'lee link worker 22', kim: 'kim link worker 33', amir: 'amir general practice 44' };
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

let host: RunningHost;
let browser: Browser;
let page: Page;

async function rpcOk(channel: string, input: unknown = {}) {
  const r = await host.rpc(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.result as Record<string, unknown>;
}

async function signInRpc(username: keyof typeof PASSWORD) {
  await rpcOk('auth.logout');
  await rpcOk('auth.login', { username, password: PASSWORD[username] });
}

/**
 * The first second Tuesday whose agenda list (Riverside's 13:00 meeting, closing two working days
 * before) is still open: the meeting flagged cases go to.
 */
function planningMonth(): { month: string; date: string } {
  const today = londonWallClock(new Date(E2E_NOW)).date;
  for (let month = today.slice(0, 7); ; month = addDays(`${month}-28`, 7).slice(0, 7)) {
    const date = nthWeekdayOfMonth(month, 'second', 2)!;
    if (date >= today && agendaClosesAt(date, '13:00', 2) > new Date(E2E_NOW)) return { month, date };
  }
}
const target = planningMonth();
const monthHeading = `${MONTHS[Number(target.month.slice(5)) - 1]} ${target.month.slice(0, 4)}`;

const patients = [
  { nhsNumber: '9990000018', givenName: 'Margaret', familyName: 'Ellis', dateOfBirth: '1951-03-04', mdtConsent: true, question: 'Margaret’s loneliness is getting worse since her husband died: could the nurse and the GP see her together?' },
  { nhsNumber: '9990000026', givenName: 'John', familyName: 'Smith', dateOfBirth: '1980-07-21', mdtConsent: true, question: 'Housing: who can help with the damp in his flat?' },
  { nhsNumber: '9990000034', givenName: 'Olive', familyName: 'Optout', dateOfBirth: '1945-01-12', mdtConsent: false, question: '' },
];

/** Three practices, two link workers (Lee at Riverside and Hillview, Kim at Hillview and Bridge Street), three referrals at Riverside. */
async function preparePcn() {
  await rpcOk('setup.create', {
    pcnName: 'Riverside PCN',
    practices: [{ name: 'Riverside Surgery', odsCode: 'A81001' }, { name: 'Hillview Medical Centre', odsCode: 'A81002' }, { name: 'Bridge Street Practice', odsCode: 'A81003' }],
    manager: { fullName: 'Pat Manager', username: 'pat', password: PASSWORD.pat },
  });
  const lee = (await rpcOk('users.create', { fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1, 2], temporaryPassword: 'temporary two 2' })).id as number;
  const kim = (await rpcOk('users.create', { fullName: 'Kim Worker', username: 'kim', role: 'link_worker', practiceIds: [2, 3], temporaryPassword: 'temporary three 3' })).id as number;
  await rpcOk('users.create', { fullName: 'Dr Amir Khan', username: 'amir', role: 'clinician', practiceIds: [1], temporaryPassword: 'temporary four 4' });
  const ids: number[] = [];
  for (const p of patients) {
    const made = await rpcOk('referrals.create', {
      patient: {
        nhsNumber: p.nhsNumber, title: '', givenName: p.givenName, familyName: p.familyName, preferredName: '', dateOfBirth: p.dateOfBirth, sex: 'female', genderIdentity: '',
        addressLine1: '1 Mill Lane', addressLine2: '', town: 'Leeds', postcode: 'LS1 4AP', phones: [], email: '', preferredContactMethod: 'letter', preferredContactTimes: '',
        firstLanguage: 'English', interpreterNeeded: false, communicationNeeds: '', registeredPracticeId: 1,
      },
      referral: {
        source: 'gp', referralDate: '2026-01-05', reasons: ['loneliness'], reasonOther: '', whatMatters: 'Seeing people again', consentGiven: true, consentTakenBy: 'Dr Amir Khan',
        consentDate: '2026-01-05', capacity: 'yes', mdtConsent: p.mdtConsent, safeguardingConcern: false, safeguardingDetails: '', safeguardingEscalated: false,
        safeguardingEscalatedTo: '', loneWorkingRisks: '', urgency: 'routine', otherAgencies: '', longTermConditions: '', messageBackTo: 'referrer', usualGp: '',
      },
    });
    ids.push(made.id as number);
  }
  for (const [username, temporary] of [['lee', 'temporary two 2'], ['kim', 'temporary three 3'], ['amir', 'temporary four 4']] as const) {
    await rpcOk('auth.logout');
    await rpcOk('auth.login', { username, password: temporary });
    await rpcOk('auth.changePassword', { currentPassword: temporary, newPassword: PASSWORD[username] });
  }
  await signInRpc('lee');
  for (const [i, id] of ids.entries()) {
    await rpcOk('referrals.transition', { id, to: 'accepted', reason: '' });
    if (patients[i]!.mdtConsent) {
      await rpcOk('casework.addContact', { referralId: id, at: `${londonWallClock(new Date(E2E_NOW)).date}T09:00`, type: 'phone', durationMinutes: 15, notes: '' });
      await rpcOk('casework.flagForMdt', { referralId: id, question: patients[i]!.question });
    }
  }
  // Kim plans Bridge Street's MDT (the same second Tuesday): the third practice of the month.
  await signInRpc('kim');
  await rpcOk('mdt.saveSeries', {
    practiceId: 3, recurrence: { kind: 'monthly', week: 'second', weekday: 2 }, startsOn: londonWallClock(new Date(E2E_NOW)).date, startTime: '10:00', endTime: '11:00',
    place: 'Bridge Street, upstairs', chair: 'Dr Ray Patel', attendees: [{ name: 'Dr Ray Patel', role: 'GP', email: '' }], linkWorkerIds: [kim],
  });
  await rpcOk('auth.logout');
  return { lee, kim, ids };
}

async function signInByKeyboard(username: string, password: string) {
  await page.getByLabel('Username').waitFor();
  await typeInto(page, page.getByLabel('Username'), username);
  await typeInto(page, page.getByLabel('Password'), password);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

async function goTo(section: string) {
  const item = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section });
  await tabTo(page, item, { backwards: true, max: 200 });
  await page.keyboard.press('Enter');
}

async function pick(label: string, option: string, scope = page.getByRole('dialog')) {
  await scope.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).waitFor({ state: 'detached' });
}

async function download(button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'signpost-mdt-')), file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

beforeAll(async () => {
  ({ host, browser, page } = await openApp(async (h) => {
    host = h;
    await preparePcn();
  }));
});

afterAll(() => closeApp({ host, browser }));

describe('MDT meetings, from the PCN calendar to the minutes', () => {
  it('plans the month for three practices and warns of the same-day clash by name', async () => {
    await signInByKeyboard('lee', PASSWORD.lee);
    await goTo('MDT meetings');
    await page.getByRole('heading', { name: 'MDT meetings', level: 1 }).waitFor();

    // Riverside: second Tuesday of the month, 13:00–14:00, Lee invited.
    await page.getByRole('button', { name: 'Add a series' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a practice’s MDT series' });
    await pick('Practice', 'Riverside Surgery (A81001)');
    await dialog.getByLabel('Place').fill('Riverside Surgery, meeting room 2');
    await dialog.getByLabel('Chair').fill('Dr Amir Khan');
    await dialog.getByLabel('Usual attendees').fill('Dr Amir Khan, GP, amir.khan@nhs.net\nNina Nurse, Practice nurse, nina.nurse@nhs.net');
    await dialog.getByLabel('Lee Worker').check();
    await checkScreen(page, 'mdt-01-series-form');
    await dialog.getByRole('button', { name: 'Save series' }).click();
    await page.getByText('Series saved: Riverside Surgery, Second Tuesday of the month, 13:00–14:00.').waitFor();

    // Hillview, the same afternoon, 15 minutes after Riverside ends: checked before saving.
    await page.getByRole('button', { name: 'Add a series' }).click();
    await pick('Practice', 'Hillview Medical Centre (A81002)');
    await dialog.getByLabel('Starts at').fill('14:15');
    await dialog.getByLabel('Ends at').fill('15:00');
    await dialog.getByLabel('Place').fill('Hillview, room 4');
    await dialog.getByLabel('Lee Worker').check();
    await dialog.getByRole('button', { name: 'Check for clashes' }).click();
    const warning = dialog.getByRole('alert').filter({ hasText: 'clashes for the link workers invited' });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/Lee Worker has 15 minutes to get from Riverside Surgery MDT meeting 13:00–14:00 to Hillview Medical Centre MDT meeting 14:15–15:00/);
    await checkScreen(page, 'mdt-02-clash-warned-when-planning');
    await dialog.getByRole('button', { name: 'Save series' }).click();
    await dialog.waitFor({ state: 'detached' });

    while (!(await page.getByRole('heading', { name: monthHeading }).isVisible())) await page.getByRole('button', { name: /^Next month/ }).click();
    const table = page.getByRole('table', { name: `MDT meetings in ${monthHeading}` });
    await table.getByRole('button', { name: /^Hillview Medical Centre .*: open the agenda$/ }).waitFor();
    expect(await table.getByRole('row').count()).toBe(4);
    const monthAlert = page.getByRole('alert').filter({ hasText: '1 clash for link workers this month' });
    expect(await monthAlert.textContent()).toContain('Lee Worker has 15 minutes to get from Riverside Surgery');
    expect(await table.getByText('Kim Worker').count()).toBe(1);
    await checkScreen(page, 'mdt-03-calendar-month');
  });

  it('builds the agenda from the flagged cases and refuses the patient who opted out, with the reason', async () => {
    await page.getByRole('table', { name: `MDT meetings in ${monthHeading}` }).getByRole('button', { name: /^Riverside Surgery .*: open the agenda$/ }).click();
    await page.getByRole('heading', { name: /Riverside Surgery MDT/ }).waitFor();
    const items = page.getByRole('table', { name: 'Agenda items in order' });
    await items.getByText('Margaret Ellis').waitFor();
    await items.getByText('John Smith').waitFor();
    expect(await items.getByText(/could the nurse and the GP see her together/).count()).toBe(1);
    await page.getByText('32 of 60 minutes planned').waitFor();
    await checkScreen(page, 'mdt-04-agenda');

    await page.getByRole('button', { name: 'Add a case' }).click();
    const add = page.getByRole('dialog', { name: 'Add a case to the agenda' });
    await add.getByLabel('Find the case by name or NHS number').fill('Optout');
    await add.getByText(/Olive Optout did not agree to be discussed at MDT meetings/).waitFor();
    expect(await add.getByRole('button', { name: 'Choose Olive Optout' }).count()).toBe(0);
    await checkScreen(page, 'mdt-05-opt-out-refused');
    const refused = await host.rpc('mdt.addItem', { meetingId: Number(await meetingIdOnScreen()), kind: 'case', referralId: 3, question: 'Falls', presenter: 'Lee Worker' });
    expect(refused.error?.message).toMatch(/^Olive Optout did not agree to be discussed at MDT meetings \(recorded on the referral of 05\/01\/2026, consent taken by Dr Amir Khan\), so the case cannot be added to the agenda\.$/);
    await add.getByRole('button', { name: 'Cancel' }).click();

    // A topic of ten minutes takes the plan to 42 minutes.
    await page.getByRole('button', { name: 'Add another item' }).click();
    const topic = page.getByRole('dialog', { name: 'Add an item to the agenda' });
    await topic.getByLabel('What the item is about').fill('New carers’ café at the library');
    await topic.getByLabel('Presenter').fill('Nina Nurse');
    await topic.getByRole('button', { name: 'Add to the agenda' }).click();
    await page.getByText('42 of 60 minutes planned').waitFor();
  });

  it('exports the full and the redacted agenda; the redacted PDF has no name or NHS number', async () => {
    const full = await download('Full agenda (PDF)');
    const fullText = execFileSync('pdftotext', ['-layout', full, '-']).toString();
    expect(fullText).toContain('Margaret Ellis');
    expect(fullText).toContain('999 000 0018');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', full, join(SCREENSHOTS, 'mdt-06-agenda-full-pdf')]);

    const redacted = await download('Redacted agenda (PDF)');
    const text = execFileSync('pdftotext', ['-layout', redacted, '-']).toString();
    expect(text).toContain('M.E., aged 70–79');
    expect(text).toContain('J.S., aged 40–49');
    for (const leak of ['Margaret', 'Ellis', 'John', 'Smith', 'Olive', '999 000', '9990000', '04/03/1951']) expect(text, leak).not.toContain(leak);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', redacted, join(SCREENSHOTS, 'mdt-07-agenda-redacted-pdf')]);

    const docx = await download('Redacted agenda (Word)');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const eml = readFileSync(await download('E-mail draft to attendees (.eml)')).toString();
    expect(eml).toMatch(/^X-Unsent: 1$/m);
    expect(eml).toMatch(/amir\.khan@nhs\.net/);
  });

  it('runs the meeting: attendance, minutes per item with keyboard moves, an action, then the minutes', async () => {
    await page.getByRole('button', { name: 'Start the meeting' }).click();
    await page.getByRole('heading', { name: /Meeting mode: Riverside Surgery/ }).waitFor();
    await page.getByLabel('Nina Nurse', { exact: true }).click();
    await page.getByRole('option', { name: 'Apologies' }).click();
    await page.getByText('Attendance saved.').waitFor();
    for (let i = 0; i < 2; i += 1) await page.keyboard.press('Alt+ArrowRight');
    await page.getByRole('heading', { name: 'Margaret Ellis', level: 2 }).waitFor();
    await page.getByLabel('Situation').fill('Lives alone since March; low mood');
    await page.getByLabel('Decision').fill('Joint GP and nurse appointment within two weeks');
    await page.getByLabel('Action', { exact: true }).fill('Book the joint appointment');
    await pick('Owner', 'Lee Worker (social prescribing link worker)', page.locator('body'));
    await page.getByLabel('Due').fill(addDays(londonWallClock(new Date(E2E_NOW)).date, 14));
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.getByText(/^Book the joint appointment: Lee Worker, due/).waitFor();
    // The GP owns one too: it must reach the GP, who never opens the MDT page.
    await page.getByLabel('Action', { exact: true }).fill('Review her medication before the appointment');
    await pick('Owner', 'Dr Amir Khan (clinician)', page.locator('body'));
    await page.getByLabel('Due').fill(addDays(londonWallClock(new Date(E2E_NOW)).date, 21));
    await page.getByRole('button', { name: 'Add the action' }).click();
    await page.getByText(/^Review her medication before the appointment: Dr Amir Khan, due/).waitFor();
    await page.getByText(/^Saved \d\d\/\d\d\/\d{4}/).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await checkScreen(page, 'mdt-08-meeting-mode');
    await page.keyboard.press('Alt+ArrowRight');
    await page.getByRole('heading', { name: 'John Smith', level: 2 }).waitFor();
    await page.getByLabel('Next steps').fill('Housing officer to visit');
    await page.getByLabel('Bring back to the next meeting').check();
    // The PC locks mid-meeting: nothing typed is lost, and unlocking returns to meeting mode.
    await page.getByLabel('Update').fill('Landlord has not replied; TYPED-BEFORE-LOCK');
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    expect(await page.content()).not.toContain('TYPED-BEFORE-LOCK');
    await page.getByLabel('Password').fill(PASSWORD.lee);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: /Meeting mode: Riverside Surgery/ }).waitFor();
    // Back on the item that was open, as it was.
    await page.getByRole('heading', { name: 'John Smith', level: 2 }).waitFor();
    expect(await page.getByLabel('Update').inputValue()).toBe('Landlord has not replied; TYPED-BEFORE-LOCK');
    expect(await page.getByLabel('Bring back to the next meeting').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Finish the meeting' }).click();
    const finishing = page.getByRole('alertdialog', { name: 'Finish the meeting?' });
    expect(await finishing.textContent()).toContain('1 case discussed leaves the MDT list; 1 case comes back to the next meeting');
    await checkScreen(page, 'mdt-08b-finish-confirm');
    await finishing.getByRole('button', { name: 'Finish the meeting' }).click();
    await page.getByText(/The meeting finished at/).waitFor();
    const minutesPdf = await download('Minutes (PDF)');
    execFileSync('pdftoppm', ['-png', '-r', '70', minutesPdf, join(SCREENSHOTS, 'mdt-10-minutes-pdf')]);
    const minutes = execFileSync('pdftotext', ['-layout', minutesPdf, '-']).toString();
    for (const t of ['MDT meeting minutes', 'Lives alone since March; low mood', 'TYPED-BEFORE-LOCK', 'Book the joint appointment', 'Apologies from Nina Nurse.', 'Carried forward to the next meeting.']) expect(minutes).toContain(t);
    await page.getByRole('heading', { name: 'Actions agreed at this meeting' }).waitFor();
    expect(await page.getByText('Decision: Joint GP and nurse appointment within two weeks').count()).toBe(1);
    await checkScreen(page, 'mdt-09-after-the-meeting');
  });

  it('hands the decision to the case and the GP’s action to the GP’s Home', async () => {
    // Lee, who ran the meeting, finds the decision and the action on the case itself.
    await goTo('My caseload');
    const row = page.getByRole('table', { name: /My open cases/ }).getByRole('row', { name: /Margaret Ellis/ });
    await row.getByRole('button', { name: 'Margaret Ellis' }).click();
    await page.getByRole('heading', { name: 'Margaret Ellis', level: 1 }).waitFor();
    const mdt = page.getByRole('region', { name: 'Multidisciplinary team (MDT)' });
    await mdt.getByText(/^Discussed at .* on \d\d\/\d\d\/\d{4}$/).waitFor();
    await mdt.getByText('Decision: Joint GP and nurse appointment within two weeks').waitFor();
    expect(await mdt.getByText(/^Review her medication before the appointment: Dr Amir Khan, due/).count()).toBe(1);
    expect(await page.getByText(/^Book the joint appointment \(agreed at the MDT on \d\d\/\d\d\/\d{4}\)/).count()).toBeGreaterThan(0);
    await checkScreen(page, 'mdt-11-case-after-the-meeting');

    // The next person at the PC: the GP, whose Home lists the action without a visit to the MDT page.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInByKeyboard('amir', PASSWORD.amir);
    await goTo('Home');
    await page.getByRole('heading', { name: 'Hello, Amir', level: 1 }).waitFor();
    const mine = page.getByRole('region', { name: 'Actions I own' });
    await mine.getByText(/^Review her medication before the appointment \(M\.E\.\): due \d\d\/\d\d\/\d{4}/).waitFor();
    expect(await mine.textContent()).not.toContain('Book the joint appointment');
    await checkScreen(page, 'mdt-12-gp-home-actions');
  });

  it('lets the practice manager read the calendar and set each practice’s travel gap, which the clash check follows', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInByKeyboard('pat', PASSWORD.pat);
    await goTo('MDT meetings');
    // The manager returns to the calendar (the meeting Lee had open is Lee's tab state, but this tab is shared: go back if needed).
    const back = page.getByRole('button', { name: '← Back to the calendar' });
    await back.or(page.getByRole('button', { name: /^Next month/ })).first().waitFor();
    if (await back.isVisible()) await back.click();
    while (!(await page.getByRole('heading', { name: monthHeading }).isVisible())) await page.getByRole('button', { name: /^Next month/ }).click();
    await page.getByRole('alert').filter({ hasText: '1 clash for link workers this month' }).waitFor();
    await page.getByRole('button', { name: 'Practice MDT settings' }).click();
    const settings = page.getByRole('region', { name: 'Practice MDT settings' });
    await settings.getByLabel('Travel gap (minutes)').first().waitFor();
    await checkScreen(page, 'mdt-11-manager-settings');
    // Both Riverside and Hillview ask for 10 minutes: a 15-minute gap is then enough.
    for (const practice of ['Riverside Surgery', 'Hillview Medical Centre']) {
      const row = settings.getByRole('form', { name: `MDT settings for ${practice}` });
      await row.getByLabel('Travel gap (minutes)').fill('10');
      await row.getByRole('button', { name: 'Save' }).click();
      await settings.getByText('Saved.').waitFor();
    }
    await settings.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: /^Previous month/ }).click();
    await page.getByRole('button', { name: /^Next month/ }).click();
    await page.getByRole('heading', { name: monthHeading }).waitFor();
    await page.getByRole('table', { name: `MDT meetings in ${monthHeading}` }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'clash for link workers this month' }).count()).toBe(0);
  });
});

/** The meeting open on screen, read from the .ics button's call (the agenda's meeting id is the only one in the session store). */
async function meetingIdOnScreen(): Promise<number> {
  return page.evaluate(() => Number(sessionStorage.getItem('signpost.memory.mdt-meeting')));
}
