import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen } from './support/browser';
import type { RunningHost } from './support/devHost';
import { closeApp, openApp } from './support/app';

const MANAGER = { name: 'Pat Manager', username: 'pat', password: 'correct horse battery' };
const WORKER = { name: 'Lee Worker', username: 'lee', temporary: 'temporary pass 42', own: 'lee own password 7', reset: 'kettle orchard violin', chosen: 'lantern meadow pebble' };
const IDLE_SECONDS = 8;

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ host, browser, page } = await openApp(undefined, ['--idle-lock-seconds', String(IDLE_SECONDS)]));
});

afterAll(() => closeApp({ host, browser }));

async function signIn(username: string, password: string) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the foundation, as a practice uses it in a browser', () => {
  it('sets Signpost up on first run and shows the recovery key once', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Set up Signpost' }).isVisible()).toBe(true);
    await page.getByLabel('Primary Care Network name').fill('Riverside PCN');
    await page.getByLabel('Practice 1 name').fill('Riverside Surgery');
    await page.getByLabel('ODS code').fill('a81001');
    await checkScreen(page, '01-setup-practices');
    await page.getByRole('button', { name: 'Add another practice' }).click();
    await page.getByLabel('Practice 2 name').fill('Hillview Medical Centre');
    await page.getByLabel('ODS code').nth(1).fill('A8100');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByText('An ODS code for a GP practice is a letter and five digits').isVisible()).toBe(true);
    await page.getByLabel('ODS code').nth(1).fill('A81002');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByLabel('Your full name').fill(MANAGER.name);
    await page.getByLabel('Username').fill(MANAGER.username);
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('short');
    await password.blur();
    await expect.poll(() => page.getByText('A password has at least 10 characters').isVisible()).toBe(true);
    await password.fill(MANAGER.password);
    // Typed twice, and shown on request, so one typo cannot leave only the recovery key.
    await page.getByLabel('Password again', { exact: true }).fill(`${MANAGER.password}x`);
    await page.getByRole('button', { name: 'Set up Signpost' }).click();
    await expect.poll(() => page.getByText('The two passwords are not the same').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Show what is typed' }).nth(1).click();
    expect(await page.getByLabel('Password again', { exact: true }).getAttribute('type')).toBe('text');
    await page.getByLabel('Password again', { exact: true }).fill(MANAGER.password);
    await checkScreen(page, '02-setup-account');
    await page.getByRole('button', { name: 'Set up Signpost' }).click();

    const key = page.getByTestId('recovery-key');
    await expect.poll(() => key.textContent(), { timeout: 15_000 }).toMatch(/^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$/);
    await checkScreen(page, '03-setup-recovery-key');
    const go = page.getByRole('button', { name: 'Continue to Signpost' });
    expect(await go.isDisabled()).toBe(true);
    await page.getByLabel('I have printed or saved the recovery key').check();
    await go.click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent()).toContain(MANAGER.name);
  });

  it('signs out and back in, refusing a wrong password with a plain message', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Signpost' }).isVisible()).toBe(true);
    await signIn(MANAGER.username, 'not my password');
    await expect.poll(() => page.getByText('The username or password is not right').first().isVisible(), { timeout: 10_000 }).toBe(true);
    await checkScreen(page, '04-login-wrong-password');
    await signIn(MANAGER.username, MANAGER.password);
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 10_000 }).toContain(MANAGER.name);
    await checkScreen(page, '05-home-manager');
  });

  it('locks itself when left idle, hiding everything until the same user unlocks', async () => {
    await expect
      .poll(() => page.getByRole('heading', { name: 'Signpost is locked' }).isVisible(), { timeout: (IDLE_SECONDS + 10) * 1000 })
      .toBe(true);
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect((await host.rpc('users.list')).error?.code).toBe('LOCKED');
    await checkScreen(page, '06-lock-screen');
    await page.getByLabel('Password').fill(MANAGER.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 10_000 }).toContain(MANAGER.name);
  });

  it('lets the manager change practice-wide settings, with a message at a field that is out of range', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Settings' });
    const stale = settings.getByLabel('Flag a referral untouched for this many working days');
    await expect.poll(() => stale.inputValue()).toBe('10');
    await stale.fill('0');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => settings.getByText('At least 1 working day').isVisible()).toBe(true);
    await stale.fill('7');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => settings.getByText('Saved: referrals.').isVisible()).toBe(true);
    expect((await host.rpc('referrals.settings', {})).result).toMatchObject({ staleAfterWorkingDays: 7 });
    await checkScreen(page, '07a-settings');
  });

  it('lets the manager add a link worker with a temporary password', async () => {
    await page.getByRole('button', { name: 'Users' }).click();
    await page.getByRole('button', { name: 'Add a user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a user' });
    await dialog.getByLabel('Full name').fill(WORKER.name);
    await dialog.getByLabel('Username').fill(WORKER.username);
    await dialog.getByLabel('Role').click();
    await page.getByRole('option', { name: 'Social prescribing link worker' }).click();
    await dialog.getByLabel('Riverside Surgery (A81001)').check();
    await dialog.getByLabel('Temporary password').fill(WORKER.temporary);
    await checkScreen(page, '07-add-user');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.getByRole('cell', { name: WORKER.name, exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    await checkScreen(page, '08-users');
  });

  it('lets the link worker in, makes them choose a password, and shows only their navigation', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(WORKER.username, WORKER.temporary);
    await expect.poll(() => page.getByRole('heading', { name: 'Choose your password' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await checkScreen(page, '09-choose-password');
    // The temporary password was typed a moment ago to sign in: it is not asked for again.
    expect(await page.getByLabel('Current password').count()).toBe(0);
    await page.getByLabel('New password', { exact: true }).fill(WORKER.own);
    await page.getByLabel('New password again').fill(WORKER.own);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 10_000 }).toContain(WORKER.name);

    const nav = page.getByRole('navigation', { name: 'Main' });
    const labels = await nav.getByRole('button').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Home', 'Referral inbox', 'My account']));
    for (const managersOnly of ['Users', 'Settings', 'Audit log']) expect(labels).not.toContain(managersOnly);
    expect((await host.rpc('users.list')).error?.code).toBe('FORBIDDEN');
    await checkScreen(page, '10-home-link-worker');
  });

  it('tells the link worker, at their next sign-in, that the manager reset their password', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(MANAGER.username, MANAGER.password);
    await page.getByRole('button', { name: 'Users' }).click();
    await page.getByRole('button', { name: `Reset password for ${WORKER.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Reset the password for ${WORKER.name}` });
    await expect.poll(() => dialog.getByText('Signpost will tell them that you reset it').isVisible()).toBe(true);
    // A guessable temporary password is refused at its field.
    await dialog.getByLabel('Temporary password').fill('Riverside Surgery');
    await dialog.getByRole('button', { name: 'Set temporary password' }).click();
    await expect.poll(() => dialog.getByText('This password is too easy to guess').isVisible(), { timeout: 10_000 }).toBe(true);
    await checkScreen(page, '11-reset-password-too-easy');
    await dialog.getByLabel('Temporary password').fill(WORKER.reset);
    await dialog.getByRole('button', { name: 'Set temporary password' }).click();
    await expect.poll(() => page.getByText(`${WORKER.name} has a temporary password`).isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();

    await signIn(WORKER.username, WORKER.reset);
    await expect.poll(() => page.getByRole('heading', { name: 'Choose your password' }).isVisible(), { timeout: 10_000 }).toBe(true);
    const notice = page.getByTestId('password-reset-notice');
    await expect.poll(() => notice.textContent()).toMatch(/^Your password was reset by Pat Manager on \d\d\/\d\d\/\d{4} at \d\d:\d\d\./);
    await checkScreen(page, '12-password-reset-notice');
    await page.getByLabel('New password', { exact: true }).fill(WORKER.chosen);
    await page.getByLabel('New password again').fill(WORKER.chosen);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByTestId('signed-in-as').textContent(), { timeout: 10_000 }).toContain(WORKER.name);
  });

  it('shows the manager, in plain words, what the link worker did: filtered by person, and exported', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(MANAGER.username, MANAGER.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Audit log' }).click();
    const form = page.getByRole('form', { name: 'Filter the audit log' });
    await form.getByLabel('Person').click();
    await page.getByRole('option', { name: WORKER.name, exact: true }).click();
    await form.getByRole('button', { name: 'Show entries' }).click();
    const table = page.getByRole('table', { name: 'Audit log entries' });
    // The unfiltered page shows first; the filtered one has Lee's entries only.
    await expect.poll(() => table.getByText(/^Pat Manager/).count(), { timeout: 10_000 }).toBe(0);
    await table.getByText(`${WORKER.name} changed their password`).first().waitFor();
    // Dates the wrong way round are refused at the field, and the entries shown stay.
    await form.getByLabel('From').fill('2026-12-04');
    await form.getByLabel('To').fill('2026-12-01');
    await form.getByRole('button', { name: 'Show entries' }).click();
    await form.getByText('The end date is before the start date').waitFor();
    expect(await table.getByText(`${WORKER.name} signed in`).count()).toBeGreaterThan(0);
    await checkScreen(page, '13-audit-log-filtered');
    const [file] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Export these entries (CSV)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^signpost-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
