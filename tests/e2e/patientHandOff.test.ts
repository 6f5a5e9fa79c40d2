import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeApp, openApp } from './support/app';
import { checkScreen } from './support/browser';
import type { RunningHost } from './support/devHost';
import { rpcOk } from './support/practice';

/**
 * Two practices, two people, one patient: Ria at Hillview's front desk refers a patient that
 * Riverside already knows; Riverside's link worker sees the referral with what Ria typed waiting to
 * be checked, the record untouched, and settles it. Rita at Riverside re-types the same patient and
 * is asked which details are right. The link worker corrects the referral's details.
 */

const PASSWORDS = { pat: 'correct horse battery', rita: 'amber-kettle-91-orchard', ria: 'velvet-compass-27-harbour', lee: 'copper-meadow-64-lantern' } as const;
type Person = keyof typeof PASSWORDS;

let host: RunningHost;
let browser: Browser;
let page: Page;

const margaret = {
  nhsNumber: '999 000 0018', title: 'Mrs', givenName: 'Margaret', familyName: 'Ellis', preferredName: 'Peggy', dateOfBirth: '1951-03-04', sex: 'female',
  genderIdentity: '', addressLine1: '14 Beech Grove', addressLine2: '', town: 'Leeds', postcode: 'LS6 2QR',
  phones: [{ number: '07700 900123', type: 'mobile', safeForMessage: true }], email: '', preferredContactMethod: 'phone', preferredContactTimes: '',
  firstLanguage: 'English', interpreterNeeded: false, communicationNeeds: '', registeredPracticeId: 1,
};

async function preparePractices(h: RunningHost): Promise<void> {
  await rpcOk(h, 'setup.create', {
    pcnName: 'Riverside PCN',
    practices: [{ name: 'Riverside Surgery', odsCode: 'A81001' }, { name: 'Hillview Medical Centre', odsCode: 'A81002' }],
    manager: { fullName: 'Pat Manager', username: 'pat', password: PASSWORDS.pat },
  });
  const people: [Person, string, string, number][] = [['rita', 'Rita Reception', 'reception', 1], ['ria', 'Ria Reception', 'reception', 2], ['lee', 'Lee Worker', 'link_worker', 1]];
  for (const [username, fullName, role, practice] of people) {
    await rpcOk(h, 'users.create', { fullName, username, role, practiceIds: [practice], temporaryPassword: 'sandstone-temporary-80' });
  }
  // Margaret Ellis is Riverside's patient; Pat referred her last week and the link worker has it.
  await rpcOk(h, 'referrals.create', {
    patient: margaret,
    referral: {
      source: 'gp', referralDate: '2026-11-27', reasons: ['loneliness'], reasonOther: '', whatMatters: 'Singing in a choir again',
      consentGiven: true, consentTakenBy: 'Dr Amir Khan', consentDate: '2026-11-27', capacity: 'yes', mdtConsent: true,
      safeguardingConcern: false, safeguardingDetails: '', loneWorkingRisks: '', urgency: 'routine', otherAgencies: '',
      longTermConditions: '', messageBackTo: 'referrer', usualGp: '',
    },
  });
  for (const [username] of people) {
    await rpcOk(h, 'auth.logout');
    await rpcOk(h, 'auth.login', { username, password: 'sandstone-temporary-80' });
    await rpcOk(h, 'auth.changePassword', { currentPassword: 'sandstone-temporary-80', newPassword: PASSWORDS[username] });
  }
  // Signed in as Lee, the last of them: he has taken Pat's referral on.
  await rpcOk(h, 'referrals.transition', { id: 1, to: 'accepted', reason: '' });
  await rpcOk(h, 'auth.logout');
}

async function signIn(username: Person) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORDS[username]);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Signpost' }).waitFor();
}

async function goTo(section: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section }).click();
}

