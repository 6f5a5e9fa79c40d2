import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen } from './support/browser';
import { E2E_NOW, type RunningHost } from './support/devHost';
import { closeApp, openApp } from './support/app';

const PASSWORD = { pat: 'correct horse battery', lee: 'lee link worker 22' };

let host: RunningHost;
let browser: Browser;
let page: Page;

/** A date `days` before today in England, as yyyy-mm-dd (the app's dates are England's). */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(E2E_NOW));
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
const uk = (iso: string) => iso.split('-').reverse().join('/');

async function rpcOk(channel: string, input: unknown = {}) {
  const r = await host.rpc(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.result;
}

/**
 * The practice as the link worker finds it: Pat the manager referred Margaret Hughes twelve weeks
 * ago, Lee the link worker has accepted her, and the directory holds a choir.
 */
async function preparePractice() {
  await rpcOk('setup.create', {
    pcnName: 'Riverside PCN',
    practices: [{ name: 'Riverside Surgery', odsCode: 'A81001' }],
    manager: { fullName: 'Pat Manager', username: 'pat', password: PASSWORD.pat },
  });
  await rpcOk('users.create', { fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1], temporaryPassword: 'temporary two 2' });
  await rpcOk('referrals.create', {
    patient: {
      nhsNumber: '999 000 0018', title: 'Mrs', givenName: 'Margaret', familyName: 'Hughes', preferredName: '', dateOfBirth: '1948-03-14', sex: 'female',
      genderIdentity: '', addressLine1: '12 Mill Lane', addressLine2: '', town: 'Leeds', postcode: 'LS1 4AP',
      phones: [{ number: '07700 900123', type: 'mobile', safeForMessage: true }], email: '', preferredContactMethod: 'phone', preferredContactTimes: '',
      firstLanguage: 'English', interpreterNeeded: false, communicationNeeds: '', registeredPracticeId: 1,
    },
    referral: {
      source: 'gp', referralDate: daysAgo(95), reasons: ['loneliness'], reasonOther: '', whatMatters: 'Meeting people again',
      consentGiven: true, consentTakenBy: 'Dr Amir Khan', consentDate: daysAgo(95), capacity: 'yes', mdtConsent: true,
      safeguardingConcern: false, safeguardingDetails: '', loneWorkingRisks: '', urgency: 'routine', otherAgencies: '',
      longTermConditions: 'Type 2 diabetes', messageBackTo: 'referrer', usualGp: '',
    },
  });
  await rpcOk('directory.save', {
    name: 'Headingley Community Choir', organisation: 'Leeds Arts', howToRefer: 'signpost', categories: ['loneliness'],
    description: 'A friendly choir for all voices; no auditions. Tuesday afternoons.', address: 'St Michael’s Church Hall', postcode: 'LS6 3BR',
  });
  await rpcOk('auth.logout');
  await rpcOk('auth.login', { username: 'lee', password: 'temporary two 2' });
  await rpcOk('auth.changePassword', { currentPassword: 'temporary two 2', newPassword: PASSWORD.lee });
  await rpcOk('referrals.transition', { id: 1, to: 'accepted', reason: '' });
  await rpcOk('auth.logout');
}

async function signIn(username: keyof typeof PASSWORD) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD[username]);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

async function goTo(section: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section }).click();
}

