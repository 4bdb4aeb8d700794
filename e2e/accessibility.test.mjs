// Accessibility checked by a machine, not assumed (every control reachable and labelled, a
// colour-blind-safe palette, light and dark themes): axe-core, the rule engine behind Lighthouse's
// accessibility audit, runs inside the page in each main state and must report no violation of the
// WCAG 2.1 A and AA rules it checks (names and roles of controls, labels, contrast, ARIA use, language).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test, withPage } from './lib/harness.mjs';
import { wholePageDrawn } from './lib/app-drawn.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each. */
async function violations(page) {
  // Evaluated through the DevTools protocol, so the page's own CSP (no inline script) stays as it is.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`),
    }));
  });
  return found.map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(' | ')}`);
}

const STATES = [
  ['the lab, light theme', { query: 'strategy=none&servers=3&ff=20&paused=1' }],
  ['the lab, dark theme, Korean', { query: 'strategy=cluster-backup&servers=4&ff=20&paused=1&lang=ko', dark: true }],
  ['a crashed server under sticky sessions', { query: 'strategy=sticky&servers=3&ff=20&paused=1', crash: 'server-1' }],
  ['the store with its replica', { query: 'strategy=store&store_replica=1&servers=3&ff=20&paused=1' }],
  ['flows for a crowd', { query: 'servers=16&users=100000&ff=20&paused=1&speed=100' }],
  ['a phone', { query: 'servers=3&ff=20&paused=1', viewport: { width: 390, height: 844 } }],
  ['embed mode', { query: 'embed=1&servers=3&ff=20&paused=1', viewport: { width: 960, height: 540 } }],
  ['the tour, answer revealed', { query: 'tour=1', ready: '[data-testid=tour-caption]', reveal: true }],
  ['the compare view', { query: 'view=compare&servers=3&users=12', ready: '[data-testid=compare-table]' }],
  ['a bad URL notice', { query: 'servers=999&paused=1', ready: '[data-testid=message]' }],
];

for (const [name, state] of STATES) {
  // One engine is enough for axe-core's rules (they read the DOM and computed styles); Chromium also
  // emulates the dark colour scheme.
  test(`accessibility: no WCAG 2.1 A/AA violation in ${name}`, { engines: ['chromium'] }, async (t) => {
    const { query, viewport, ready } = state;
    await withPage(t, { query, viewport, ready }, async (page) => {
      if (state.dark) {
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.reload();
        await page.getByTestId('topology').waitFor();
        await page.waitForFunction(wholePageDrawn);
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      }
      if (state.crash) {
        await page.getByTestId(state.crash).click();
        await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`).dataset.state === 'down', state.crash);
      }
      if (state.reveal) {
        await page.getByTestId('tour-reveal').click();
        await page.getByTestId('tour-answer').waitFor();
      }
      const found = await violations(page);
      assert.deepEqual(found, [], `axe-core found:\n${found.join('\n')}`);
    });
  });
}
