import type { Locator, Page } from 'playwright-core';

/**
 * A click as a person makes it: press, a human pause, release. A layout that jumps between press
 * and release (a message appearing as a field loses focus) moves the button away and loses the
 * click; Playwright's own click is too quick to notice.
 */
export async function humanClick(page: Page, target: Locator, pauseMs = 150): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  if (!box) throw new Error(`humanClick: ${target.toString()} is not on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(pauseMs);
  await page.mouse.up();
}

/** The target lies wholly inside the window, without scrolling the page. */
export async function inView(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.x >= 0 && box.y + box.height <= size.height && box.x + box.width <= size.width;
}
