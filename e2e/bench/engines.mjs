// Frame rates of the built site (dist/) in the three engines, side by side: the same pages in Chromium,
// Firefox and WebKit (drivers: e2e/lib/browsers.mjs), each measured the same way from inside the page:
//   fps          requestAnimationFrame callbacks per second over the window (what the eye gets);
//   interval p95 the 95th percentile of the time between two of those callbacks;
//   work p95     the app's own work per frame (model step + render, window.__sessionscope.frames), which
//                leaves out the engine's style, layout and paint (those show in fps and interval).
// A blank page in the same browser is the reference: budgets are ratios to its frame rate, because
// the engines' frame clocks differ (Chromium headless, Firefox headless, WebKit under Xvfb).
//
// BENCH_WEBKIT_RASTER=cpu makes WebKitGTK rasterise with Skia on the CPU
// (WEBKIT_SKIA_ENABLE_CPU_RENDERING=1). By default it rasterises through OpenGL, which on a machine
// without a GPU is Mesa's software llvmpipe: there every repainted pixel costs about twice as much, so
// the same page measures about half the frame rate. Off by default: the figures stay those of the
// engine as it comes; the switch shows how much of a gap is this machine's missing GPU.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/browsers.mjs';
import { Page } from '../lib/page.mjs';
import { serveDirectory } from '../lib/server.mjs';

export const DIST = fileURLToPath(new URL('../../dist', import.meta.url));

/** The pages measured in every engine. `budget`: minimum fps as a fraction of the blank page's. */
export const ENGINE_RUNS = [
  { key: 'blank', label: 'blank page', blank: 'index.html' },
  // Not a reference, a floor: the lab is taller than the window, and in WebKitGTK here a page that can
  // scroll pays for it every frame even with nothing on it. Budgets stay ratios to the plain blank page.
  { key: 'scrolling', label: 'blank page that scrolls', blank: 'scrolling.html' },
  { key: 'default', label: 'default lab (3 servers)', query: '' },
  { key: 'paused', label: 'default lab, paused', query: 'paused=1', budget: 0.95 },
  { key: 'sixteen', label: '16 servers, 8000 users', query: 'servers=16&users=8000&ff=20&speed=0.1', budget: 0.8 },
];

export const quantile = (values, q) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** Runs in the page: rAF timestamps over `ms` after a warm-up, and the app's work per frame meanwhile. */
function sampleFrames({ ms, warmupMs }) {
  return new Promise((resolve) => {
    const stamps = [];
    let start = null;
    const app = window.__sessionscope;
    const tick = (now) => {
      if (start === null) {
        start = now + warmupMs;
      }
      if (now >= start) {
        if (stamps.length === 0 && app?.frames) app.frames.length = 0;
        stamps.push(now);
      }
      if (now - start < ms) requestAnimationFrame(tick);
      else resolve({ stamps, work: (app?.frames ?? []).map((f) => f[1]), mode: app?.mode ?? null });
    };
    requestAnimationFrame(tick);
  });
}

async function measureRun(browser, baseUrl, blankUrl, run, seconds) {
  const driver = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const page = new Page(driver, { engine: browser.engine, timeout: 60_000 });
  try {
    await driver.goto(run.blank ? `${blankUrl}${run.blank}` : `${baseUrl}?${run.query}`);
    if (!run.blank) await page.locator('[data-testid=topology]').waitFor({ state: 'attached' });
    const { stamps, work, mode } = await page.evaluate(sampleFrames, { ms: seconds * 1000, warmupMs: 1500 });
    const intervals = stamps.slice(1).map((t, i) => t - stamps[i]);
    const span = (stamps.at(-1) - stamps[0]) / 1000;
    return {
      ...run,
      mode,
      fps: intervals.length / span,
      intervalP50: quantile(intervals, 0.5),
      intervalP95: quantile(intervals, 0.95),
      workP50: quantile(work, 0.5),
      workP95: quantile(work, 0.95),
    };
  } finally {
    await driver.close();
  }
}

/** { engine: { version, runs: [result…] } } for the engines asked, one engine at a time. */
export async function measureEngines({ engines = ['chromium', 'firefox', 'webkit'], runs = ENGINE_RUNS, seconds = 5 } = {}) {
  const blankDir = mkdtempSync(join(tmpdir(), 'sessionscope-blank-'));
  const blankPage = (title, body = '') => `<!DOCTYPE html><title>${title}</title><link rel="icon" href="data:,">${body}`;
  writeFileSync(join(blankDir, 'index.html'), blankPage('blank'));
  writeFileSync(join(blankDir, 'scrolling.html'), blankPage('blank, scrolling', '<div style="height: 300vh"></div>'));
  const site = await serveDirectory(DIST);
  const blank = await serveDirectory(blankDir);
  const out = {};
  try {
    if (process.env.BENCH_WEBKIT_RASTER === 'cpu') process.env.WEBKIT_SKIA_ENABLE_CPU_RENDERING = '1';
    for (const engine of engines) {
      // Frame rates of the engines as people get them: WebKit without the tests' option.
      const browser = await launchBrowser(engine, { asShipped: true });
      try {
        const results = [];
        for (const run of runs) results.push(await measureRun(browser, site.baseUrl, blank.baseUrl, run, seconds));
        out[engine] = { version: browser.version, runs: results };
      } finally {
        await browser.close();
      }
    }
  } finally {
    await site.close();
    await blank.close();
  }
  return out;
}

/** Verdicts on the ratio budgets: [{ engine, run, ratio, budget, met }]. */
export function ratioVerdicts(measured) {
  const verdicts = [];
  for (const [engine, { runs }] of Object.entries(measured)) {
    const blank = runs.find((r) => r.key === 'blank');
    for (const run of runs.filter((r) => r.budget)) {
      const ratio = run.fps / blank.fps;
      verdicts.push({ engine, run: run.label, ratio, budget: run.budget, met: ratio >= run.budget });
    }
  }
  return verdicts;
}

const f1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');

/** A Markdown table: one row per page, per engine fps · interval p95 · work p95. */
export function enginesTable(measured) {
  const engines = Object.keys(measured);
  const header = ['page', ...engines.map((e) => `${e}: fps · interval p95 · work p95`)];
  const rows = [header];
  for (const [i, run] of measured[engines[0]].runs.entries()) {
    rows.push([
      run.label,
      ...engines.map((e) => {
        const r = measured[e].runs[i];
        const blank = measured[e].runs.find((x) => x.key === 'blank');
        const ratio = r.key === 'blank' ? '' : ` (${(r.fps / blank.fps).toFixed(2)}x)`;
        return `${f1(r.fps)}${ratio} · ${f1(r.intervalP95)} ms · ${r.blank ? '-' : `${f1(r.workP95)} ms`}`;
      }),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}
