// Time controls: the timeline scrubber's markers, seeking that replays (and keeps the commands applied
// after the target), "next event" with its button and its shortcut, and Step stopping at every hop.

import assert from 'node:assert/strict';
import { test, withPage, dataValue, waitForDataValue } from './lib/harness.mjs';
import { snapshot } from './view-helpers.mjs';

const simTime = async (page) => Number(await dataValue(page, 'sim-time'));

async function seek(page, ms) {
  await page.getByTestId('timeline').fill(String(ms));
  await waitForDataValue(page, 'sim-time', (v) => Number(v) === ms);
}

test('the scrubber marks mismatches and seeking back and forth reproduces the counters', async (t) => {
  await withPage(t, { query: 'strategy=none&ff=30&paused=1&lang=en', viewport: { width: 1280, height: 720 } }, async (page, ctx) => {
    await waitForDataValue(page, 'sim-time', (v) => Number(v) === 30_000);
    const marks = page.locator('[data-testid=timeline-marks] [data-kind=mismatch]');
    assert.ok((await marks.count()) > 0, 'mismatch marks from the series');
    const at30 = await snapshot(page);
    await ctx.screenshot('time-scrubber');

    await seek(page, 10_000);
    const at10 = await snapshot(page);
    assert.ok(Number(at10['metric-mismatches']) < Number(at30['metric-mismatches']));
    assert.equal(await page.getByTestId('timeline').getAttribute('max'), '30000', 'the future stays on the scrubber');
    assert.equal(await marks.count() > 0, true);

    await seek(page, 30_000);
    assert.deepEqual(await snapshot(page), at30, 'the same moment, the same numbers');
  });
});

test('seeking back keeps the commands applied after the target', async (t) => {
  // At 1x the second played below takes a wall second; at the default lecture speed it takes twenty.
  await withPage(t, { query: 'strategy=sticky&ff=5&paused=1&speed=1&lang=en' }, async (page) => {
    await waitForDataValue(page, 'sim-time', (v) => Number(v) === 5_000);
    await page.getByTestId('server-1').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'down');
    await page.getByTestId('step').click();
    await page.getByTestId('play').click();
    await waitForDataValue(page, 'sim-time', (v) => Number(v) >= 6_000);
    await page.getByTestId('play').click();
    const crashMarks = page.locator('[data-testid=timeline-marks] [data-kind=crash]');
    assert.equal(await crashMarks.count(), 1);

    await seek(page, 2_000);
    assert.equal(await page.getByTestId('server-1').getAttribute('data-state'), 'up', 'before the crash');
    assert.equal(await crashMarks.count(), 1, 'the crash is still on the timeline');
    await seek(page, 5_500);
    assert.equal(await page.getByTestId('server-1').getAttribute('data-state'), 'down', 'the crash happened again');
  });
});

test('next event stops at the crash, by button and by the n key', async (t) => {
  await withPage(t, { query: 'preset=sticky-crash&paused=1&lang=en' }, async (page) => {
    await waitForDataValue(page, 'sim-time', (v) => Number(v) === 2_900);
    await page.getByTestId('next-event').click();
    await waitForDataValue(page, 'sim-time', (v) => Number(v) === 3_000);
    assert.equal(await page.getByTestId('server-1').getAttribute('data-state'), 'down');
    assert.equal(await page.getByTestId('play').getAttribute('aria-pressed'), 'false', 'paused there');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await waitForDataValue(page, 'sim-time', (v) => Number(v) > 3_000);
    const after = await snapshot(page);
    t.diagnostic(`next event after the crash at ${after['sim-time']} ms`);
    assert.ok(Number(after['sim-time']) < 63_000, 'bounded');
  });
});

test('Step stops at every hop: a request reaching the balancer is one Step, reaching the server another', async (t) => {
  await withPage(t, { query: 'ff=2&paused=1&lang=en' }, async (page) => {
    await waitForDataValue(page, 'sim-time', (v) => Number(v) === 2_000);
    const times = [await simTime(page)];
    for (let i = 0; i < 8; i += 1) {
      const before = times[times.length - 1];
      await page.getByTestId('step').click();
      times.push(Number(await waitForDataValue(page, 'sim-time', (v) => Number(v) > before)));
    }
    t.diagnostic(`step times: ${times.join(', ')}`);
    const gaps = times.slice(1).map((v, i) => v - times[i]);
    assert.ok(gaps.every((g) => g > 0));
    assert.ok(gaps.some((g) => g <= 40), `some steps are a single hop apart: ${gaps.join(', ')}`);
  });
});
