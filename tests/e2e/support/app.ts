import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage } from './browser';
import { type RunningHost, startHost } from './devHost';

export interface AppInBrowser {
  host: RunningHost;
  browser: Browser;
  page: Page;
}

/**
 * A development host on a fresh data folder, prepared as the test needs (through its rpc, before
 * any page loads), and Chromium open on the app. If any step fails, what was started is stopped.
 */
export async function openApp(
  prepare: (host: RunningHost) => Promise<void> = async () => undefined,
  hostArgs: string[] = [],
  viewport?: { width: number; height: number },
): Promise<AppInBrowser> {
  const host = await startHost(hostArgs);
  let browser: Browser | undefined;
  try {
    await prepare(host);
    browser = await launchBrowser();
    const page = await newPage(browser, viewport);
    await page.goto(host.url);
    return { host, browser, page };
  } catch (error) {
    await closeApp({ host, ...(browser ? { browser } : {}) });
    throw error;
  }
}

/** Closes the browser and stops the host; each is attempted even if the other fails. */
export async function closeApp(app: Partial<AppInBrowser> | undefined): Promise<void> {
  try {
    await app?.browser?.close();
  } finally {
    await app?.host?.stop();
  }
}
