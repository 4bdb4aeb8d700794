// Teaching features in headless Chromium: the guided tour (steps, back/next, ?tour=N, reveal and
// highlight), the compare view (numbers equal the headless runner's `compare` for the same scenario), and
// the SVG/CSV downloads.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSim, test, withPage } from './lib/harness.mjs';
import { PHONE_WIDTH, compareTable } from './view-helpers.mjs';

const TOUR_READY = '[data-testid=tour-caption]';

async function tourStep(page) {
  const section = page.getByTestId('tour');
  return {
    step: Number(await section.getAttribute('data-step')),
    steps: Number(await section.getAttribute('data-steps')),
    caption: (await page.getByTestId('tour-caption').textContent()).trim(),
  };
}

async function tourParam(page) {
  return new URL(await page.url()).searchParams.get('tour');
}

test('tour: next and back move between steps, and the URL follows', async (t) => {
  await withPage(t, { query: { tour: 1 }, ready: TOUR_READY }, async (page, ctx) => {
    const first = await tourStep(page);
    assert.equal(first.step, 1);
    assert.ok(first.steps >= 10, `the tour has ${first.steps} steps`);
    assert.notEqual(first.caption, '');
    assert.ok(await page.getByTestId('tour-back').isDisabled(), 'no step before the first');
    await ctx.screenshot('tour-step-1');

    await page.getByTestId('tour-next').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=tour]')?.dataset.step === '2');
    const second = await tourStep(page);
    assert.notEqual(second.caption, first.caption);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tour') === '2');

    await page.getByTestId('tour-back').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=tour]')?.dataset.step === '1');
    assert.equal((await tourStep(page)).caption, first.caption);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tour') === '1');
    assert.equal(await tourParam(page), '1');
  });
});

test('tour: ?tour=N opens step N directly, and the last step has no next', async (t) => {
  // The caption of step 3 reached by clicking must be the one a link to step 3 opens.
  let viaClicks;
  await withPage(t, { query: { tour: 1 }, ready: TOUR_READY }, async (page) => {
    for (const expected of ['2', '3']) {
      await page.getByTestId('tour-next').click();
      await page.waitForFunction((n) => document.querySelector('[data-testid=tour]')?.dataset.step === n, expected);
    }
    viaClicks = await tourStep(page);
  });
  await withPage(t, { query: { tour: 3 }, ready: TOUR_READY }, async (page) => {
    const direct = await tourStep(page);
    assert.equal(direct.step, 3);
    assert.equal(direct.caption, viaClicks.caption);
    assert.ok(!(await page.getByTestId('tour-back').isDisabled()));
  });
  await withPage(t, { query: { tour: viaClicks.steps }, ready: TOUR_READY }, async (page) => {
    assert.equal((await tourStep(page)).step, viaClicks.steps);
    assert.ok(await page.getByTestId('tour-next').isDisabled(), 'no step after the last');
  });
});

test('tour in embed mode: a slide of 960×540 keeps the picture, the caption and the tour buttons', async (t) => {
  await withPage(t, { query: { tour: 3, embed: 1 }, ready: TOUR_READY, viewport: { width: 960, height: 540 } }, async (page) => {
    assert.equal((await tourStep(page)).step, 3);
    const picture = await page.getByTestId('topology').boundingBox();
    const caption = await page.getByTestId('tour-caption').boundingBox();
    assert.ok(picture.height > 300 && picture.width > 400, `the picture keeps its room: ${JSON.stringify(picture)}`);
    assert.ok(caption.x >= picture.x + picture.width, 'the caption sits beside the picture');
    for (const id of ['tour-reveal', 'tour-next', 'tour-back']) assert.ok(await page.getByTestId(id).isVisible(), id);
    await page.getByTestId('tour-next').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=tour]')?.dataset.step === '4');
  });
});

test('tour: "show me" reveals the answer, highlights it, and plays the mismatch', async (t) => {
  await withPage(t, { query: { tour: 1 }, ready: TOUR_READY }, async (page, ctx) => {
    assert.equal(await page.getByTestId('tour-answer').count(), 0, 'the answer waits for a prediction');
    assert.notEqual((await page.getByTestId('tour-question').textContent()).trim(), '');
    // Paused at the question: nothing has gone wrong yet.
    const mismatches = page.getByTestId('metric-mismatches');
    assert.equal(Number(await mismatches.getAttribute('data-value')), 0);

    await page.getByTestId('tour-reveal').click();
    await page.getByTestId('tour-answer').waitFor();
    assert.notEqual((await page.getByTestId('tour-answer').textContent()).trim(), '');
    // The button that was pressed is gone: keyboard focus moves to the answer.
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'tour-answer', null, { timeout: 5_000 });
    // Step 1 points at the mismatch counter, and the played answer makes it count.
    await page.locator('[data-testid=metric-mismatches].tour-highlight').waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=metric-mismatches]')?.dataset.value) > 0,
      null,
      { timeout: 60_000 },
    );
    await ctx.screenshot('tour-step-1-revealed');
  });
});

