// Long runs stay flat in the browser: the page animates at high speed with faults and scale
// changes, and neither the JS heap, the wasm memory nor the DOM node count keeps growing.
// Short form in the suite (~25 s); the long form: SOAK_SECONDS=300 node --test e2e/soak.test.mjs

import assert from 'node:assert/strict';
import { test, withPage } from './lib/harness.mjs';
import { value, waitForSimTime } from './view-helpers.mjs';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 25);
const WARM_UP_S = Math.min(8, SECONDS / 3);

async function sample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map(({ name, value: v }) => [name, v]));
  const extra = await page.evaluate(() => ({
    nodes: document.getElementsByTagName('*').length,
    wasm: window.__sessionscope?.wasmBytes ?? 0,
    frames: window.__sessionscope?.frames.length ?? 0,
  }));
  return { heap: m.JSHeapUsedSize, domNodes: m.Nodes, ...extra };
}

test(`browser soak: ${SECONDS} s at high speed with faults and scaling, memory and DOM stay flat`, { timeout: (SECONDS + 120) * 1000, engines: ['chromium'], why: 'reads heap and DOM counters through the DevTools protocol' }, async (t) => {
  await withPage(t, { query: 'strategy=cluster-all&servers=8&users=400&speed=300', timeout: 60_000 }, async (page) => {
    const cdp = await page.native.context().newCDPSession(page.native);
    await cdp.send('Performance.enable');
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    const samples = [];
    let round = 0;
    const actions = [
      () => page.getByTestId('server-2').click(),
      () => page.getByTestId('add-server').click(),
      () => page.getByTestId('strategy').selectOption('store'),
      () => page.getByTestId('server-2').click(),
      () => page.getByTestId('remove-server').click(),
      () => page.getByTestId('traffic').click(),
      () => page.getByTestId('strategy').selectOption('sticky'),
      () => page.getByTestId('strategy').selectOption('cluster-all'),
    ];
    let baseline = null;
    while (elapsed() < SECONDS) {
      await actions[round % actions.length]();
      round += 1;
      // About a second of wall time at 300×, and proof that the model keeps running.
      await waitForSimTime(page, (await value(page, 'sim-time')) + 300_000);
      if (baseline === null && elapsed() >= WARM_UP_S) baseline = await sample(page, cdp);
      if (baseline !== null && round % 3 === 0) samples.push(await sample(page, cdp));
    }
    const last = await sample(page, cdp);
    samples.push(last);
    const simSeconds = (await value(page, 'sim-time')) / 1000;
    const requests = await value(page, 'metric-requests');
    t.diagnostic(`soak: ${SECONDS}s wall, ${simSeconds.toFixed(0)}s simulated, ${requests} requests, ${round} interventions`);
    t.diagnostic(`baseline ${JSON.stringify(baseline)}`);
    t.diagnostic(`last     ${JSON.stringify(last)}`);
    assert.ok(simSeconds > SECONDS * 50, `the model kept running at high speed: ${simSeconds}s simulated`);
    // Bounded: rings, not growing vectors. Allow slack for JIT, caches and one extra server's worth of DOM.
    assert.ok(last.heap <= baseline.heap * 1.5 + 8e6, `JS heap ${baseline.heap} → ${last.heap}`);
    assert.ok(last.domNodes <= baseline.domNodes * 1.3 + 400, `DOM nodes ${baseline.domNodes} → ${last.domNodes}`);
    assert.ok(last.nodes <= baseline.nodes * 1.3 + 400, `elements ${baseline.nodes} → ${last.nodes}`);
    if (baseline.wasm > 0) {
      assert.ok(last.wasm <= baseline.wasm * 2 + 32e6, `wasm memory ${baseline.wasm} → ${last.wasm}`);
    }
    // Frames kept coming, and the timing ring stayed bounded.
    assert.ok(last.frames > 0 && last.frames <= 1200, `frame ring ${last.frames}`);
  });
});
