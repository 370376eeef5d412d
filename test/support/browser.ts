import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/** Where browser tests write the screenshots a person can look at. */
export const SHOTS = 'test-results/screenshots';

/** Debian's Chromium (installed by `.ci/run`), driven by playwright-core. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
}

/** Serious or critical accessibility violations on the page as it stands. */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * Presses Tab (from wherever the focus is) until `target` has the focus, as a keyboard user would reach
 * it; fails when it is not reached within `max` presses (not focusable, or hidden from the tab order).
 */
export async function tabTo(page: Page, target: Locator, max = 120): Promise<number> {
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate(
      (el) =>
        el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
    );
    if (focused) return presses;
  }
  throw new Error(`not reached by Tab in ${max} presses`);
}