test('the compare view fits a phone: the table scrolls in its own box, the page does not', { engines: ['chromium', 'firefox'], why: PHONE_WIDTH }, async (t) => {
  await withPage(t, { query: 'view=compare&servers=3&users=12', ready: '[data-testid=compare-table]', viewport: { width: 360, height: 800 } }, async (page) => {
    // Nothing scrolls sideways: the page is no wider than its viewport (less a classic scrollbar's room, which
    // the page keeps).
    const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(page_.scroll <= page_.client, `sideways overflow: ${JSON.stringify(page_)}`);
    assert.ok(page_.client > 340 && page_.client <= 360, `viewport width ${page_.client}`);
    const wrap = page.locator('.compare-table-wrap');
    assert.ok(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth), 'the table scrolls sideways in its box');
    assert.equal(await wrap.getAttribute('tabindex'), '0', 'and a keyboard can scroll it');
  });
});

test('tour: an answer that spans simulated seconds plays within about half a minute', async (t) => {
  // Step 12: the store stays down for ten simulated seconds; at the tour's slow default speed (0.05×)
  // that alone would take over three minutes.
  await withPage(t, { query: { tour: 12 }, ready: TOUR_READY }, async (page) => {
    assert.equal(await page.getByTestId('speed').inputValue(), '0.05');
    const started = Date.now();
    await page.getByTestId('tour-reveal').click();
    await page.getByTestId('tour-answer').waitFor();
    // The answer appears during the hold at the key moment; the aggregate that follows plays faster, and the
    // speed control says so.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=speed]').value) > 0.05, null, { timeout: 15_000 });
    // The answer has played when playback stops by itself at the step's end.
    await page.waitForFunction(() => document.querySelector('[data-testid=play]').getAttribute('aria-pressed') === 'false',
      null, { timeout: 45_000 });
    t.diagnostic(`step 12's answer played in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(Number(await page.getByTestId('metric-errors').getAttribute('data-value')) > 0);
  });
});

test('tour: every step opens, reveals its answer and lights what it points at, in both languages', async (t) => {
  let steps = 1;
  for (let n = 1; n <= steps; n += 1) {
    const lang = n % 2 === 0 ? 'ko' : 'en';
    await withPage(t, { query: { tour: n, lang }, ready: TOUR_READY }, async (page) => {
      const shown = await tourStep(page);
      steps = shown.steps;
      assert.equal(shown.step, n);
      assert.notEqual(shown.caption, '', `step ${n} caption`);
      await page.getByTestId('tour-reveal').click();
      await page.getByTestId('tour-answer').waitFor();
      await page.locator('.tour-highlight').first().waitFor();
      // The step plays on from its pause.
      const start = Number(await page.getByTestId('sim-time').getAttribute('data-value'));
      await page.waitForFunction(
        (t0) => Number(document.querySelector('[data-testid=sim-time]')?.dataset.value) > t0,
        start,
      );
    });
  }
  assert.ok(steps >= 10);
});

test('tour: the step list jumps to any step, by keyboard too', async (t) => {
  await withPage(t, { query: { tour: 1 }, ready: TOUR_READY }, async (page) => {
    await page.locator('.tour-list summary').click();
    await page.getByTestId('tour-step-4').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=tour]')?.dataset.step === '4');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('tour') === '4');
    assert.equal(await page.getByTestId('tour-step-4').getAttribute('aria-current'), 'step');
    assert.equal(await page.getByTestId('tour-step-1').getAttribute('aria-current'), null);
    // The caption is in a live region, so the new step is announced.
    const live = await page.getByTestId('tour-caption').evaluate((el) => el.closest('[aria-live]')?.getAttribute('aria-live'));
    assert.equal(live, 'polite');
  });
});

test('tour: Korean text', async (t) => {
  await withPage(t, { query: { tour: 1, lang: 'ko' }, ready: TOUR_READY }, async (page, ctx) => {
    const hangul = /[\uac00-\ud7a3]/;
    assert.match(await page.getByTestId('tour-caption').textContent(), hangul);
    assert.match(await page.getByTestId('tour-question').textContent(), hangul);
    assert.match(await page.getByTestId('tour-reveal').textContent(), hangul);
    await ctx.screenshot('tour-step-1-ko');
  });
});

/** The runner's metrics under the names the compare table uses. */
function runnerValue(metrics, name) {
  switch (name) {
    case 'latency_ms.p50':
      return metrics.latency_ms.p50;
    case 'latency_ms.p99':
      return metrics.latency_ms.p99;
    default:
      return metrics[name];
  }
}

test('compare: the table equals the headless runner for the same scenario', async (t) => {
  const params = { strategy: 'none', servers: 4, users: 12, seed: 7, balancer: 'round-robin' };
  const ready = '[data-testid=compare-table][data-complete=true]';
  await withPage(t, { query: { view: 'compare', ...params }, ready, timeout: 120_000 }, async (page, ctx) => {
    const table = await compareTable(page);
    const durationMs = Number(await page.getByTestId('compare-table').getAttribute('data-duration-ms'));
    assert.ok(durationMs > 0);

    const dir = mkdtempSync(join(tmpdir(), 'sessionscope-compare-'));
    const file = join(dir, 'scenario.json');
    const { strategy, ...rest } = params; // every strategy is run; the chosen one does not matter
    assert.equal(strategy, 'none');
    writeFileSync(file, JSON.stringify({ ...rest, duration_s: durationMs / 1000 }));
    const run = runSim(['compare', file]);
    assert.equal(run.status, 0, run.stderr);
    const expected = JSON.parse(run.stdout);

    assert.deepEqual(Object.keys(table).sort(), expected.map((e) => e.strategy).sort());
    const required = [
      'requests', 'ok', 'mismatches', 'lost_session_hits', 'relogins', 'sessions_lost', 'errors',
      'replication_messages', 'store_ops', 'imbalance', 'latency_ms.p50', 'latency_ms.p99', 'session_memory_bytes',
    ];
    for (const { strategy: name, metrics } of expected) {
      for (const metric of required) {
        assert.ok(metric in table[name], `${name} has a ${metric} cell`);
        assert.equal(Number(table[name][metric]), runnerValue(metrics, metric), `${name} ${metric}`);
      }
    }
    // The headline difference is real: nothing shared on four servers mismatches, a store does not.
    assert.ok(Number(table.none.mismatches) > 0);
    assert.equal(Number(table.store.mismatches), 0);
    await page.locator('[data-testid^=compare-chart-]').first().waitFor();
    await ctx.screenshot('compare', { fullPage: true });
  });
});

async function download(page, testId) {
  const [file] = await Promise.all([page.native.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** A CSV's value for `metric`: either a `metric,value` row or a column named `metric`. */
function csvValue(text, metric) {
  const rows = text.trim().split(/\r?\n/).map((line) => line.split(','));
  const row = rows.find((cells) => cells[0] === metric);
  if (row) return row[1];
  const header = rows.findIndex((cells) => cells.includes(metric));
  assert.ok(header >= 0, `the CSV names ${metric}:\n${text}`);
  return rows[header + 1][rows[header].indexOf(metric)];
}

// Downloads are observed through Playwright's download event: Chromium only.
test('export: the topology as a standalone SVG and the metrics as CSV', { engines: ['chromium'], why: 'downloads are observed through Playwright (Chromium) only' }, async (t) => {
  const query = { servers: 3, users: 6, seed: 3, ff: 30, paused: 1 };
  await withPage(t, { query }, async (page) => {
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=sim-time]')?.dataset.value) >= 30_000);

    const svg = await download(page, 'export-svg');
    assert.equal(svg.name, 'sessionscope-topology.svg');
    assert.match(svg.text, /^<\?xml/);
    assert.match(svg.text, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg.text, /data-testid="server-2"/);
    assert.match(svg.text, /fill="/, 'styles are inlined');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror')?.textContent ?? null, root: doc.documentElement.localName };
    }, svg.text);
    assert.deepEqual(parsed, { error: null, root: 'svg' });

    const csv = await download(page, 'export-csv');
    assert.equal(csv.name, 'sessionscope-metrics.csv');
    for (const [metric, testId] of [
      ['requests', 'metric-requests'],
      ['mismatches', 'metric-mismatches'],
      ['relogins', 'metric-relogins'],
    ]) {
      const shown = await page.getByTestId(testId).getAttribute('data-value');
      assert.equal(Number(csvValue(csv.text, metric)), Number(shown), metric);
    }
    assert.ok(Number(csvValue(csv.text, 'requests')) > 0);
  });
});
