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
 * any page loads), and Chromium open on the app.
 */
export async function openApp(prepare: (host: RunningHost) => Promise<void> = async () => undefined, hostArgs: string[] = []): Promise<AppInBrowser> {
  const host = await startHost(hostArgs);
  await prepare(host);
  const browser = await launchBrowser();
  const page = await newPage(browser);
  await page.goto(host.url);
  return { host, browser, page };
}

export async function closeApp(app: Partial<AppInBrowser>): Promise<void> {
  await app.browser?.close();
  await app.host?.stop();
}
