import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, NHS_SCREEN } from './support/browser';
import type { RunningHost } from './support/devHost';
import { closeApp, openApp } from './support/app';
import { inView } from './support/pointer';
import { PASSWORD, prepareAcceptedReferral, preparePractice, rpcOk } from './support/practice';
import { goTo as goToScreen, signIn as signInAs, signOut as signOutOf } from './support/signIn';

const IDLE_SECONDS = 10;
const NOTE = 'Long call. She has not left the flat since the funeral in March.\nHer daughter visits on Sundays; she would like to try the choir.';

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ host, browser, page } = await openApp(async (h) => {
    await preparePractice(h);
    await prepareAcceptedReferral(h);
  }, ['--idle-lock-seconds', String(IDLE_SECONDS)], NHS_SCREEN));
});

afterAll(() => closeApp({ host, browser }));

const signIn = (who: keyof typeof PASSWORD) => signInAs(page, who, PASSWORD[who]);
const signOut = () => signOutOf(page);

async function lockAndUnlock(who: keyof typeof PASSWORD, { idle = false } = {}) {
  if (!idle) await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Signpost is locked' }).waitFor({ timeout: (IDLE_SECONDS + 20) * 1000 });
  await page.getByLabel('Password').fill(PASSWORD[who]);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

const goTo = (item: string) => goToScreen(page, item);

const section = (name: string) => page.getByRole('region', { name, exact: true });
const redErrors = (scope: Locator) => scope.locator('.MuiFormHelperText-root.Mui-error');

async function openCase() {
  await goTo('Referral inbox');
  await page.getByRole('button', { name: 'Margaret Hughes' }).click();
  await page.getByRole('heading', { name: 'Margaret Hughes', level: 1 }).waitFor();
}

describe('no typed work is lost', () => {
  it('reopens the referral form as typed after an idle lock, keeps one draft, and asks before discarding it', async () => {
    await signIn('rita');
    await goTo('New referral');
    const form = page.getByRole('form', { name: 'Referral to the social prescribing link worker' });
    await form.getByLabel('Given name').fill('Doris');
    await form.getByLabel('Family name').fill('Fairweather');
    await form.getByText(/^Draft saved at/).waitFor();

    // Rita answers the phone; the PC locks itself.
    await lockAndUnlock('rita', { idle: true });
    await page.getByRole('heading', { name: 'Refer to the link worker' }).waitFor();
    expect(await form.getByLabel('Given name').inputValue()).toBe('Doris');
    expect(await form.getByLabel('Family name').inputValue()).toBe('Fairweather');
    expect(await page.getByRole('region', { name: 'Unfinished referrals' }).count()).toBe(0);
    await checkScreen(page, 'typed-01-referral-after-idle-lock');

    await form.getByLabel('Family name').fill('Fairweather-Jones');
    await form.getByText(/^Draft saved at/).waitFor();
    await page.waitForTimeout(900);
    const drafts = (await rpcOk(host, 'referrals.drafts')) as { label: string }[];
    expect(drafts.map((d) => d.label)).toEqual(['Doris Fairweather-Jones']);

    // Another call: a fresh form, with Doris's referral waiting in the list.
    await goTo('Home');
    await goTo('New referral');
    const unfinished = page.getByRole('region', { name: 'Unfinished referrals' });
    await unfinished.getByText('Doris Fairweather-Jones').waitFor();
    expect(await form.getByLabel('Given name').inputValue()).toBe('');
    await unfinished.getByRole('button', { name: 'Discard Doris Fairweather-Jones' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Discard this unfinished referral?' });
    await checkScreen(page, 'typed-02-discard-asks', { fullPage: false });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await rpcOk(host, 'referrals.drafts')) as unknown[]).toHaveLength(1);
    await unfinished.getByRole('button', { name: 'Discard Doris Fairweather-Jones' }).click();
    await confirm.getByRole('button', { name: 'Discard the referral' }).click();
    await unfinished.waitFor({ state: 'detached' });
    expect((await rpcOk(host, 'referrals.drafts')) as unknown[]).toHaveLength(0);
    await signOut();
  });

  it('keeps a long contact note through Esc, a lock and a reload, and forgets it once recorded', async () => {
    await signIn('lee');
    await openCase();
    await section('Contacts').getByRole('button', { name: 'Record a contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a contact' });
    const submit = dialog.getByRole('button', { name: 'Record the contact' });
    await submit.waitFor();
    expect(await inView(page, submit), 'the dialog’s buttons are on screen at 1366×768').toBe(true);
    await dialog.getByRole('radio', { name: 'Phone call', exact: true }).check();
    await dialog.getByLabel('Notes (optional)').fill(NOTE);
    expect(await redErrors(dialog).count()).toBe(0);
    await checkScreen(page, 'typed-03-record-a-contact', { fullPage: false });

    await page.keyboard.press('Escape');
    const ask = page.getByRole('alertdialog', { name: 'Discard what you typed?' });
    await ask.waitFor();
    await checkScreen(page, 'typed-04-esc-asks', { fullPage: false });
    await ask.getByRole('button', { name: 'Keep writing' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(await dialog.getByLabel('Notes (optional)').inputValue()).toBe(NOTE);

    await lockAndUnlock('lee');
    await dialog.waitFor();
    expect(await dialog.getByLabel('Notes (optional)').inputValue()).toBe(NOTE);
    expect(await dialog.getByRole('radio', { name: 'Phone call', exact: true }).isChecked()).toBe(true);

    await page.reload();
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.getByLabel('Notes (optional)').inputValue()).toBe(NOTE);
    await dialog.getByText(/^Carrying on from what you typed at/).waitFor();
    await checkScreen(page, 'typed-05-contact-after-reload', { fullPage: false });

    await submit.click();
    await dialog.waitFor({ state: 'detached' });
    await section('Contacts').getByText('she would like to try the choir', { exact: false }).waitFor();
    await section('Contacts').getByRole('button', { name: 'Record a contact' }).click();
    expect(await dialog.getByLabel('Notes (optional)').inputValue()).toBe('');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('keeps the MDT series dialog’s buttons on a 1366×768 screen, the fields scrolling between', async () => {
    await goTo('MDT meetings');
    await page.getByRole('button', { name: 'Add a series' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a practice’s MDT series' });
    const save = dialog.getByRole('button', { name: 'Save series' });
    await save.waitFor();
    expect(await inView(page, save)).toBe(true);
    expect(await inView(page, dialog.getByRole('button', { name: 'Check for clashes' }))).toBe(true);
    const labels = await dialog.getByRole('button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height));
    expect(Math.max(...labels), 'no button label wraps onto two lines').toBeLessThan(45);
    await checkScreen(page, 'typed-05b-mdt-series', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await openCase();
  });

  it('closes the case with no red error before typing, and the message back survives a lock with its buttons in view', async () => {
    await page.getByRole('button', { name: 'Close the case' }).click();
    const closing = page.getByRole('dialog', { name: 'Close the case' });
    await closing.getByLabel('Outcome summary').waitFor();
    await page.waitForTimeout(300);
    expect(await redErrors(closing).count(), 'no "Enter the outcome summary" before anything is typed').toBe(0);
    await closing.getByLabel('Outcome summary').fill('Joined the choir; sees her neighbour weekly.');
    await closing.getByRole('button', { name: 'Close the case' }).click();

    const message = page.getByRole('dialog', { name: 'Message back to the GP and referrer' });
    const send = message.getByRole('button', { name: 'Send message back' });
    await send.waitFor();
    expect(await inView(page, send), 'Send message back is on screen at 1366×768').toBe(true);
    await message.getByLabel('Outcomes so far').fill('Goes to the choir every Tuesday. TYPED-IN-MESSAGE');
    await checkScreen(page, 'typed-06-message-back', { fullPage: false });
    await lockAndUnlock('lee');
    await message.waitFor();
    expect(await message.getByLabel('Outcomes so far').inputValue()).toBe('Goes to the choir every Tuesday. TYPED-IN-MESSAGE');
    await send.click();
    await message.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: 'Messages back' }).getByText(/TYPED-IN-MESSAGE/).waitFor();
    await signOut();
  });

  it('saves every section of Settings with one save, and says what is not saved yet', async () => {
    await signIn('pat');
    await goTo('Settings');
    const settings = page.getByRole('form', { name: 'Settings' });
    const stale = settings.getByLabel('Flag a referral untouched for this many working days');
    const noContact = settings.getByLabel('Flag an open case with no contact for this many days');
    await expect.poll(() => stale.inputValue()).toBe('10');
    await stale.fill('8');
    await noContact.fill('21');
    await settings.getByText('Not saved yet: referrals, casework.').waitFor();
    await page.waitForTimeout(900);

    // Leaving the screen and coming back finds the changes, still unsaved.
    await goTo('Home');
    await goTo('Settings');
    await expect.poll(() => stale.inputValue()).toBe('8');
    expect(await noContact.inputValue()).toBe('21');
    await settings.getByText('These are the changes you made earlier; they are not saved yet.').waitFor();
    await checkScreen(page, 'typed-07-settings-unsaved');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Saved: referrals, casework.').waitFor();
    expect(await rpcOk(host, 'referrals.settings')).toMatchObject({ staleAfterWorkingDays: 8 });
    expect(await rpcOk(host, 'casework.settings')).toMatchObject({ noContactAlertDays: 21 });
    await settings.getByText('No unsaved changes.').waitFor();
  });

  it('asks before disabling a user', async () => {
    await goTo('Users');
    await page.getByRole('button', { name: 'Disable Rita Reception' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Disable Rita Reception?' });
    await checkScreen(page, 'typed-08-disable-asks', { fullPage: false });
    await confirm.getByRole('button', { name: 'Keep them' }).click();
    await confirm.waitFor({ state: 'detached' });
    const users = (await rpcOk(host, 'users.list')) as { username: string; enabled: boolean }[];
    expect(users.find((u) => u.username === 'rita')?.enabled).toBe(true);
    await page.getByRole('button', { name: 'Disable Rita Reception' }).click();
    await confirm.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Rita Reception is disabled').waitFor();
  });
});