/** Screenshot and axe at the size of a practice PC's screen, with nothing to scroll sideways to. */
async function look(name: string) {
  await checkScreen(page, name);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} fits the width`).toBeLessThanOrEqual(1366);
}

/** Fills the referral form for the patient with the NHS number of Riverside's Margaret, as typed at the desk. */
async function fillReferral(patient: { givenName: string; familyName: string; addressLine1: string; postcode: string; phone: string }) {
  const form = page.getByRole('form', { name: 'Referral to the social prescribing link worker' });
  const field = (label: string) => form.getByLabel(label, { exact: true });
  await field('NHS number').fill('999 000 0018');
  await field('Given name').fill(patient.givenName);
  await field('Family name').fill(patient.familyName);
  await field('Date of birth').fill('1951-03-04');
  await form.getByRole('radio', { name: 'Female' }).check();
  await field('Address line 1').fill(patient.addressLine1);
  await field('Town or city').fill('Leeds');
  await field('Postcode').fill(patient.postcode);
  await field('Phone number').fill(patient.phone);
  await form.getByRole('radio', { name: 'Phone call' }).check();
  await field('Referral from').click();
  await page.getByRole('option', { name: 'Reception or care navigator', exact: true }).click();
  await field('Loneliness and isolation').check();
  await field('What matters to the person').fill('Company; she has been low since the winter');
  await field('The referral was discussed with the patient and they agreed to it').check();
  await form.getByRole('radio', { name: 'Yes', exact: true }).first().check();
  await form.getByRole('group', { name: /multidisciplinary team/ }).getByRole('radio', { name: 'Yes' }).check();
  await form.getByRole('group', { name: 'Is there a safeguarding concern?' }).getByRole('radio', { name: 'No' }).check();
  return form;
}

beforeAll(async () => {
  ({ host, browser, page } = await openApp(preparePractices));
  await page.setViewportSize({ width: 1366, height: 768 });
}, 60_000);

afterAll(() => closeApp({ host, browser }));

describe('a patient of one practice, referred from another', () => {
  it('gives the receptionist at the other practice the same answer as any referral, telling her nothing of the record', async () => {
    await signIn('ria');
    await goTo('New referral');
    const form = await fillReferral({ givenName: 'Maggie', familyName: 'Ellis-Jones', addressLine1: '9 Other Road', postcode: 'LS1 4AP', phone: '07700 900777' });
    await form.getByRole('button', { name: 'Send referral' }).click();
    await page.getByRole('heading', { name: 'Referral sent' }).waitFor({ timeout: 15_000 });
    const text = await page.locator('main').innerText();
    expect(text).toContain('is with the link worker');
    expect(text).not.toMatch(/Margaret|Beech Grove|open referral|already/i);
    await look('handoff-01-referral-sent-from-another-practice');
    await goTo('My referrals');
    await page.getByText('Maggie Ellis-Jones').waitFor();
    expect(await page.locator('main').innerText()).not.toContain('Margaret');
    await signOut();
  });

  it('shows the patient’s link worker the referral with the typed details to reconcile and the record unchanged', async () => {
    await signIn('lee');
    await goTo('Referral inbox');
    // Pat's referral, accepted, and Ria's, just received: both under the record's name.
    const ria = page.getByRole('row').filter({ hasText: 'Received' }).filter({ hasText: 'Margaret (Peggy) Ellis' });
    await ria.waitFor();
    expect(await page.getByText('Ellis-Jones').count()).toBe(0);
    await ria.getByRole('button', { name: 'Margaret (Peggy) Ellis' }).click();
    await page.getByRole('heading', { name: 'Margaret Ellis' }).waitFor();
    const notice = page.getByRole('region', { name: 'Details to reconcile' });
    await notice.waitFor();
    expect(await notice.innerText()).toMatch(/Ria Reception works at another practice/);
    for (const typed of ['Maggie', 'Ellis-Jones', '9 Other Road', 'LS1 4AP', 'Hillview Medical Centre']) expect(await notice.innerText()).toContain(typed);
    const contact = page.getByRole('region', { name: 'Contact' });
    expect(await contact.innerText()).toContain('14 Beech Grove, Leeds, LS6 2QR');
    await look('handoff-02-details-to-reconcile');

    await notice.getByRole('button', { name: 'Check the details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Check the typed details' });
    await dialog.getByRole('button', { name: 'Save and mark as checked' }).click();
    await dialog.getByText(/still to choose/).waitFor();
    for (const detail of ['Given name', 'Family name', 'Registered practice']) await dialog.getByRole('group', { name: detail }).getByRole('radio', { name: /^The record/ }).check();
    for (const detail of ['Address line 1', 'Postcode', 'Phone numbers']) await dialog.getByRole('group', { name: detail }).getByRole('radio', { name: /^On the referral/ }).check();
    await look('handoff-03-check-the-details');
    await dialog.getByRole('button', { name: 'Save and mark as checked' }).click();
    await dialog.waitFor({ state: 'detached' });
    await notice.waitFor({ state: 'detached' });
    expect(await contact.innerText()).toContain('9 Other Road, Leeds, LS1 4AP');
    expect(await page.getByRole('heading', { name: 'Margaret Ellis' }).count()).toBe(1);
    await page.getByText(/Patient details checked against the record: took the referral’s address line 1, postcode, phone numbers/).waitFor();
  });

  it('lets the link worker correct the referral’s details, shown on the timeline', async () => {
    await page.getByRole('button', { name: 'Correct the referral details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the referral details' });
    await dialog.getByLabel('Date of referral').fill('2027-01-10');
    await dialog.getByRole('radio', { name: 'Urgent (within 2 working days)' }).check();
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await dialog.getByText('The referral date cannot be in the future').waitFor();
    await look('handoff-04-correct-details');
    await dialog.getByLabel('Date of referral').fill('2026-12-03');
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/Referral details corrected: .*urgency "Routine" → "Urgent \(within 2 working days\)"/).waitFor();
  });

  it('lets the link worker correct the patient record from the referral', async () => {
    await page.getByRole('button', { name: 'Correct the patient’s details' }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the patient’s details' });
    await dialog.getByLabel('Preferred name (optional)').fill('Meg');
    await dialog.getByLabel('Postcode').fill('nowhere');
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await dialog.getByText('Enter a real UK postcode, like LS1 4AP').waitFor();
    await look('handoff-06-correct-patient');
    await dialog.getByLabel('Postcode').fill('LS1 4AP');
    await dialog.getByRole('button', { name: 'Save the correction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Contact' }).getByText('Meg', { exact: true }).waitFor();
    await signOut();
  });
});

describe('a patient of one’s own practice, typed again', () => {
  it('asks the receptionist which differing details are right before sending, and wipes nothing left empty', async () => {
    await signIn('rita');
    await goTo('New referral');
    const form = await fillReferral({ givenName: 'Margaret', familyName: 'Ellis', addressLine1: '3 Elm Street', postcode: 'LS1 4AP', phone: '07700 900777' });
    await form.getByRole('button', { name: 'Send referral' }).click();
    // Riverside's own receptionist is told of the open referral, and goes on.
    await form.getByText(/I know this patient has an open referral/).click();
    await form.getByRole('button', { name: 'Send referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'Signpost already knows this person' });
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.innerText()).toContain('These details differ');
    expect(await dialog.getByRole('group').count()).toBe(1);
    await dialog.getByRole('group', { name: 'Address line 1' }).getByRole('radio', { name: 'What you typed: 3 Elm Street' }).check();
    await look('handoff-05-details-differ');
    await dialog.getByRole('button', { name: 'Confirm and send the referral' }).click();
    await page.getByRole('heading', { name: 'Referral sent' }).waitFor({ timeout: 15_000 });
    await signOut();
    await signIn('lee');
    const patient = (await host.rpc('patients.get', { id: 1 })).result as { addressLine1: string; preferredName: string; givenName: string };
    expect(patient).toMatchObject({ addressLine1: '3 Elm Street', preferredName: 'Meg', givenName: 'Margaret' });
  });
});
