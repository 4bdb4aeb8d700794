/**
 * SessionScope end-to-end harness: the built site (dist/) served on loopback, driven in the system's headless
 * Chromium through playwright-core, under Node's built-in test runner. Build first (scripts/build.sh, or the
 * whole scripts/test.sh); then `node --test e2e/*.test.mjs` runs every test file.
 *
 * A test file looks like this (name it e2e/<topic>.test.mjs; helpers go in e2e/lib/):
 *
 *   import { test } from 'node:test';
 *   import assert from 'node:assert/strict';
 *   import { withPage } from './lib/harness.mjs';
 *
 *   test('adding a server draws it', async (t) => {
 *     await withPage(t, { query: { servers: 3, paused: 1 } }, async (page, ctx) => {
 *       await page.getByTestId('add-server').click();
 *       await page.getByTestId('server-3').waitFor();          // waits for a condition, never a fixed sleep
 *       assert.equal(await page.getByTestId('server-3').getAttribute('data-state'), 'up');
 *       await ctx.screenshot('added-server');                   // e2e/out/screenshots/added-server.png
 *     });
 *   });
 *
 * withPage(t, options, body) opens a fresh browser context (no cookies, storage or cache shared with other
 * tests), a page in it, navigates, waits until the app is drawn, calls `await body(page, ctx)`, and then
 * FAILS the test if anything of the following happened at any moment (when `body` threw, its error wins and
 * these problems are appended to its message):
 *   - a console message of type error, or any console message containing "panicked" (a Rust panic);
 *   - a page error (uncaught exception, unhandled rejection, a wasm trap);
 *   - a request to anything but the page's own origin (data: and blob: URLs are fine; for a file:// page,
 *     only the file itself);
 *   - a Content-Security-Policy violation (securitypolicyviolation events, caught from the first script on).
 *     The page's policy (index.html) forbids inline style ATTRIBUTES (`style="…"` in html!, or
 *     setAttribute('style')): use classes in static/app.css, SVG presentation attributes (fill, transform,
 *     x, …) or the CSSOM (element.style().set_property) instead. No inline scripts, no eval, no requests
 *     to other hosts.
 *
 * options (all optional):
 *   path       page below the site root, e.g. 'index.html' (default '': the root)
 *   query      object ({ servers: 3, lang: 'ko' }) or string ('servers=3&lang=ko') appended as ?query
 *   prefix     sub-path the site is served under, default '/'; e.g. '/course/sessionscope/'
 *   url        an absolute URL to open instead of path/query/prefix, e.g. offlineUrl() (dist/offline.html
 *              over file://) — query is still appended when given
 *   viewport   { width, height }, default 1280 x 800
 *   locale     browser language, default 'en-US' (navigator.language; e.g. 'ko-KR')
 *   ready      CSS selector that means "the app is drawn", default '[data-testid=topology]'; null = no wait
 *   allowConsoleErrors  list of RegExp: matching console errors are not failures (use sparingly; say why)
 *   allowPageErrors     list of RegExp: same for page errors (e.g. a test that provokes a panic on purpose)
 *   allowOrigins        more origins the page may request from (e.g. the site's, for a host page that embeds
 *                       it in an iframe; see foundation.test.mjs)
 *   timeout    default Playwright timeout in ms for waits and actions, default 20 000
 *
 * ctx:
 *   page, context            Playwright Page and BrowserContext
 *   origin                   'http://127.0.0.1:PORT' (or 'null' for file://)
 *   baseUrl                  site root URL (origin + prefix)
 *   url({ path, query })     absolute URL of another page of the same site
 *   goto({ path, query, ready }) navigate this page there and wait for `ready`
 *   console                  every console message so far: { type, text, location }
 *   pageErrors               page error messages so far
 *   requests                 every URL the page requested so far
 *   cspViolations            { directive, blocked, sample, source, line } so far
 *   problems()               the failures listed above, so far, as strings
 *   assertClean(label?)      fail now if problems() is not empty (withPage also does it at the end)
 *   screenshot(name, opts?)  PNG into e2e/out/screenshots/<name>.png (opts go to page.screenshot); → path
 *
 * Read-outs (the raw number is in data-value):
 *   await dataValue(page, 'metric-requests')                         → '42' (string or null)
 *   await waitForDataValue(page, 'sim-time', (v) => Number(v) > 5000) → the first value that satisfies it
 *   (polls from Node every 25 ms until `timeout`, default 20 000 ms; the predicate gets the raw string)
 *
 * Also exported: openPage(options) → ctx with ctx.close() (for a page kept across several steps; call
 * ctx.assertClean() yourself), offlineUrl(), runSim(args, { input }) to run the headless runner
 * (cargo run --bin sessionscope-sim), serveDist({ prefix }), getBrowser(), REPO_ROOT, DIST, SCREENSHOTS.
 *
 * One Chromium per test file (launched on first use, fresh temporary profile, closed after the file's
 * tests); one static server per prefix per file. Test files run in parallel processes.
 * CHROMIUM_PATH overrides /usr/bin/chromium.
 */

