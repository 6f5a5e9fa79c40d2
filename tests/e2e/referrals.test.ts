import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, SCREENSHOTS } from './support/browser';
import type { RunningHost } from './support/devHost';
import { PASSWORD, preparePractice } from './support/practice';
import { chooseOption, chooseRadio, tabTo, tick, typeInto } from './support/keyboard';
import { closeApp, openApp } from './support/app';

const PRIVATE_NOTE = 'Lives alone since March; PRIVATE-NOTE-4471';

let host: RunningHost;
let browser: Browser;
let page: Page;



async function signInByKeyboard(username: string, password: string) {
  await page.getByLabel('Username').waitFor();
  await typeInto(page, page.getByLabel('Username'), username);
  await typeInto(page, page.getByLabel('Password'), password);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Signpost' }).waitFor();
}

async function goTo(section: string) {
  const item = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: section });
  await tabTo(page, item, { backwards: true, max: 200 });
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  ({ host, browser, page } = await openApp(preparePractice));
});

afterAll(() => closeApp({ host, browser }));

describe('referrals, from the front desk to the message back', () => {
  it('lets a receptionist refer a new patient by keyboard alone', async () => {
    await signInByKeyboard('rita', PASSWORD.rita);
    await goTo('New referral');
    await page.getByRole('heading', { name: 'Refer to the link worker' }).waitFor();
    const form = page.getByRole('form', { name: 'Referral to the social prescribing link worker' });
    const field = (label: string) => form.getByLabel(label, { exact: true });
    await typeInto(page, field('NHS number'), '999 000 0018');
    await typeInto(page, field('Given name'), 'Margaret');
    await typeInto(page, field('Family name'), 'Hughes');
    await tabTo(page, field('Date of birth'));
    await page.keyboard.type('14031948');
    await chooseRadio(page, form.getByRole('radiogroup').filter({ has: page.getByRole('radio', { name: 'Female' }) }), 'Female');
    await typeInto(page, field('Address line 1'), '12 Mill Lane');
    await typeInto(page, field('Town or city'), 'Leeds');
    await typeInto(page, field('Postcode'), 'ls14ap');
    await typeInto(page, field('Phone number'), '07700 900123');
    await tick(page, field('Safe to leave a message'));
    await chooseRadio(page, form.getByRole('radiogroup').filter({ has: page.getByRole('radio', { name: 'Phone call' }) }), 'Phone call');
    await chooseOption(page, field('Referral from'), 'Reception or care navigator');
    await tick(page, field('Loneliness and isolation'));
    await tick(page, field('Money, benefits and debt'));
    await typeInto(page, field('What matters to the person'), 'Getting out of the house and meeting people again');
    await tick(page, field('The referral was discussed with the patient and they agreed to it'));
    await chooseRadio(page, form.getByRole('radiogroup').filter({ has: page.getByRole('radio', { name: 'Yes, with support' }) }), 'Yes');
    await chooseRadio(page, form.getByRole('group', { name: /multidisciplinary team/ }).getByRole('radiogroup'), 'Yes');
    await chooseRadio(page, form.getByRole('group', { name: 'Is there a safeguarding concern?' }).getByRole('radiogroup'), 'No');
    await checkScreen(page, 'referral-01-form');
    await tabTo(page, form.getByRole('button', { name: 'Send referral' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Referral sent' }).waitFor({ timeout: 15_000 });
    await checkScreen(page, 'referral-02-sent');
  });

  it('warns when the same patient is referred again while a referral is open', async () => {
    await page.getByRole('button', { name: 'Make another referral' }).click();
    await page.getByLabel('Search by NHS number, name or date of birth').fill('9990000018');
    await page.getByRole('button', { name: /Use Margaret Hughes/ }).waitFor();
    expect(await page.getByText(/Already has an open referral/).isVisible()).toBe(true);
    await page.getByRole('button', { name: /Use Margaret Hughes/ }).click();
    await page.getByText(/This patient already has an open referral/).waitFor();
    expect(await page.getByLabel('Postcode').inputValue()).toBe('LS1 4AP');
    await checkScreen(page, 'referral-03-duplicate-warning');
    await page.getByRole('button', { name: 'Send referral' }).click();
    await page.getByText(/I know this patient has an open referral/).waitFor();
  });

  it('lets the link worker accept, code, contact and close the referral, and send the message back', async () => {
    await signOut();
    await signInByKeyboard('lee', PASSWORD.lee);
    await goTo('Referral inbox');
    await page.getByRole('button', { name: 'Margaret Hughes' }).waitFor();
    await checkScreen(page, 'referral-04-inbox');
    await page.getByRole('button', { name: 'Margaret Hughes' }).click();
    await page.getByRole('heading', { name: 'Margaret Hughes' }).waitFor();
    expect(await page.getByText(/born 14\/03\/1948/).count()).toBe(1);

    const move = async (label: string, note: string) => {
      await page.getByRole('button', { name: label }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').last().fill(note);
      await dialog.getByRole('button', { name: label }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await move('Mark as accepted', PRIVATE_NOTE);
    await page.getByRole('button', { name: 'I have recorded the code today' }).click();
    await page.getByText(/Recorded 871731000000106/).waitFor();
    await checkScreen(page, 'referral-05-accepted-coded');
    await move('Mark as contacted', 'Spoke by phone');
    await move('Mark as in progress', '');
    await move('Mark as closed', 'Joined the Tuesday walking group and a benefits check is booked');
    await page.getByRole('button', { name: 'Write the message back' }).click();
    const message = page.getByRole('dialog', { name: 'Message back to the GP and referrer' });
    await expect.poll(() => message.getByLabel('What matters to them').inputValue()).toContain('meeting people again');
    await message.getByLabel('Services referred or signposted to').fill('Riverside walking group; Citizens Advice benefits check');
    await checkScreen(page, 'referral-06-message-back');
    await message.getByRole('button', { name: 'Send message back' }).click();
    await message.waitFor({ state: 'detached' });
    await page.getByRole('article', { name: /Message back/ }).waitFor();
    await checkScreen(page, 'referral-07-closed');
  });

  it('shows the receptionist the status and the message back, not the link worker’s notes, and the message opens as PDF', async () => {
    await signOut();
    await signInByKeyboard('rita', PASSWORD.rita);
    await goTo('My referrals');
    await page.getByText('Margaret Hughes').first().click();
    await page.getByRole('article', { name: /Message back/ }).waitFor();
    expect(await page.getByText('Closed', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain('PRIVATE-NOTE-4471');
    expect((await host.rpc('referrals.get', { id: 1 })).error?.code).toBe('FORBIDDEN');
    await checkScreen(page, 'referral-08-my-referrals');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as PDF' }).first().click()]);
    const file = join(mkdtempSync(join(tmpdir(), 'signpost-pdf-')), download.suggestedFilename());
    await download.saveAs(file);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('999 000 0018');
    expect(text).toContain('871731000000106');
    expect(text).toContain('Hughes');
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, join(SCREENSHOTS, 'referral-09-message-back-pdf')]);
  });
});

