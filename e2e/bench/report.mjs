// The benchmark table, printed by scripts/bench.sh (which measures the model natively and in
// wasm32 first and hands those figures over in a JSON file). This script measures the built site (dist/)
// in headless Chromium and prints the whole table, in Markdown, ready to paste into the README:
//   - frame interval and work per frame (p50 / p95) at 16 and 64 servers and in the flow mode, from the
//     app's per-frame timing on window.__sessionscope.frames ([interval_ms, work_ms, in_flight]; work =
//     model step + render);
//   - the gzip size of the page as scripts/size-report.mjs counts it (wasm + JS + CSS + index.html);
//   - the time from navigation to the first drawn frame (window.__sessionscope.firstRender, ms since
//     navigation start), median of several fresh loads of the default page;
//   - then a second table: the same pages in Chromium, Firefox and WebKit side by side (e2e/bench/engines.mjs),
//     and a third: Lighthouse 12.2.3, mobile and desktop, median of 3 (e2e/bench/lighthouse.mjs).
// Any figure that cannot be measured fails the run with a line naming it.
//
// Usage: node e2e/bench/report.mjs MODEL.json   (MODEL.json: see scripts/bench.sh)
// BENCH_FRAME_SECONDS (default 5) sets the measured window per frame run.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDirectory } from '../lib/server.mjs';
import { enginesTable, measureEngines, ratioVerdicts } from './engines.mjs';
import { lighthouseTable, measureLighthouse } from './lighthouse.mjs';
import { siteSizes, sum } from '../../scripts/lib/page-size.mjs';
import { wholePageDrawn } from '../lib/app-drawn.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const FRAME_SECONDS = Number(process.env.BENCH_FRAME_SECONDS ?? 5);
const FIRST_RENDER_LOADS = 5;
// The frame runs use the view's frame benchmark workload (e2e/bench/frames.mjs): enough users and
// fast-forward that hundreds of messages are in flight, at a speed where they are drawn as arrows.
// Arrows at 16 and 64 servers, and the flow mode with thousands of messages in flight.
const FRAME_RUNS = [
  { label: '16 servers', servers: 16, query: 'servers=16&users=8000&ff=20&speed=0.1' },
  { label: '64 servers', servers: 64, query: 'servers=64&users=8000&ff=20&speed=0.1' },
  { label: 'flows', servers: 64, query: 'servers=64&users=100000&ff=20&speed=0.1' },
];

