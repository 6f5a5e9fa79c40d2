import type { Locator, Page } from 'playwright-core';

/** Presses Tab (or Shift+Tab) until the target has focus: proves it is reachable by keyboard alone. */
export async function tabTo(page: Page, target: Locator, { max = 80, backwards = false } = {}): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: the target is not on the page');
  for (let i = 0; i < max; i += 1) {
    if (await handle.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`tabTo: could not reach ${target.toString()} within ${max} presses of Tab`);
}

/** Tab to a text field and type into it. */
export async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Tab to a radio button group's current stop, then arrow to the wanted answer (which selects it). */
export async function chooseRadio(page: Page, group: Locator, answer: string): Promise<void> {
  const radios = group.getByRole('radio');
  await tabTo(page, radios.first());
  const labels = await radios.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value));
  const names = await Promise.all((await radios.all()).map(async (r) => (await r.evaluate((el) => el.closest('label')?.textContent ?? '')).trim()));
  const target = names.findIndex((n) => n === answer);
  if (target < 0) throw new Error(`chooseRadio: no answer "${answer}" among ${names.join(', ')} (${labels.join(', ')})`);
  const focused = await radios.evaluateAll((els) => els.findIndex((el) => el === document.activeElement));
  for (let i = focused; i < target; i += 1) await page.keyboard.press('ArrowRight');
  if (focused === target) await page.keyboard.press('Space');
}

/** Tab to a checkbox and tick it with the space bar. */
export async function tick(page: Page, box: Locator): Promise<void> {
  await tabTo(page, box);
  if (!(await box.isChecked())) await page.keyboard.press('Space');
}

/** Tab to an MUI select, open it with the keyboard and pick an option by its text. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await tabTo(page, select);
  await page.keyboard.press('Enter');
  const wanted = page.getByRole('option', { name: option, exact: true });
  await wanted.waitFor();
  for (let i = 0; i < 30; i += 1) {
    if (await wanted.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await wanted.waitFor({ state: 'detached' });
}
