// The compare view tells the truth about cost: replication in bytes beside messages, session memory of
// servers, store and replica together, a default workload (a server crash and a store outage) in which
// every strategy ends differently, and bar labels legible at 1280x720.

import assert from 'node:assert/strict';
import { test, withPage } from './lib/harness.mjs';
import { compareTable } from './view-helpers.mjs';

const READY = '[data-testid=compare-table][data-complete=true]';

test('compare cells: bytes beside messages, session memory with the store, every strategy different', async (t) => {
  await withPage(t, { query: 'view=compare&lang=en', ready: READY, timeout: 120_000, viewport: { width: 1280, height: 720 } },
    async (page, ctx) => {
      const table = await compareTable(page);
      assert.deepEqual(Object.keys(table), ['none', 'sticky', 'cluster-all', 'cluster-backup', 'store']);
      for (const [strategy, cells] of Object.entries(table)) {
        for (const metric of ['replication_messages', 'replication_bytes', 'session_memory_bytes', 'latency_ms.p50']) {
          assert.ok(metric in cells, `${strategy} has a ${metric} cell`);
          assert.ok(Number.isFinite(Number(cells[metric])), `${strategy} ${metric} = ${cells[metric]}`);
        }
      }
      const n = (strategy, metric) => Number(table[strategy][metric]);
      assert.ok(n('cluster-backup', 'replication_bytes') > 0);
      assert.ok(n('cluster-backup', 'replication_bytes') < n('cluster-all', 'replication_bytes'),
        'primary-backup sends fewer bytes than all-to-all');
      assert.ok(n('store', 'session_memory_bytes') > 0, 'the store\'s memory is counted');
      assert.equal(n('store', 'session_memory_bytes'),
        n('store', 'store_memory_bytes') + n('store', 'replica_memory_bytes'),
        'an external store keeps no session on the servers');
      assert.ok(n('none', 'mismatches') > 0);
      assert.ok(n('sticky', 'sessions_lost') > 0, 'the crash costs sticky sessions');
      assert.ok(n('store', 'store_writes_lost') > 0, 'the store outage loses writes');
      const outcome = (s) => ['mismatches', 'sessions_lost', 'errors', 'replication_bytes', 'store_writes_lost']
        .map((m) => table[s][m]).join('/');
      const outcomes = Object.keys(table).map(outcome);
      assert.equal(new Set(outcomes).size, outcomes.length, `every strategy differs: ${outcomes.join(' | ')}`);

      // Bar labels: font size times the chart's on-screen scale, at 1280x720.
      await page.locator('[data-testid=compare-chart-replication_bytes]').waitFor();
      const smallest = await page.evaluate(() => {
        let min = Infinity;
        for (const svg of document.querySelectorAll('.compare-chart svg')) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          for (const text of svg.querySelectorAll('text')) {
            min = Math.min(min, parseFloat(getComputedStyle(text).fontSize) * scale);
          }
        }
        return min;
      });
      t.diagnostic(`smallest bar label: ${smallest.toFixed(1)} px`);
      assert.ok(smallest >= 14, `bar labels ${smallest} px`);
      await ctx.screenshot('compare-cells', { fullPage: true });
    });
});
