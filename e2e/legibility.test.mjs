// Seen from the back of a room: the smallest word in the topology picture, measured on screen (its
// computed font size times the SVG's screen scale), at a laptop's 1280x720, a projector's 1920x1080 and
// a 960x540 slide embed, for the default lab and every tour step; and the font-scale control.

import assert from 'node:assert/strict';
import { test, withPage } from './lib/harness.mjs';
import { fittedSmallest } from './lib/text-size.mjs';

const TOUR_READY = '[data-testid=tour-caption]';

async function tourSteps(page) {
  return Number(await page.getByTestId('tour').getAttribute('data-steps'));
}

const VIEWPORTS = [
  { name: '1280x720', viewport: { width: 1280, height: 720 }, limit: 14, embed: false },
  { name: '1920x1080', viewport: { width: 1920, height: 1080 }, limit: 18, embed: false },
  { name: '960x540 embed', viewport: { width: 960, height: 540 }, limit: 14, embed: true },
];

for (const { name, viewport, limit, embed } of VIEWPORTS) {
  test(`legibility: every word in the picture is at least ${limit} px at ${name}, default lab and every tour step`, async (t) => {
    const extra = embed ? { embed: 1 } : {};
    await withPage(t, { viewport, query: { tour: 1, ...extra }, ready: TOUR_READY }, async (page, ctx) => {
      const steps = await tourSteps(page);
      assert.ok(steps >= 10, `the tour has ${steps} steps`);
      const failures = [];
      const pages = [{ label: 'default lab', query: { paused: 1, ...extra }, ready: '[data-testid=topology]' }];
      for (let n = 1; n <= steps; n += 1) pages.push({ label: `tour ${n}`, query: { tour: n, ...extra }, ready: TOUR_READY });
      let smallest = Infinity;
      for (const p of pages) {
        await ctx.goto({ query: p.query, ready: p.ready });
        const { min, word } = await fittedSmallest(page, limit);
        smallest = Math.min(smallest, min);
        if (!(min >= limit)) failures.push(`${p.label}: "${word}" is ${min.toFixed(1)} px`);
      }
      await ctx.screenshot(`legibility-${name.replace(/ /g, '-')}`);
      t.diagnostic(`smallest word at ${name}: ${smallest.toFixed(1)} px`);
      assert.deepEqual(failures, [], `words under ${limit} px at ${name}`);
    });
  });
}

test('legibility: the font-scale control and its shortcut enlarge the picture\'s words, and are remembered', async (t) => {
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: { paused: 1 } }, async (page, ctx) => {
    const control = page.getByTestId('font-scale');
    assert.equal(await control.getAttribute('data-value'), '100');
    const before = (await fittedSmallest(page, 14)).min;
    await control.click();
    await page.waitForFunction(() => document.querySelector('[data-testid=font-scale]').dataset.value === '125');
    const after = (await fittedSmallest(page, before * 1.2)).min;
    assert.ok(after >= before * 1.2, `125 %: ${before.toFixed(1)} px became ${after.toFixed(1)} px`);
    // The shortcut `f` (focus on the page, not in a control).
    await page.locator('h1').click();
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.querySelector('[data-testid=font-scale]').dataset.value === '150');
    await ctx.screenshot('legibility-font-scale-150');
    // Remembered across a reload.
    await ctx.goto({ query: { paused: 1 } });
    assert.equal(await page.getByTestId('font-scale').getAttribute('data-value'), '150');
  });
});

test('legibility: when the picture alone changes size (no window resize, paused), its words are fitted again', async (t) => {
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: { paused: 1 } }, async (page) => {
    const before = (await fittedSmallest(page, 14)).min;
    assert.ok(before >= 14, `before: ${before.toFixed(1)} px`);
    // A panel beside the picture grows: the picture is drawn at half its width, and nothing else happens.
    await page.evaluate(() => {
      document.querySelector('[data-testid=topology]').closest('.picture').style.width = '50%';
    });
    await page.waitForFunction(() => {
      const svg = document.querySelector('[data-testid=topology]');
      return svg.getBoundingClientRect().width < 0.6 * svg.parentElement.parentElement.getBoundingClientRect().width;
    });
    const after = await fittedSmallest(page, 14);
    assert.ok(after.min >= 14, `after the picture shrank: "${after.word}" is ${after.min.toFixed(1)} px`);
  });
});
