// Presets in the page: `?preset=NAME` and the lab's `preset` select stage each weakness in one step, and
// each effect is on the page within 30 s of wall time (read from the read-outs' data-value and the
// nodes' data-state, never assumed).

import assert from 'node:assert/strict';
import { test, withPage, waitForDataValue } from './lib/harness.mjs';

const WALL_BUDGET_MS = 30_000;

/** The store's replica has taken over: `data-role` where the picture carries it, else the writes lost. */
function replicaPromoted() {
  const role = document.querySelector('[data-testid="store-replica"][data-role]')?.dataset.role;
  if (role !== undefined) return role === 'primary';
  return Number(document.querySelector('[data-testid="metric-store-writes-lost"]')?.dataset.value) > 0;
}

const latencyP50 = (text) => Number(String(text).split(' ')[0]);

const PRESETS = {
  oom: async (page) => {
    await page.waitForFunction(() => document.querySelector('[data-testid="server-0"]')?.dataset.state === 'down',
      null, { timeout: WALL_BUDGET_MS });
  },
  nat: async (page) => {
    await waitForDataValue(page, 'metric-imbalance', (v) => Number(v) >= 2.9, { timeout: WALL_BUDGET_MS });
  },
  'sticky-crash': async (page) => {
    await waitForDataValue(page, 'metric-relogins', (v) => Number(v) >= 1, { timeout: WALL_BUDGET_MS });
  },
  'lag-race': async (page) => {
    await waitForDataValue(page, 'metric-mismatches', (v) => Number(v) >= 1, { timeout: WALL_BUDGET_MS });
  },
  'store-failover': async (page) => {
    await page.waitForFunction(replicaPromoted, null, { timeout: WALL_BUDGET_MS });
  },
  'rdb-vs-memory': async (page, atLoad) => {
    const before = latencyP50(atLoad['metric-latency']);
    await waitForDataValue(page, 'metric-latency', (v) => latencyP50(v) > before, { timeout: WALL_BUDGET_MS });
  },
};

async function readouts(page) {
  return { 'metric-latency': await waitForDataValue(page, 'metric-latency') };
}

for (const [name, effect] of Object.entries(PRESETS)) {
  test(`?preset=${name} shows its effect within 30 s of wall time`, async (t) => {
    await withPage(t, { query: `preset=${name}&lang=en` }, async (page, ctx) => {
      await page.getByTestId('topology').waitFor();
      const started = Date.now();
      const atLoad = await readouts(page);
      assert.equal(await page.getByTestId('preset').inputValue(), name, 'the select shows the preset');
      assert.equal(await page.getByTestId('message').count(), 0, 'no complaint about the URL');
      await effect(page, atLoad);
      const wall = Date.now() - started;
      t.diagnostic(`${name}: effect after ${wall} ms of wall time`);
      assert.ok(wall <= WALL_BUDGET_MS, `${name} took ${wall} ms`);
      await ctx.screenshot(`preset-${name}`);
    });
  });
}

test('choosing a preset in the lab stages it, and its share link names it', async (t) => {
  await withPage(t, { query: 'lang=en' }, async (page) => {
    await page.getByTestId('preset').selectOption('oom');
    await PRESETS.oom(page);
    assert.equal(await page.getByTestId('server-count').getAttribute('data-value'), '1');
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    assert.match(link, /[?&]preset=oom(&|$)/);
    assert.doesNotMatch(link, /[?&](servers|users|strategy)=/, 'the preset stands for its configuration');
  });
});

test('a bad preset name is reported by name and the lab keeps its defaults', async (t) => {
  await withPage(t, { query: 'preset=fire&lang=en&paused=1' }, async (page) => {
    const message = page.getByTestId('message');
    await message.waitFor();
    assert.equal(await message.locator('[data-param="preset"]').count(), 1);
    assert.equal(await page.getByTestId('server-count').getAttribute('data-value'), '3');
    assert.equal(await page.getByTestId('preset').inputValue(), '');
  });
});

test('users per address is a lab control: one address for everyone makes an IP-hash hotspot', async (t) => {
  await withPage(t, { query: 'strategy=sticky&users=12&skew=0&lang=en&speed=1' }, async (page) => {
    await page.getByTestId('balancer').selectOption('ip-hash');
    const input = page.getByTestId('users-per-ip');
    await input.fill('12');
    await input.press('Enter');
    await input.blur();
    await waitForDataValue(page, 'metric-imbalance', (v) => Number(v) >= 2.9, { timeout: WALL_BUDGET_MS });
    assert.equal(await page.getByTestId('sticky-by').count(), 0, 'sticky by IP is the balancer choice, not a second control');
  });
});
