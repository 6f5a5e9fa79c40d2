import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, with the flags this closed network needs (no background calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--lang=en-GB', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    headless: true,
    // Chromium on Linux takes the date fields' day/month order from the environment, not --lang.
    env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' },
  });
}

/** The commonest NHS desktop screen: what every changed screen must fit. */
export const NHS_SCREEN = { width: 1366, height: 768 } as const;

/** A page from a fresh context (axe needs a context's page), at a desktop PC's size, in UK English. */
export async function newPage(browser: Browser, viewport: { width: number; height: number } = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  return context.newPage();
}

export const SCREENSHOTS = resolve(__dirname, '../../../test-results/screenshots');

/**
 * Saves a full-page screenshot as a test artefact and runs axe on the screen. A dialog is better
 * seen as the window shows it (`fullPage: false`): what is in view, and what is not.
 */
export async function checkScreen(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`), `axe on ${name}`).toEqual([]);
}
