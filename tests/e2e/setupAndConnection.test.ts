import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, NHS_SCREEN, newPage } from './support/browser';
import type { RunningHost } from './support/devHost';
import { closeApp, openApp } from './support/app';
import { humanClick, inView } from './support/pointer';

const PAT = { name: 'Pat Manager', username: 'pat', password: 'correct horse battery' };

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ host, browser, page } = await openApp(undefined, [], NHS_SCREEN));
});

afterAll(() => closeApp({ host, browser }));

/** Red messages under fields (each field's label and box are marked too; its message is counted once). */
const redErrors = () => page.locator('.MuiFormHelperText-root.Mui-error');

describe('setting up and signing in, click by click', () => {
  it('shows no red error for a field only passed through, and takes the first click after a field’s error appears', async () => {
    await page.getByRole('heading', { name: 'Set up Signpost' }).waitFor();
    await page.getByLabel('Practice 1 name').click();
    await page.getByLabel('Primary Care Network name').click();
    expect(await redErrors().count(), 'nothing typed yet, so nothing is wrong yet').toBe(0);

    await page.getByLabel('Primary Care Network name').fill('Riverside PCN');
    await page.getByLabel('Practice 1 name').fill('Riverside Surgery');
    await page.getByLabel('ODS code').fill('A8100');
    // Leaving the ODS code for the button shows its error, which must not move the button away.
    await humanClick(page, page.getByRole('button', { name: 'Add another practice' }));
    await page.getByLabel('Practice 2 name').waitFor({ timeout: 3_000 });
    // The first row's code is wrong; the row just added is not wrong yet.
    await page.getByText('An ODS code for a GP practice is a letter and five digits').waitFor();
    expect(await redErrors().count()).toBe(1);
    await checkScreen(page, 'setup-click-01-second-practice');
    await page.getByLabel('ODS code').first().fill('A81001');
    await page.getByRole('button', { name: 'Remove practice 2' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByLabel('Your full name').fill(PAT.name);
    await page.getByLabel('Username').fill(PAT.username);
    await page.getByLabel('Password', { exact: true }).fill(PAT.password);
    await page.getByLabel('Password again', { exact: true }).fill(PAT.password);
    await page.getByRole('button', { name: 'Set up Signpost' }).click();
    await page.getByLabel('I have printed or saved the recovery key').check({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Continue to Signpost' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  });

  it('does not say "Enter the full name" when the manager moves from the name to the role', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Full name').waitFor();
    await dialog.getByLabel('Role').click();
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await dialog.getByText('Enter the full name').count()).toBe(0);
    expect(await inView(page, dialog.getByRole('button', { name: 'Add user' }))).toBe(true);
    await checkScreen(page, 'setup-click-02-add-user', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('when Signpost cannot reach its data', () => {
  it('says what to open when the address has lost its token, rather than spinning', async () => {
    const other = await newPage(browser, NHS_SCREEN);
    await other.goto(new URL(host.url).origin + '/');
    await other.getByRole('heading', { name: 'Signpost cannot open yet' }).waitFor({ timeout: 10_000 });
    expect(await other.getByRole('alert').textContent()).toContain('Open the address that Signpost printed when it started');
    await checkScreen(other, 'unreachable-01-no-token');
    await other.context().close();
  });

  it('tells a read from a write when main stops answering, and never shows a false empty inbox', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Settings' });
    const stale = settings.getByLabel('Flag a referral untouched for this many working days');
    await expect.poll(() => stale.inputValue()).toBe('10');
    await host.stop();

    await stale.fill('9');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText(/so this was not saved\. What you typed is still here/).waitFor();
    expect(await stale.inputValue()).toBe('9');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Referral inbox' }).click();
    await page.getByText(/Signpost cannot reach its data just now, so this cannot be shown/).waitFor();
    expect(await page.getByText(/0–0 of 0/).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Referrals' }).count()).toBe(0);
    // The frame says so too, once its next check finds main gone.
    await page.getByText(/What is on screen may be out of date/).waitFor({ timeout: 15_000 });
    await checkScreen(page, 'unreachable-02-inbox');
  });
});