class Unmeasured extends Error {}
const need = (ok, what) => {
  if (!ok) throw new Unmeasured(what);
};

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown CPU';
  const rustc = execFileSync('rustc', ['--version'], { encoding: 'utf8' }).trim();
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}; ${rustc}`;
}

function pageSize() {
  const { wasm, page } = siteSizes(DIST);
  need(wasm.length === 1, `gzip size: expected one .wasm in ${DIST}, found ${wasm.length}`);
  return { page: sum(page, 'gzip') / 1000, wasm: sum(wasm, 'gzip') / 1000 };
}

/** A fresh context and page with error capture; the caller closes the context. */
async function open(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => (m.type() === 'error' || m.text().includes('panicked')) && errors.push(m.text()));
  await page.goto(url);
  await page.locator('[data-testid=topology]').waitFor({ timeout: 30_000 });
  await page.waitForFunction(wholePageDrawn);
  return { context, page, errors };
}

async function firstRender(browser, baseUrl) {
  const times = [];
  for (let i = 0; i < FIRST_RENDER_LOADS; i += 1) {
    const { context, page, errors } = await open(browser, baseUrl);
    const ms = await page
      .waitForFunction(() => window.__sessionscope?.firstRender, null, { timeout: 10_000 })
      .then((handle) => handle.jsonValue())
      .catch(() => NaN);
    await context.close();
    need(errors.length === 0, `first render: page errors: ${errors.slice(0, 3).join(' | ')}`);
    need(Number.isFinite(ms) && ms > 0, 'first render: the page sets no window.__sessionscope.firstRender');
    times.push(ms);
  }
  return { median: quantile(times, 0.5), min: Math.min(...times), max: Math.max(...times) };
}

async function frames(browser, baseUrl, run) {
  const what = `frames (${run.label})`;
  const { context, page, errors } = await open(browser, `${baseUrl}?${run.query}`);
  try {
    const hooked = await page.evaluate(() => Array.isArray(window.__sessionscope?.frames));
    need(hooked, `${what}: the page exposes no window.__sessionscope.frames (a build without the perf hook?)`);
    const servers = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid^=server-]')].filter((e) => /^server-\d+$/.test(e.dataset.testid)).length);
    need(servers === run.servers, `${what}: the page shows ${servers} servers`);
    // Warm up (JIT, caches, the fast-forward's aftermath), then measure a clean window.
    const wait = { timeout: FRAME_SECONDS * 1000 * 20 + 60_000 };
    await page.waitForFunction(() => window.__sessionscope.frames.length >= 60, null, wait);
    await page.evaluate(() => {
      window.__sessionscope.frames.length = 0;
    });
    const count = Math.round(FRAME_SECONDS * 60);
    await page.waitForFunction((n) => window.__sessionscope.frames.length >= n, count, wait);
    const samples = await page.evaluate(() => window.__sessionscope.frames.map((f) => [...f]));
    const mode = await page.evaluate(() => window.__sessionscope.mode);
    need(errors.length === 0, `${what}: page errors: ${errors.slice(0, 3).join(' | ')}`);
    const intervals = samples.map((s) => s[0]).filter((v) => v > 0);
    const work = samples.map((s) => s[1]);
    need(intervals.length > 0 && work.every(Number.isFinite), `${what}: no usable frame samples`);
    const seconds = intervals.reduce((a, b) => a + b, 0) / 1000;
    return {
      ...run,
      mode,
      fps: intervals.length / seconds,
      interval: [quantile(intervals, 0.5), quantile(intervals, 0.95)],
      work: [quantile(work, 0.5), quantile(work, 0.95)],
      inFlight: quantile(samples.map((s) => s[2]), 0.5),
    };
  } finally {
    await context.close();
  }
}

function markdownTable(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const millions = (perSecond) => `${(perSecond / 1e6).toFixed(2)} M/s`;
const ms = ([p50, p95]) => `${p50.toFixed(1)} / ${p95.toFixed(1)} ms`;

async function main() {
  const modelFile = process.argv[2];
  need(modelFile, 'model figures: usage: node e2e/bench/report.mjs MODEL.json (scripts/bench.sh writes it)');
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  const native = model.native;
  const wasm = model.wasm;
  need(native.requests > 0 && native.wall_s > 0 && native.cpu_s > 0, 'native model figures');
  need(wasm.requests > 0 && wasm.ms > 0, 'wasm model figures');
  need(wasm.requests === native.requests && wasm.hash === native.hash,
    `wasm ran a different history (requests ${wasm.requests} vs ${native.requests}, hash ${wasm.hash} vs ${native.hash})`);
  const nativeWall = native.requests / native.wall_s;
  const nativeCpu = native.requests / native.cpu_s;
  const wasmWall = wasm.requests / (wasm.ms / 1000);

  const size = pageSize();
  const { baseUrl, close } = await serveDirectory(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  let chromiumVersion;
  let first;
  const runs = [];
  try {
    chromiumVersion = browser.version();
    first = await firstRender(browser, baseUrl);
    for (const run of FRAME_RUNS) runs.push(await frames(browser, baseUrl, run));
  } finally {
    await browser.close();
    await close();
  }

  const workload = `${model.servers} servers, ${model.users.toLocaleString('en-US')} users, ` +
    `5 strategies x ${model.seconds} simulated s (${native.requests.toLocaleString('en-US')} requests), ` +
    `fastest of ${model.repeats} runs each`;
  // Budgets from issues 3 and 4, shown for the reader; the benchmark measures, it does not gate.
  const budget = (met, text) => `${text}: ${met ? 'met' : 'MISSED'}`;
  // Headless Chromium's animation frames jitter by a few tenths of a millisecond around 16.7 ms.
  const FRAME_JITTER_MS = 0.5;
  const rows = [
    ['measure', 'value', 'budget', 'conditions'],
    ['simulated requests/s, native', `${millions(nativeCpu)} per CPU-second (${millions(nativeWall)} wall)`,
      budget(nativeCpu >= 2e6, '>= 2 M/s per core'), `${workload}; cargo profile bench-native`],
    ['simulated requests/s, wasm32', `${millions(wasmWall)} wall`, '',
      'same workload and history hash, in headless Chromium (wasm-bindgen-test, profile bench-native)'],
    // Chromium's CPU time is out of the test's reach, so wasm's figure is wall-clock; set against native
    // CPU time the ratio errs low, never high, when other work shares the machine (equal on an idle one).
    ['wasm / native', `${(wasmWall / nativeCpu).toFixed(2)}`, '',
      `wasm wall-clock against native CPU time (against native wall-clock: ${(wasmWall / nativeWall).toFixed(2)})`],
  ];
  for (const r of runs) {
    const conditions = `${r.query}, ${r.mode}, ${Math.round(r.inFlight)} messages in flight, ${r.fps.toFixed(1)} fps`;
    rows.push([`frame interval p50 / p95, ${r.label}`, ms(r.interval),
      budget(r.interval[1] <= 16.7 + FRAME_JITTER_MS, 'p95 <= 16.7 ms'), conditions]);
    rows.push([`work per frame p50 / p95, ${r.label}`, ms(r.work),
      budget(r.work[1] <= 8, 'p95 <= 8 ms'), 'model step + render (Yew), from the app\'s per-frame timing']);
  }
  rows.push(['gzip size of the site', `${size.page.toFixed(1)} KB`, budget(size.page <= 200, '<= 200 KB'),
    `wasm + JS + CSS + index.html, gzip -9, KB = 1000 bytes (wasm alone ${size.wasm.toFixed(1)} KB)`]);
  rows.push(['navigation to first drawn frame', `${first.median.toFixed(0)} ms`, '',
    `default page, median of ${FIRST_RENDER_LOADS} fresh loads (${first.min.toFixed(0)}-${first.max.toFixed(0)} ms), loopback server`]);

  const date = new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ');
  // One line above the table, so that both paste into Markdown as they are.
  console.log(`SessionScope benchmark, measured ${date} on ${machine()}; Chromium ${chromiumVersion} ` +
    `(headless); load average ${model.load_at_start ?? 'unknown'} (1, 5, 15 min) when it started.`);
  console.log('');
  console.log(markdownTable(rows));

  const perEngine = await measureEngines({ seconds: FRAME_SECONDS });
  const versions = Object.entries(perEngine).map(([e, { version }]) => `${e} ${version}`).join(', ');
  console.log('');
  console.log(`Frames per engine (${FRAME_SECONDS} s per page, 1280x800; fps with its ratio to a blank page in the same ` +
    `browser, then frame interval p95 and the app's work per frame p95; ${versions}; WebKit under Xvfb):`);
  console.log('');
  console.log(enginesTable(perEngine));
  const missed = ratioVerdicts(perEngine).filter((v) => !v.met);
  console.log('');
  console.log(missed.length === 0
    ? 'Budgets (16 servers >= 0.8x, paused >= 0.95x the blank page): met in every engine.'
    : `Budgets (16 servers >= 0.8x, paused >= 0.95x the blank page) MISSED: ${missed.map((v) => `${v.engine} ${v.run} ${v.ratio.toFixed(2)}x`).join('; ')}.`);

  const lighthouse = await measureLighthouse();
  console.log('');
  console.log('Lighthouse 12.2.3 (dist/ served with gzip on loopback, median of 3 runs per profile):');
  console.log('');
  console.log(lighthouseTable(lighthouse));
}

try {
  await main();
} catch (error) {
  if (error instanceof Unmeasured) {
    console.error(`bench: could not measure ${error.message}`);
  } else {
    console.error(`bench: ${error.stack ?? error}`);
  }
  process.exit(1);
}