import { after } from 'node:test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDirectory } from './server.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(REPO_ROOT, 'dist');
export const SCREENSHOTS = join(REPO_ROOT, 'e2e/out/screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox', // Chromium refuses to start as root otherwise
  '--disable-gpu',
  '--disable-dev-shm-usage',
  // Without these Chromium keeps trying hosts it cannot reach (no internet here), which would also show up as
  // foreign requests.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];

let browserPromise = null;
const servers = new Map();

after(async () => {
  const closing = [...servers.values()].map(async (server) => (await server).close());
  servers.clear();
  if (browserPromise) closing.push((await browserPromise).close());
  browserPromise = null;
  await Promise.all(closing);
});

/** The file's shared Chromium (launched on first use with a fresh temporary profile). */
export function getBrowser() {
  browserPromise ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return browserPromise;
}

/** dist/ served on 127.0.0.1 under `prefix` (one server per prefix, shared by the file's tests). */
export function serveDist({ prefix = '/' } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the site first (scripts/build.sh)`);
  }
  if (!servers.has(prefix)) servers.set(prefix, serveDirectory(DIST, { prefix }));
  return servers.get(prefix);
}

/** file:// URL of the single-file build. */
export function offlineUrl() {
  const file = join(DIST, 'offline.html');
  if (!existsSync(file)) throw new Error(`${file} is missing: build the site first (scripts/build.sh)`);
  return pathToFileURL(file).href;
}

function withQuery(url, query) {
  if (query === undefined || query === null) return url;
  const search = typeof query === 'string' ? query.replace(/^\?/, '') : new URLSearchParams(query).toString();
  return search === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

function isLocalRequest(requestUrl, pageOrigin, pageUrl) {
  const url = new URL(requestUrl);
  if (['data:', 'blob:', 'about:'].includes(url.protocol)) return true;
  if (url.protocol === 'file:') return pageOrigin === 'null' && url.pathname === new URL(pageUrl).pathname;
  return url.origin === pageOrigin;
}

/** Report CSP violations to the test, from before the page's first script runs. */
const CSP_LISTENER = `
  document.addEventListener('securitypolicyviolation', (event) => {
    window.__sessionscopeCspViolation({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: event.sourceFile,
      line: event.lineNumber,
    });
  });
`;

/** Open a page as withPage does, without the automatic end check. Call ctx.close() when done. */
export async function openPage(options = {}) {
  const {
    path = '',
    query,
    prefix = '/',
    url: absoluteUrl,
    viewport = { width: 1280, height: 800 },
    locale = 'en-US',
    ready = '[data-testid=topology]',
    allowConsoleErrors = [],
    allowPageErrors = [],
    allowOrigins = [],
    timeout = 20_000,
  } = options;

  const server = absoluteUrl ? null : await serveDist({ prefix });
  const firstUrl = absoluteUrl ? withQuery(absoluteUrl, query) : withQuery(server.baseUrl + path, query);
  const origin = absoluteUrl ? new URL(absoluteUrl).origin : server.origin;

  const browser = await getBrowser();
  const context = await browser.newContext({ viewport, locale });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();

  const ctx = {
    page,
    context,
    origin,
    baseUrl: server ? server.baseUrl : firstUrl,
    console: [],
    pageErrors: [],
    requests: [],
    cspViolations: [],
  };

  await context.exposeFunction('__sessionscopeCspViolation', (violation) => ctx.cspViolations.push(violation));
  await context.addInitScript({ content: CSP_LISTENER });
  page.on('console', (message) => {
    const { url, lineNumber } = message.location();
    ctx.console.push({ type: message.type(), text: message.text(), location: url ? `${url}:${lineNumber}` : '' });
  });
  page.on('pageerror', (error) => ctx.pageErrors.push(String(error?.stack ?? error)));
  page.on('request', (request) => ctx.requests.push(request.url()));

  ctx.url = ({ path: otherPath = '', query: otherQuery } = {}) =>
    server ? withQuery(server.baseUrl + otherPath, otherQuery) : withQuery(absoluteUrl, otherQuery);

  ctx.goto = async ({ path: otherPath, query: otherQuery, ready: otherReady = ready } = {}) => {
    await page.goto(ctx.url({ path: otherPath, query: otherQuery }));
    if (otherReady) await page.locator(otherReady).first().waitFor({ state: 'attached' });
  };

  ctx.problems = () => {
    const allowed = (text, patterns) => patterns.some((pattern) => pattern.test(text));
    const problems = [];
    for (const { type, text, location } of ctx.console) {
      if (text.includes('panicked')) problems.push(`panic in console: ${text} (${location})`);
      else if (type === 'error' && !allowed(text, allowConsoleErrors)) {
        problems.push(`console error: ${text} (${location})`);
      }
    }
    for (const error of ctx.pageErrors) {
      if (!allowed(error, allowPageErrors)) problems.push(`page error: ${error}`);
    }
    const pageUrl = page.url() === 'about:blank' ? firstUrl : page.url();
    for (const requested of ctx.requests) {
      if (allowOrigins.includes(new URL(requested).origin)) continue;
      if (!isLocalRequest(requested, origin, pageUrl)) problems.push(`request to another host: ${requested}`);
    }
    for (const v of ctx.cspViolations) {
      problems.push(`CSP violation: ${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}:${v.line} ${v.sample ?? ''}`);
    }
    return problems;
  };

  ctx.assertClean = (label = '') => {
    const problems = ctx.problems();
    if (problems.length > 0) {
      throw new Error(`${label ? `${label}: ` : ''}the page had ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    }
  };

  ctx.screenshot = async (name, screenshotOptions = {}) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path: file, ...screenshotOptions });
    return file;
  };

  ctx.close = () => context.close();

  try {
    await page.goto(firstUrl);
    if (ready) await page.locator(ready).first().waitFor({ state: 'attached' });
  } catch (error) {
    // Say why the app never appeared (a panic, a blocked script…), not only that it did not.
    const problems = ctx.problems();
    if (problems.length > 0) error.message += `\nwhile loading ${firstUrl}:\n  ${problems.join('\n  ')}`;
    await context.close().catch(() => {});
    throw error;
  }
  return ctx;
}