/** Screenshot and axe, and the screen fits the window's width (nothing to scroll sideways to). */
async function checkCaseScreen(name: string) {
  await checkScreen(page, name);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} fits the width`).toBeLessThanOrEqual(1280);
}

const section = (name: string) => page.getByRole('region', { name, exact: true });

/** Fills a dialog's form and submits it with the named button; waits for it to close. */
async function submit(dialog: Locator, button: string) {
  await dialog.getByRole('button', { name: button }).click();
  await dialog.waitFor({ state: 'detached' });
}

async function recordContact(at: string, kind: string, minutes: string, notes: string) {
  await section('Contacts').getByRole('button', { name: 'Record a contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a contact' });
  await dialog.getByLabel('Date and time').fill(at);
  await dialog.getByRole('radio', { name: kind, exact: true }).check();
  if (minutes) await dialog.getByLabel('Duration in minutes (optional)').fill(minutes);
  await dialog.getByLabel('Notes (optional)').fill(notes);
  return dialog;
}

async function recordMeasure(instrument: RegExp, takenOn: string, answers: readonly string[], screenshot?: string) {
  await page.getByRole('button', { name: 'Record a measure' }).click();
  const dialog = page.getByRole('dialog', { name: 'Record a wellbeing measure' });
  await dialog.getByRole('radio', { name: instrument }).check();
  await dialog.getByLabel('Date taken').fill(takenOn);
  const groups = dialog.getByRole('radiogroup');
  // The first two groups are the measure and the stage; the questions follow in order.
  for (const [i, answer] of answers.entries()) await groups.nth(i + 2).getByRole('radio', { name: answer, exact: true }).check();
  if (screenshot) await checkCaseScreen(screenshot);
  await submit(dialog, 'Record measure');
}

beforeAll(async () => {
  ({ host, browser, page } = await openApp(async (h) => {
    host = h;
    await preparePractice();
  }));
});

afterAll(() => closeApp({ host, browser }));

describe('a link worker works a case from first contact to closure', () => {
  it('shows the newly accepted case on the caseload, not yet reached', async () => {
    await signIn('lee');
    await goTo('My caseload');
    await page.getByRole('heading', { name: 'My caseload' }).waitFor();
    const row = page.getByRole('table', { name: /My open cases/ }).getByRole('row', { name: /Margaret Hughes/ });
    await row.waitFor();
    expect(await row.getByRole('cell').first().textContent()).toBe('No');
    expect(await row.textContent()).toContain('Not reached yet');
    await checkCaseScreen('casework-01-caseload-new');
    await row.getByRole('button', { name: 'Margaret Hughes' }).click();
    await page.getByRole('heading', { name: 'Margaret Hughes', level: 1 }).waitFor();
    await section('Contacts').getByText('Nobody has reached the person yet.').waitFor();
    await checkCaseScreen('casework-02-case-accepted');
  });

  it('records contacts: a missed call counts as an attempt, the first real one marks the referral contacted', async () => {
    let dialog = await recordContact(`${daysAgo(90)}T10:15`, 'Unable to reach', '', 'No answer; left a voicemail');
    await submit(dialog, 'Record the contact');
    await page.getByText('Contact recorded; 1 attempt to contact so far.').waitFor();

    dialog = await recordContact(`${daysAgo(88)}T14:30`, 'Phone call', '25', 'Talked about the choir she used to sing in');
    expect(await dialog.getByLabel(/first time I reached the person/).isChecked()).toBe(true);
    await checkCaseScreen('casework-03-record-contact');
    await submit(dialog, 'Record the contact');
    await page.getByText('Contact recorded; the referral is now contacted.').waitFor();
    await page.getByRole('region', { name: 'Status' }).getByText('Contacted', { exact: true }).waitFor();

    dialog = await recordContact(`${daysAgo(60)}T11:00`, 'Face to face at the practice', '50', 'Planned the first visit to the choir');
    await submit(dialog, 'Record the contact');
    const rows = section('Contacts').getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await rows.nth(1).textContent()).toContain('Face to face at the practice');
  });

  it('writes the plan: what matters, goals in the person’s words, a next step', async () => {
    const plan = section('Personalised care and support plan');
    await plan.getByRole('button', { name: 'Change what matters' }).click();
    let dialog = page.getByRole('dialog', { name: 'What matters to the person' });
    await dialog.getByLabel('What matters to the person').fill('Singing with other people again, and feeling less alone in the evenings');
    await submit(dialog, 'Save');

    for (const goal of ['I want to sing in a choir again', 'I want to go out once a week without my daughter']) {
      await plan.getByRole('button', { name: 'Add a goal' }).click();
      dialog = page.getByRole('dialog', { name: 'Add a goal' });
      await dialog.getByLabel('The goal, in the person’s own words').fill(goal);
      await dialog.getByRole('radio', { name: 'In progress' }).check();
      await submit(dialog, 'Add the goal');
    }
    await plan.getByRole('button', { name: 'Add a next step' }).click();
    dialog = page.getByRole('dialog', { name: 'Add a next step' });
    await dialog.getByLabel('What was agreed').fill('Phone the choir leader together');
    await dialog.getByLabel('Due on').fill(daysAgo(3));
    await submit(dialog, 'Add the next step');
    await plan.getByText(`overdue: was due ${uk(daysAgo(3))}`).waitFor();
    await plan.getByRole('heading', { name: 'Goals (0 of 2 achieved)' }).waitFor();
    await checkCaseScreen('casework-04-plan');
  });

  it('records SWEMWBS and ONS4 at baseline and follow-up through the measures form, and the chart’s text shows the change', async () => {
    await recordMeasure(/^SWEMWBS/, daysAgo(84), ['Rarely', 'Rarely', 'Some of the time', 'Rarely', 'Some of the time', 'Rarely', 'Some of the time'], 'casework-05-measure-form');
    await recordMeasure(/^ONS4/, daysAgo(84), ['3', '4', '3', '7']);
    await recordMeasure(/^SWEMWBS/, daysAgo(1), ['Often', 'Some of the time', 'Some of the time', 'Often', 'Often', 'Some of the time', 'Often']);
    await recordMeasure(/^ONS4/, daysAgo(1), ['6', '7', '6', '4']);

    // SWEMWBS raw 2+2+3+2+3+2+3 = 17 → 16.88; raw 4+3+3+4+4+3+4 = 25 → 22.35: up 5.47, beyond the range of meaningful change.
    const swemwbs = page.getByRole('region', { name: /^SWEMWBS/ });
    await swemwbs.getByText(/up 5\.47 points: a change larger than the usual threshold of meaningful individual change/).waitFor();
    const chart = swemwbs.getByRole('img', { name: /Chart of .* over time/ });
    expect(await chart.getAttribute('aria-label')).toContain(`from ${uk(daysAgo(84))} to ${uk(daysAgo(1))}`);
    const ons4 = page.getByRole('region', { name: /^ONS4/ });
    await ons4.getByText(/^Life satisfaction 3 \(low\) at baseline .*, 6 \(medium\) on .*: up 3 points/).waitFor();
    await ons4.getByText(/^Anxiety 7 \(high\) at baseline .*, 4 \(medium\) on .*: down 3 points \(lower anxiety is better\)/).waitFor();
    await swemwbs.scrollIntoViewIfNeeded();
    await checkCaseScreen('casework-06-measures');
  });

  it('signposts to a service found in the directory and records that the person took it up', async () => {
    const services = section('Services signposted or referred to');
    await services.getByText(/None yet/).waitFor();
    await services.getByRole('button', { name: 'Signpost or refer to a service' }).click();
    const dialog = page.getByRole('dialog', { name: 'Signpost or refer to a service' });
    await dialog.getByLabel('Search the service directory').fill('choir');
    await dialog.getByRole('radio', { name: /Headingley Community Choir/ }).check();
    expect(await dialog.getByRole('radio', { name: 'Signposted' }).isChecked()).toBe(true);
    await dialog.getByLabel('Date').fill(daysAgo(50));
    await dialog.getByRole('radio', { name: 'Yes', exact: true }).check();
    await dialog.getByLabel('Feedback (optional)').fill('Went with her daughter, then on her own');
    await checkCaseScreen('casework-07-signpost');
    await submit(dialog, 'Save');
    const row = services.getByRole('row', { name: /Headingley Community Choir/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Yes');
  });

  it('flags the case for MDT with the question for the team, and the caseload shows it with the overdue step', async () => {
    const mdt = section('Multidisciplinary team (MDT)');
    await mdt.getByRole('button', { name: 'Flag for MDT' }).click();
    const dialog = page.getByRole('dialog', { name: 'Flag for MDT' });
    await dialog.getByLabel('The question for the team').fill('Could the practice nurse review her diabetes before the winter?');
    await submit(dialog, 'Flag for MDT');
    await mdt.getByText('Question for the team: Could the practice nurse review her diabetes before the winter?').waitFor();
    await checkCaseScreen('casework-08-mdt-flag');

    await goTo('My caseload');
    const row = page.getByRole('table', { name: /My open cases/ }).getByRole('row', { name: /Margaret Hughes/ });
    await row.getByText(`Next step overdue (due ${uk(daysAgo(3))})`).waitFor();
    expect(await row.textContent()).toContain('For MDT');
    expect(await row.textContent()).toContain('0 of 2');
    await checkCaseScreen('casework-09-caseload-attention');
    await row.getByRole('button', { name: 'Margaret Hughes' }).click();
    await page.getByRole('heading', { name: 'Margaret Hughes', level: 1 }).waitFor();
  });

  it('closes the case, and the message back opens pre-filled from the case', async () => {
    const plan = section('Personalised care and support plan');
    await plan.getByRole('button', { name: 'Mark “Phone the choir leader together” as done' }).click();
    await plan.getByRole('button', { name: 'Update the goal “I want to sing in a choir again”' }).click();
    const goal = page.getByRole('dialog', { name: 'Update the goal' });
    await goal.getByRole('radio', { name: 'Achieved' }).check();
    await submit(goal, 'Save the goal');
    await plan.getByRole('heading', { name: 'Goals (1 of 2 achieved)' }).waitFor();

    await page.getByRole('button', { name: 'Close the case' }).click();
    const close = page.getByRole('dialog', { name: 'Close the case' });
    await close.getByLabel('Outcome summary').fill('Sings with the choir every Tuesday and goes on her own');
    await close.getByRole('button', { name: 'Close the case' }).click();

    const message = page.getByRole('dialog', { name: 'Message back to the GP and referrer' });
    await expect.poll(() => message.getByLabel('Outcomes so far').inputValue()).toContain('Closed: Sings with the choir every Tuesday');
    const outcomes = await message.getByLabel('Outcomes so far').inputValue();
    expect(outcomes).toContain('Goals: 1 of 2 achieved.');
    expect(outcomes).toContain('- I want to sing in a choir again (achieved)');
    expect(outcomes).toContain('Services taken up: 1 of 1.');
    expect(outcomes).toMatch(/SWEMWBS .*up 5\.47 points/);
    expect(await message.getByLabel('What matters to them').inputValue()).toBe('Singing with other people again, and feeling less alone in the evenings');
    expect(await message.getByLabel('Services referred or signposted to').inputValue()).toBe(
      `Signposted to Headingley Community Choir (Leeds Arts) on ${uk(daysAgo(50))}: taken up. Went with her daughter, then on her own`,
    );
    expect(await message.getByLabel('Support offered').inputValue()).toMatch(/^2 contacts from .* \(1 phone call, 1 face to face at the practice\)|^2 contacts from .* \(1 face to face at the practice, 1 phone call\)/);
    expect(await message.getByRole('radio', { name: 'On closure' }).isChecked()).toBe(true);
    await checkCaseScreen('casework-10-message-back');
    await submit(message, 'Send message back');
    await page.getByText('Case closed and the message back sent.').waitFor();
    await page.getByText('Case closed. Outcome: Sings with the choir every Tuesday and goes on her own').waitFor();
    expect(await page.getByRole('button', { name: 'Record a contact' }).count()).toBe(0);
    await checkCaseScreen('casework-11-closed');

    await goTo('My caseload');
    await page.getByText('You have no open cases. Accept a referral in the referral inbox and it appears here.').waitFor();
    await checkCaseScreen('casework-12-caseload-empty');
  });
});
