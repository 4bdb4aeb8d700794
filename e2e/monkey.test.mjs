// A seeded monkey (hardening, through the page): hundreds of random interventions on every
// control of the lab, in any order and at any moment (strategy switches while servers are down and
// copies are in flight, the store crashed mid-switch, scaling, stepping back, changing speed and
// settings). The page must stay clean throughout (the harness fails on any console error, panic or page
// error), its picture must agree with its numbers, and the share link of the resulting state must show
// exactly that state when opened: the command log replays to the same world.
//
// MONKEY_SEED=… picks another sequence; MONKEY_ACTIONS=… sets its length (default 160).

import assert from 'node:assert/strict';
import { openPage, test, withPage } from './lib/harness.mjs';
import { snapshot, twoFrames, value, waitForSimTime } from './view-helpers.mjs';

const SEED = Number(process.env.MONKEY_SEED ?? 20261124);
const ACTIONS = Number(process.env.MONKEY_ACTIONS ?? 160);

// mulberry32: a small seeded generator, so a failure names the sequence that caused it.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test(`monkey: ${ACTIONS} random interventions (seed ${SEED}) keep the page clean and shareable`, { timeout: 60_000 + ACTIONS * 1_000, engines: ['chromium'] }, async (t) => {
  const random = generator(SEED);
  const pick = (list) => list[Math.floor(random() * list.length)];
  await withPage(t, { query: 'strategy=cluster-backup&replication=async&replication_lag_ms=1500&servers=3&users=24&speed=3' }, async (page) => {
    /** A select's option values, read from the page (so the monkey covers whatever the page offers). */
    const options = (testid) => page.getByTestId(testid).evaluate((select) => [...select.options].map((o) => o.value));
    const present = async (testid) => (await page.getByTestId(testid).count()) > 0;
    const servers = async () => value(page, 'server-count');
    /** Type a value and commit it as a person does (the change event fires when the field is left). */
    const enter = async (testid, text) => {
      await page.getByTestId(testid).fill(text);
      await page.getByTestId(testid).press('Tab');
    };

    const actions = {
      strategy: async () => page.getByTestId('strategy').selectOption(pick(await options('strategy'))),
      balancer: async () => page.getByTestId('balancer').selectOption(pick(await options('balancer'))),
      'toggle a server': async () => page.getByTestId(`server-${Math.floor(random() * (await servers()))}`).click(),
      'add a server': async () => {
        if (await page.getByTestId('add-server').isEnabled()) await page.getByTestId('add-server').click();
      },
      'remove a server': async () => {
        if (await page.getByTestId('remove-server').isEnabled()) await page.getByTestId('remove-server').click();
      },
      'toggle the store': async () => {
        if (await present('store')) await page.getByTestId(pick(['store', 'crash-store'])).click();
      },
      'toggle the replica': async () => {
        if (await present('store-replica')) await page.getByTestId('store-replica').click();
      },
      'store options': async () => {
        if (!(await present('store-kind'))) return;
        const which = pick(['store-kind', 'store-persistence', 'store-replica-toggle', 'store-replica-lag']);
        if (which === 'store-replica-toggle') await page.getByTestId(which).click();
        else if (which === 'store-replica-lag') {
          if (await present(which)) await enter(which, String(pick([0, 200, 1000, 5000])));
        } else await page.getByTestId(which).selectOption(pick(await options(which)));
      },
      'partition or slow a server': async () => {
        await page.getByTestId('fault-server').selectOption(pick(await options('fault-server')));
        await page.getByTestId(pick(['partition', 'slow'])).click();
      },
      chart: async () => page.getByTestId('chart-metric').selectOption(pick(await options('chart-metric'))),
      'cluster options': async () => {
        if (!(await present('replication'))) return;
        if (random() < 0.5) await page.getByTestId('replication').selectOption(pick(await options('replication')));
        else await enter('replication-lag', String(pick([0, 10, 300, 1500, 5000])));
      },
      'sticky options': async () => {
        if (await present('sticky-by')) await page.getByTestId('sticky-by').selectOption(pick(await options('sticky-by')));
      },
      users: async () => enter('users', String(pick([1, 5, 24, 60, 200]))),
      traffic: async () => page.getByTestId('traffic').click(),
      'play or pause': async () => page.getByTestId('play').click(),
      step: async () => page.getByTestId('step').click(),
      'step back': async () => page.getByTestId('step-back').click(),
      speed: async () => page.getByTestId('speed').selectOption(pick(['3', '10', '30'])),
      'time passes': async () => {
        if ((await page.getByTestId('play').getAttribute('aria-pressed')) !== 'true') await page.getByTestId('play').click();
        await waitForSimTime(page, (await value(page, 'sim-time')) + 200 + Math.floor(random() * 1800));
      },
    };
    // Time passing is as likely as all the store, cluster and sticky settings together: the world needs
    // time between interventions for copies to travel, failures to be detected and users to come back.
    const names = [...Object.keys(actions), ...Array(4).fill('time passes')];
    const done = [];
    for (let i = 0; i < ACTIONS; i++) {
      const name = pick(names);
      done.push(name);
      try {
        await actions[name]();
      } catch (error) {
        throw new Error(`monkey seed ${SEED}, action ${i} (${name}) failed; the ${Math.min(i, 12)} before: ` +
          `${done.slice(-13, -1).join(', ')}\n${error.message}`);
      }
      // Let the page draw what the action changed (a rendered frame is the condition, not a delay).
      await twoFrames(page);
      // The picture agrees with the numbers: one node per server.
      const drawn = await page.locator('[data-testid^="server-"][data-state]').count();
      assert.equal(drawn, await servers(), `after action ${i} (${name}): servers drawn vs counted`);
    }
    t.diagnostic(`monkey seed ${SEED}: ${ACTIONS} actions, sim time ${await value(page, 'sim-time')} ms, ` +
      `${await value(page, 'metric-requests')} requests`);

    // Pause at a moment, share it, and open the link: the replayed log must give the very same world.
    if ((await page.getByTestId('play').getAttribute('aria-pressed')) === 'true') await page.getByTestId('play').click();
    await twoFrames(page);
    const sent = await snapshot(page);
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    const received = await openPage({ url: link, query: undefined });
    try {
      await received.page.getByTestId('sim-time').waitFor();
      await twoFrames(received.page);
      assert.deepEqual(await snapshot(received.page), sent, `the shared state of monkey seed ${SEED}`);
      assert.equal(await received.page.getByTestId('message').count(), 0, 'the link is valid');
      await received.assertClean('received page');
    } finally {
      await received.close();
    }
  });
});
