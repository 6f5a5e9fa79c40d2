import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScreen } from './support/browser';
import type { RunningHost } from './support/devHost';
import { PASSWORD, preparePractice } from './support/practice';
import { closeApp, openApp } from './support/app';

const FIXTURES = join(__dirname, '../fixtures/directory');

let host: RunningHost;
let browser: Browser;
let page: Page;



async function signIn(username: keyof typeof PASSWORD) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD[username]);
  await page.keyboard.press('Enter');
  await page.getByTestId('signed-in-as').waitFor({ timeout: 15_000 });
}

async function openDirectory() {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Service directory' }).click();
  await page.getByRole('heading', { name: 'Service directory' }).waitFor();
}

async function chooseCategory(name: string) {
  await page.getByRole('combobox', { name: 'Category' }).click();
  const option = page.getByRole('option', { name, exact: true });
  await option.click();
  await option.waitFor({ state: 'detached' });
}

const servicesTable = () => page.getByRole('table', { name: 'Services' });

beforeAll(async () => {
  ({ host, browser, page } = await openApp(preparePractice));
});

afterAll(() => closeApp({ host, browser }));

describe('the service directory, as a link worker keeps it', () => {
  it('says what to do when the directory is empty', async () => {
    await signIn('lee');
    await openDirectory();
    await page.getByText('No services yet: add one, or import your directory as CSV or Open Referral UK JSON.').waitFor();
    await checkScreen(page, 'directory-01-empty');
  });

  it('imports a mixed CSV: the good rows are listed and each bad row is reported with its row number and reason', async () => {
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import services' });
    await dialog.getByLabel('File to import (CSV or Open Referral UK JSON)').setInputFiles({
      name: 'our-directory.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(join(FIXTURES, 'mixed.csv')),
    });
    await expect.poll(() => dialog.getByTestId('chosen-file').textContent()).toBe('our-directory.csv (CSV)');
    expect(await dialog.getByLabel('Import the good rows and list the rows with problems').isChecked()).toBe(true);
    await checkScreen(page, 'directory-02-import-chosen');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();

    await dialog.getByText('3 new services added, 0 services updated. 3 rows were not imported.').waitFor();
    const problems = dialog.getByRole('list', { name: 'Rows with problems' }).getByRole('listitem');
    expect(await problems.allTextContents()).toEqual([
      "Row 3: postcode 'XX1' is not a real UK postcode",
      "Row 6: name is missing; email 'not-an-email' is not an e-mail address",
      "Row 7: how_to_refer 'maybe' should be signpost or direct referral; cost 'sometimes' should be free, low cost or paid; last_checked '31/02/2026' is not a real date (use dd/mm/yyyy)",
    ]);
    await checkScreen(page, 'directory-03-import-result');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });

    const names = servicesTable().getByRole('row').locator('td:first-child button');
    await expect.poll(() => names.allTextContents()).toEqual(['Food Bank Referral', "Men's Shed Headingley", 'Riverside Walking Group']);
    await checkScreen(page, 'directory-04-list');
  });

  it('imports an Open Referral UK file and names the service that has no name by its place in the file', async () => {
    await page.getByRole('button', { name: 'Import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import services' });
    await dialog.getByLabel('File to import (CSV or Open Referral UK JSON)').setInputFiles(join(FIXTURES, 'oruk-services.json'));
    await expect.poll(() => dialog.getByTestId('chosen-file').textContent()).toBe('oruk-services.json (Open Referral UK JSON)');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByText('2 new services added, 0 services updated. 1 service was not imported.').waitFor();
    expect(await dialog.getByRole('list', { name: 'Services with problems' }).getByRole('listitem').allTextContents()).toEqual(['Service 2 in the file: name is missing']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => servicesTable().getByRole('row').locator('td:first-child button').count()).toBe(5);
  });

  it('finds a service by a word from its description, and by category', async () => {
    await page.getByLabel('Search services').fill('canal');
    const names = servicesTable().getByRole('row').locator('td:first-child button');
    await expect.poll(() => names.allTextContents()).toEqual(['Riverside Walking Group']);
    await checkScreen(page, 'directory-05-search');

    await page.getByLabel('Search services').fill('');
    await chooseCategory('Food and practical help, forms');
    await expect.poll(() => names.allTextContents()).toEqual(['Food Bank Referral']);
    await chooseCategory('Any category');
    await expect.poll(() => names.count()).toBe(5);
  });

  it('shows main’s field errors at the fields when a service is edited', async () => {
    await servicesTable().getByRole('button', { name: 'Riverside Walking Group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Riverside Walking Group' });
    await dialog.getByLabel('Postcode').fill('XX1');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('Enter a real UK postcode, like LS1 4AP, or leave it empty').waitFor();
    await checkScreen(page, 'directory-06-edit-error');
    await dialog.getByLabel('Postcode').fill('ls11 5ps');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Riverside Walking Group is saved.').waitFor();
  });

  it('lets a receptionist read the directory but not change it', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn('rita');
    await openDirectory();
    expect(await page.getByRole('button', { name: 'Import' }).count()).toBe(0);
    await servicesTable().getByRole('button', { name: 'Food Bank Referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'Food Bank Referral' });
    await dialog.getByText('Voucher from the link worker').waitFor();
    await checkScreen(page, 'directory-07-reception-view');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });
});
