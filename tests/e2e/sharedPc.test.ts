import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen, NHS_SCREEN } from './support/browser';
import type { RunningHost } from './support/devHost';
import { closeApp, openApp } from './support/app';
import { humanClick } from './support/pointer';
import { PASSWORD, prepareAcceptedReferral, preparePractice, rpcOk } from './support/practice';
import { goTo as goToScreen, signIn as signInAs, signOut as signOutOf } from './support/signIn';

/** Four people share the front-desk PC in turn: the manager, reception, a link worker and a GP. */
const PEOPLE = { ...PASSWORD, amir: 'amir clinic room 3' } as const;
type Who = keyof typeof PEOPLE;

let host: RunningHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ host, browser, page } = await openApp(async (h) => {
    await preparePractice(h);
    await rpcOk(h, 'auth.login', { username: 'pat', password: PASSWORD.pat });
    await rpcOk(h, 'users.create', { fullName: 'Dr Amir Khan', username: 'amir', role: 'clinician', practiceIds: [1], temporaryPassword: 'temporary gp 3' });
    await rpcOk(h, 'auth.logout');
    await rpcOk(h, 'auth.login', { username: 'amir', password: 'temporary gp 3' });
    await rpcOk(h, 'auth.changePassword', { currentPassword: 'temporary gp 3', newPassword: PEOPLE.amir });
    await rpcOk(h, 'auth.logout');
    await prepareAcceptedReferral(h);
  }, [], NHS_SCREEN));
});

afterAll(() => closeApp({ host, browser }));

const signIn = (who: Who) => signInAs(page, who, PEOPLE[who]);
const signOut = () => signOutOf(page);

const nav = () => page.getByRole('navigation', { name: 'Main' });
const goTo = (item: string) => goToScreen(page, item);

/** Where a person lands: the main heading and the navigation item marked as the current page. */
async function landing(): Promise<{ home: boolean; current: string }> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.first().waitFor();
  return { home: /^Hello, /.test((await heading.first().textContent()) ?? ''), current: (await nav().locator('[aria-current="page"]').textContent()) ?? '' };
}

describe('one person, then the next, on a shared PC', () => {
  it('starts reception at their own Home after the manager signs out from the service directory', async () => {
    await signIn('pat');
    await goTo('Service directory');
    await page.getByRole('heading', { name: 'Service directory' }).waitFor();
    await signOut();

    await signIn('rita');
    expect(await landing()).toEqual({ home: true, current: 'Home' });
    // Nothing the manager's session kept is left in the tab, only its link to Signpost.
    const kept = await page.evaluate(() => Object.fromEntries(Object.keys(sessionStorage).filter((k) => k !== 'signpost.devhost.token').map((k) => [k, sessionStorage.getItem(k)])));
    expect(Object.values(kept).join(' ')).not.toMatch(/directory|pat/);
    await checkScreen(page, 'shared-pc-01-reception-home');
    await signOut();
  });

  it('starts a GP at Home after a link worker left a referral open, and audits no refusal against the GP', async () => {
    await signIn('lee');
    await goTo('Referral inbox');
    await page.getByRole('button', { name: 'Margaret Hughes' }).click();
    await page.getByRole('heading', { name: 'Margaret Hughes', level: 1 }).waitFor();
    await signOut();

    await signIn('amir');
    expect(await landing()).toEqual({ home: true, current: 'Home' });
    await page.getByRole('region', { name: 'My referrals' }).waitFor();
    expect(await page.getByText('Margaret Hughes').count()).toBe(0);
    await signOut();

    await rpcOk(host, 'auth.login', { username: 'pat', password: PASSWORD.pat });
    const { entries } = (await rpcOk(host, 'audit.list', { limit: 500 })) as { entries: { actorName: string; outcome: string; action: string }[] };
    await rpcOk(host, 'auth.logout');
    const gpRefusals = entries.filter((e) => e.actorName === 'Dr Amir Khan' && e.outcome === 'refused');
    expect(gpRefusals.map((e) => e.action)).toEqual([]);
    expect(entries.some((e) => e.actorName === 'Dr Amir Khan')).toBe(true);
  });

  it('brings the same person back to their screen after a lock, and the next person to their own Home', async () => {
    await page.reload();
    await signIn('lee');
    await goTo('Referral inbox');
    await page.getByRole('button', { name: 'Margaret Hughes' }).click();
    await page.getByRole('heading', { name: 'Margaret Hughes', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Signpost is locked' }).waitFor();
    expect(await page.getByText('Margaret Hughes').count()).toBe(0);
    await page.getByLabel('Password').fill(PASSWORD.lee);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Margaret Hughes', level: 1 }).waitFor();
    expect((await landing()).current).toBe('Referral inbox');

    // Lee walks off; the PC locks. Rita signs Lee out from the lock screen with one ordinary click.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Signpost is locked' }).waitFor();
    await checkScreen(page, 'shared-pc-02-lock-screen');
    await humanClick(page, page.getByRole('button', { name: 'Sign out' }));
    await page.getByRole('heading', { name: 'Sign in to Signpost' }).waitFor({ timeout: 5_000 });
    expect(await page.getByText('Enter your password').count()).toBe(0);
    await signIn('rita');
    expect(await landing()).toEqual({ home: true, current: 'Home' });
    await signOut();
  });
});
