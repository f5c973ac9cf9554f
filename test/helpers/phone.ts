import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

/** The page is no wider than the screen: nothing on it (a wide table, a long word) scrolls the whole page sideways. */
export async function expectNoSidewaysScroll(page: Page, name: string): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>(
    '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
  );
  assert.ok(scrollWidth <= clientWidth, `${name}: the page is ${scrollWidth}px wide on a ${clientWidth}px screen`);
}

/** Whether what is in a box is wider than the box, so that the box scrolls sideways. */
export async function scrollsSideways(box: Locator): Promise<boolean> {
  return box.evaluate((element: { scrollWidth: number; clientWidth: number }) => element.scrollWidth > element.clientWidth);
}
