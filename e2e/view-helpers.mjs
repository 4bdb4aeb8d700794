// Helpers shared by the visualiser's end-to-end tests: read the raw numbers of the CONTRACT read-outs and
// wait for conditions on them (never a fixed sleep).

import assert from 'node:assert/strict';

/** Why phone-sized tests skip WebKit. */
export const PHONE_WIDTH = "MiniBrowser's window (WebKit) cannot be narrower than about 450 px: phone widths are checked in Chromium and Firefox";

/** The raw number a read-out carries. */
export async function value(page, testid) {
  const raw = await page.getByTestId(testid).getAttribute('data-value');
  const number = Number(raw);
  assert.ok(Number.isFinite(number), `${testid} data-value ${raw}`);
  return number;
}

/** Wait until the simulated clock has reached `ms` (the page is playing). */
export async function waitForSimTime(page, ms, timeout = 60_000) {
  await page.waitForFunction(
    (target) => Number(document.querySelector('[data-testid="sim-time"]')?.dataset.value) >= target,
    ms,
    { timeout },
  );
}

/** Wait until a read-out's number is above `threshold` (no eval in the page: its CSP forbids it). */
export async function waitForAbove(page, testid, threshold, timeout = 60_000) {
  await page.waitForFunction(
    ([id, limit]) => Number(document.querySelector(`[data-testid="${id}"]`)?.dataset.value) > limit,
    [testid, threshold],
    { timeout },
  );
}

/** Every read-out and node state the page shows, to compare two pages. */
export async function snapshot(page) {
  return page.evaluate(() => {
    const out = {};
    for (const node of document.querySelectorAll('[data-testid^="metric-"], [data-testid="sim-time"]')) {
      out[node.dataset.testid] = node.dataset.value;
    }
    for (const node of document.querySelectorAll('[data-testid^="server-"], [data-testid="store"], [data-testid="store-replica"]')) {
      if (node.dataset.state) out[`${node.dataset.testid}.state`] = `${node.dataset.state}/${node.dataset.detected ?? ''}`;
    }
    return out;
  });
}

/** Resolve after two animation frames (a rendered frame has certainly passed). */
export function twoFrames(page) {
  return page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Every metric cell of the compare table, by strategy: { none: { mismatches: '12', ... }, ... }. */
export async function compareTable(page) {
  // Rows come back as a list: an object's key order does not survive WebKitWebDriver's serialisation.
  const rows = await page.evaluate(() => [...document.querySelectorAll('[data-testid=compare-table] tr[data-strategy]')]
    .map((row) => {
      const cells = {};
      for (const cell of row.querySelectorAll('td[data-metric]')) cells[cell.dataset.metric] = cell.dataset.value;
      return [row.dataset.strategy, cells];
    }));
  return Object.fromEntries(rows);
}