/**
 * Open a page (see the options at the top), run `body(page, ctx)`, close the page, and fail the test on
 * any console error, panic, page error, request to another host or CSP violation.
 */
export async function withPage(t, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  let ctx;
  try {
    ctx = await openPage(options);
    await body(ctx.page, ctx);
  } catch (error) {
    if (ctx) {
      // The page's own trouble often explains the failure (a panic before an element appeared).
      const problems = ctx.problems();
      if (problems.length > 0 && error instanceof Error) {
        error.message += `\nmeanwhile the page had:\n  ${problems.join('\n  ')}`;
      }
      await ctx.screenshot(`FAILED-${t.name}`).catch(() => {});
    }
    throw error;
  } finally {
    if (ctx) await ctx.close().catch(() => {});
  }
  ctx.assertClean(t.name);
  return ctx;
}

/** data-value of the element with this data-testid (null when absent). `page` may also be a FrameLocator. */
export async function dataValue(page, testId) {
  const node = page.getByTestId(testId);
  return (await node.count()) === 0 ? null : node.first().getAttribute('data-value');
}

/** Wait until dataValue(page, testId) satisfies `predicate` (default: present and not empty); returns it. */
export async function waitForDataValue(page, testId, predicate = (v) => v !== null && v !== '', { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await dataValue(page, testId);
    if (last !== null && predicate(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`waitForDataValue: ${testId} data-value is ${JSON.stringify(last)} after ${timeout} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Run the headless runner: `cargo run --quiet --bin sessionscope-sim -- ...args` (dev profile, so it shares
 * the build of `cargo test`; the results are the same as --release). `input` goes to standard input.
 * Resolves to { status, stdout, stderr }; never throws for a non-zero exit.
 */
export function runSim(args, { input } = {}) {
  const result = spawnSync('cargo', ['run', '--quiet', '--bin', 'sessionscope-sim', '--', ...args], {
    cwd: REPO_ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
