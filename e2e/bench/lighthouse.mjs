// Lighthouse (pinned at 12.2.3: 13 needs Node 22) on the built site (dist/) served with gzip on loopback:
// mobile and desktop profiles, all four categories, each the median of LIGHTHOUSE_RUNS (default 3) runs in a
// fresh Chromium (/usr/bin/chromium, or CHROME_PATH) started with the flags that keep it off the network.
// Prints a Markdown table (and --json prints the figures). Build first: scripts/build.sh.
//
// Targets: mobile performance >= 95 (median); accessibility, best practices and SEO 100.

import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { CHROMIUM_ARGS } from '../lib/browsers.mjs';
import { serveDirectory } from '../lib/server.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGETS = { performance: { mobile: 95 }, accessibility: 100, 'best-practices': 100, seo: 100 };
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function runOnce(url, profile) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
    logLevel: 'silent',
  });
  try {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
    const result = await lighthouse(url, flags, profile === 'desktop' ? desktopConfig : undefined);
    const { categories, audits, runtimeError, runWarnings } = result.lhr;
    if (runtimeError) throw new Error(`lighthouse ${profile}: ${runtimeError.code} ${runtimeError.message}`);
    const failing = Object.values(categories).flatMap((category) =>
      category.auditRefs
        .filter((ref) => ref.weight > 0 && audits[ref.id].score !== null && audits[ref.id].score < 1)
        .map((ref) => `${category.id}/${ref.id} ${audits[ref.id].score}`),
    );
    return {
      scores: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round(categories[id].score * 100)])),
      metrics: Object.fromEntries(Object.keys(METRICS).map((id) => [id, audits[id].numericValue])),
      failing,
      warnings: runWarnings,
    };
  } finally {
    await chrome.kill();
  }
}

export async function measureLighthouse({ runs = RUNS } = {}) {
  const site = await serveDirectory(DIST, { gzip: true });
  const out = {};
  try {
    for (const profile of ['mobile', 'desktop']) {
      const results = [];
      for (let i = 0; i < runs; i += 1) results.push(await runOnce(site.baseUrl, profile));
      out[profile] = {
        runs: results,
        scores: Object.fromEntries(CATEGORIES.map((id) => [id, median(results.map((r) => r.scores[id]))])),
        metrics: Object.fromEntries(Object.keys(METRICS).map((id) => [id, median(results.map((r) => r.metrics[id]))])),
        failing: [...new Set(results.flatMap((r) => r.failing))],
      };
    }
  } finally {
    await site.close();
  }
  return out;
}

function target(category, profile) {
  const t = TARGETS[category];
  return typeof t === 'number' ? t : t[profile];
}

export function lighthouseTable(measured) {
  const rows = [['profile', ...CATEGORIES, 'FCP / LCP / TBT / CLS (median)', 'runs (performance)']];
  for (const [profile, m] of Object.entries(measured)) {
    rows.push([
      profile,
      ...CATEGORIES.map((id) => {
        const goal = target(id, profile);
        const score = m.scores[id];
        return goal === undefined ? `${score}` : `${score} (${score >= goal ? 'met' : 'MISSED'} >= ${goal})`;
      }),
      `${(m.metrics['first-contentful-paint'] / 1000).toFixed(2)} s / ${(m.metrics['largest-contentful-paint'] / 1000).toFixed(2)} s / ` +
        `${m.metrics['total-blocking-time'].toFixed(0)} ms / ${m.metrics['cumulative-layout-shift'].toFixed(3)}`,
      m.runs.map((r) => r.scores.performance).join(', '),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export function lighthouseMissed(measured) {
  return Object.entries(measured).some(([profile, m]) =>
    CATEGORIES.some((id) => target(id, profile) !== undefined && m.scores[id] < target(id, profile)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const measured = await measureLighthouse();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(measured, null, 2));
  } else {
    console.log(`Lighthouse 12.2.3, median of ${RUNS} runs per profile, dist/ served with gzip on loopback:\n`);
    console.log(lighthouseTable(measured));
    for (const [profile, m] of Object.entries(measured)) {
      if (m.failing.length > 0) console.log(`${profile}: audits below 1 in some run: ${m.failing.join(', ')}`);
    }
  }
  process.exit(lighthouseMissed(measured) ? 1 : 0);
}
