/**
 * SessionScope end-to-end harness: the built site (dist/) served on loopback, driven in a real browser, under
 * Node's built-in test runner. Build first (scripts/build.sh, or the whole scripts/test.sh); then
 * `node --test e2e/*.test.mjs` runs every test file in Chromium, and `E2E_ENGINE=firefox` or
 * `E2E_ENGINE=webkit` runs the same files in that engine (scripts/test.sh runs all three in turn).
 *
 * Engines (e2e/lib/browsers.mjs) and what the harness observes in each:
 *   chromium  /usr/bin/chromium via playwright-core (DevTools protocol): console messages of every type
 *             with their location, page errors, every request, CSP violations from the first script on.
 *   firefox   /usr/bin/firefox-esr via puppeteer-core over WebDriver BiDi: the same (console, page errors,
 *             requests as BiDi events; CSP violations through a preload script). Firefox reports a CSP
 *             violation as a page error as well.
 *   webkit    WebKitGTK's MiniBrowser via WebKitWebDriver on a private Xvfb (W3C WebDriver over HTTP),
 *             which has no console, error or network events. The page records its own trouble instead
 *             (e2e/lib/recorder.mjs, served to every HTML page as its first script so it sees the page
 *             from its first script on): console.* calls, uncaught errors, unhandled rejections, CSP
 *             violations, and the URLs it loaded (Resource Timing). It cannot see messages the browser
 *             itself prints (a failed resource load, a preload warning), and for dist/offline.html from
 *             file:// (nothing can be put in front of it) it starts with the first evaluation after the
 *             load. Touch input from WebKitGTK's WebDriver arrives as mouse events (pointerType "mouse").
 *
 * The test files import `test` from here: the same as node:test's, with the engine in every test name
 * ("… [webkit]"), and `{ engines: ['chromium'], why }` to keep a test to some engines.
 *
 *   import assert from 'node:assert/strict';
 *   import { test, withPage } from './lib/harness.mjs';
 *
 *   test('adding a server draws it', async (t) => {
 *     await withPage(t, { query: { servers: 3, paused: 1 } }, async (page, ctx) => {
 *       await page.getByTestId('add-server').click();
 *       await page.getByTestId('server-3').waitFor();          // waits for a condition, never a fixed sleep
 *       assert.equal(await page.getByTestId('server-3').getAttribute('data-state'), 'up');
 *       await ctx.screenshot('added-server');                   // e2e/out/screenshots/added-server-<engine>.png
 *     });
 *   });
 *
 * `page` is the same in every engine: a small subset of Playwright's Page and Locator API, listed at the top
 * of e2e/lib/page.mjs (getByTestId, locator, click, tap, getAttribute, textContent, waitFor,
 * waitForFunction, evaluate, keyboard.press, screenshot, setViewportSize, …). `page.url()` is async here.
 *
 * withPage(t, options, body) opens a fresh page (Chromium and Firefox: a new browser context; WebKit: a new
 * WebDriver session, so no cookies, storage or cache are shared with other tests), navigates, waits until
 * the app is drawn, calls `await body(page, ctx)`, and then FAILS the test if anything of the following
 * happened at any moment (when `body` threw, its error wins and these problems are appended to its message):
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
 *   touch      true: the page takes touch input (page.touchscreen.tap, locator.tap)
 *   locale     browser language, default 'en-US' (navigator.language; e.g. 'ko-KR'; one browser per locale)
 *   ready      CSS selector that means "the app is drawn", default '[data-testid=topology]'; null = no wait
 *   allowConsoleErrors  list of RegExp: matching console errors are not failures (use sparingly; say why)
 *   allowPageErrors     list of RegExp: same for page errors (e.g. a test that provokes a panic on purpose)
 *   allowOrigins        more origins the page may request from (e.g. the site's, for a host page that embeds
 *                       it in an iframe; see foundation.test.mjs)
 *   timeout    default timeout in ms for waits and actions, default 20 000
 *
 * ctx:
 *   page, engine, browserVersion
 *   origin                   'http://127.0.0.1:PORT' (or 'null' for file://)
 *   baseUrl                  site root URL (origin + prefix)
 *   url({ path, query })     absolute URL of another page of the same site
 *   goto({ path, query, ready }) navigate this page there and wait for `ready`
 *   console                  every console message so far: { type, text, location }
 *   pageErrors               page error messages so far
 *   requests                 every URL the page requested so far
 *   cspViolations            { directive, blocked, sample, source, line } so far
 *   await problems()         the failures listed above, so far, as strings
 *   await assertClean(label?) fail now if problems() is not empty (withPage also does it at the end)
 *   screenshot(name, opts?)  PNG into e2e/out/screenshots/<name>-<engine>.png (opts: { fullPage }); → path
 *
 * Read-outs (the raw number is in data-value):
 *   await dataValue(page, 'metric-requests')                         → '42' (string or null)
 *   await waitForDataValue(page, 'sim-time', (v) => Number(v) > 5000) → the first value that satisfies it
 *   (polls from Node every 25 ms until `timeout`, default 20 000 ms; the predicate gets the raw string)
 *
 * Also exported: openPage(options) → ctx with ctx.close() (for a page kept across several steps; call
 * ctx.assertClean() yourself), offlineUrl(), runSim(args, { input }) to run the headless runner
 * (cargo run --bin sessionscope-sim), serveDist({ prefix }), getBrowser({ locale }), ENGINE, REPO_ROOT, DIST,
 * SCREENSHOTS.
 *
 * One browser per locale per test file (launched on first use, fresh temporary profile, closed after the
 * file's tests); one static server per prefix per file. Test files run in parallel processes.
 * CHROMIUM_PATH, FIREFOX_PATH and MINIBROWSER_PATH override the browsers' paths.
 */

import { after, test as nodeTest } from 'node:test';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engineFromEnv, launchBrowser } from './browsers.mjs';
import { Page } from './page.mjs';
import { drainRecords, recorderScript } from './recorder.mjs';
import { RECORDER_PATH, serveDirectory } from './server.mjs';
import { wholePageDrawn } from './app-drawn.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = join(REPO_ROOT, 'dist');
export const SCREENSHOTS = join(REPO_ROOT, 'e2e/out/screenshots');
/** The engine this process drives: E2E_ENGINE = chromium (default) | firefox | webkit. */
export const ENGINE = engineFromEnv();
// WebKit has no driver events for console messages, errors or requests: the page records them itself.
// Firefox's BiDi network events leave out file:// pages: the page records its requests too.
const RECORD_IN_PAGE = ENGINE === 'webkit';
const RECORD_REQUESTS = ENGINE !== 'chromium';

const browsers = new Map();
const servers = new Map();

after(async () => {
  const closing = [...servers.values()].map(async (server) => (await server).close());
  servers.clear();
  for (const browser of browsers.values()) closing.push((await browser).close());
  browsers.clear();
  await Promise.all(closing);
});

/**
 * node:test's `test`, with the engine in the name ("… [webkit]"), so the runner's output says which
 * engine ran what. `engines: [...]` in the options runs the test in those engines only (skipped elsewhere,
 * with `why` as the reason). `knownBugs: { firefox: 'what is wrong' }` runs it there too, in full, but
 * reports a failure as a TODO naming the app's bug instead of failing the run: for bugs of the app found
 * in one engine and not fixed yet (the report says so; remove the entry with the fix).
 */
export function test(name, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  const { engines, why, knownBugs = {}, ...rest } = options;
  if (engines && !engines.includes(ENGINE)) rest.skip = why ?? `runs in ${engines.join(', ')} only`;
  if (knownBugs[ENGINE]) rest.todo = `known bug in ${ENGINE}: ${knownBugs[ENGINE]}`;
  return nodeTest(`${name} [${ENGINE}]`, rest, body);
}

/** The file's browser for this locale (launched on first use with a fresh temporary profile). */
export function getBrowser({ locale = 'en-US' } = {}) {
  if (!browsers.has(locale)) browsers.set(locale, launchBrowser(ENGINE, { locale }));
  return browsers.get(locale);
}

/** dist/ served on 127.0.0.1 under `prefix` (one server per prefix, shared by the file's tests). */
export function serveDist({ prefix = '/' } = {}) {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: build the site first (scripts/build.sh)`);
  }
  if (!servers.has(prefix)) {
    const recorder = RECORD_IN_PAGE ? recorderScript({ recordEverything: true }) : null;
    servers.set(prefix, serveDirectory(DIST, { prefix, recorder }));
  }
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

/** Open a page as withPage does, without the automatic end check. Call ctx.close() when done. */
export async function openPage(options = {}) {
  const {
    path = '',
    query,
    prefix = '/',
    url: absoluteUrl,
    viewport = { width: 1280, height: 800 },
    locale = 'en-US',
    touch = false,
    ready = '[data-testid=topology]',
    allowConsoleErrors = [],
    allowPageErrors = [],
    allowOrigins = [],
    timeout = 20_000,
  } = options;

  const server = absoluteUrl ? null : await serveDist({ prefix });
  const firstUrl = absoluteUrl ? withQuery(absoluteUrl, query) : withQuery(server.baseUrl + path, query);
  const origin = absoluteUrl ? new URL(absoluteUrl).origin : server.origin;

  const browser = await getBrowser({ locale });
  const driver = await browser.newPage({ viewport, touch });

  /** Move what the page recorded itself into ctx. */
  const take = (records) => {
    ctx.cspViolations.push(...records.csp);
    ctx.requests.push(...records.requests);
    if (RECORD_IN_PAGE) {
      ctx.console.push(...records.console);
      ctx.pageErrors.push(...records.errors);
    }
  };
  const page = new Page(driver, {
    engine: ENGINE,
    // After a navigation the harness did not make (a link, the app's own), WebKit's recorder comes back
    // with the next evaluation.
    preamble: RECORD_IN_PAGE ? recorderScript({ recordEverything: true }) : '',
    timeout,
    // Every evaluation hands over what the page recorded, so ctx's lists are current after any step.
    onRecords: take,
  });

  const ctx = {
    page,
    engine: ENGINE,
    browserVersion: browser.version,
    origin,
    baseUrl: server ? server.baseUrl : firstUrl,
    console: [],
    pageErrors: [],
    requests: [],
    cspViolations: [],
  };

  /** Read what the page recorded (before it navigates away, and before each check). */
  const drain = async () => {
    try {
      const records = await driver.evaluate(`(${drainRecords})()`);
      if (records) take(records);
    } catch {
      // the page is gone or navigating: nothing to read
    }
  };
  page.beforeNavigate = drain;

  if (driver.addInitScript) await driver.addInitScript(recorderScript({ recordRequests: RECORD_REQUESTS }));
  driver.on('console', (message) => ctx.console.push(message));
  driver.on('pageerror', (error) => ctx.pageErrors.push(error));
  driver.on('request', (url) => ctx.requests.push(url));

  ctx.url = ({ path: otherPath = '', query: otherQuery } = {}) =>
    server ? withQuery(server.baseUrl + otherPath, otherQuery) : withQuery(absoluteUrl, otherQuery);

  ctx.goto = async ({ path: otherPath, query: otherQuery, ready: otherReady = ready } = {}) => {
    await page.goto(ctx.url({ path: otherPath, query: otherQuery }));
    await untilReady(page, otherReady);
  };

  ctx.problems = async () => {
    await drain();
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
    let pageUrl = firstUrl;
    try {
      const current = await page.url();
      if (current && current !== 'about:blank') pageUrl = current;
    } catch {
      // closed: the first URL stands
    }
    for (const requested of ctx.requests) {
      if (allowOrigins.includes(new URL(requested).origin)) continue;
      if (!isLocalRequest(requested, origin, pageUrl)) problems.push(`request to another host: ${requested}`);
    }
    for (const v of ctx.cspViolations) {
      problems.push(`CSP violation: ${v.directive} blocked ${v.blocked || '(inline)'} at ${v.source}:${v.line} ${v.sample ?? ''}`);
    }
    return problems;
  };

  ctx.assertClean = async (label = '') => {
    const problems = await ctx.problems();
    if (problems.length > 0) {
      throw new Error(`${label ? `${label}: ` : ''}in ${ENGINE} the page had ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
    }
  };

  ctx.screenshot = async (name, screenshotOptions = {}) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${name.replace(/[^\w.-]+/g, '_')}-${ENGINE}.png`);
    await page.screenshot({ path: file, ...screenshotOptions });
    return file;
  };

  ctx.close = () => driver.close();

  try {
    await driver.goto(firstUrl);
    await untilReady(page, ready);
  } catch (error) {
    // Say why the app never appeared (a panic, a blocked script…), not only that it did not.
    const problems = await ctx.problems().catch(() => []);
    if (problems.length > 0) error.message += `\nwhile loading ${firstUrl}:\n  ${problems.join('\n  ')}`;
    await driver.close().catch(() => {});
    throw error;
  }
  return ctx;
}

/** Wait for the `ready` element (none when null), then for the rest of the lab, drawn in parts. */
async function untilReady(page, ready) {
  if (ready) await page.locator(ready).first().waitFor({ state: 'attached' });
  await page.waitForFunction(wholePageDrawn);
}

/** Tests run a second time because WebKit lost its browser mid-test: a line each, for scripts/test.sh. */
export const RETRIED = join(REPO_ROOT, 'e2e/out/retried.txt');

/**
 * WebKitWebDriver answers "invalid session id" when the MiniBrowser behind a page's session has gone
 * (it crashed): a full run once lost a test to it, in a page that had navigated sixteen times, and the
 * same test passed five times in a row on its own.
 */
function lostWebKitBrowser(error) {
  return ENGINE === 'webkit' && error instanceof Error && /invalid session id/.test(error.message);
}

/**
 * Open a page (see the options at the top), run `body(page, ctx)`, close the page, and fail the test on
 * any console error, panic, page error, request to another host or CSP violation. In WebKit, a test whose
 * browser goes away mid-test runs once more in a fresh one; the run says so (a diagnostic line, and
 * RETRIED for scripts/test.sh's summary), and a test that loses its browser twice fails.
 */
export async function withPage(t, options, body) {
  if (typeof options === 'function') [options, body] = [{}, options];
  try {
    return await onPage(t, options, body);
  } catch (error) {
    if (!lostWebKitBrowser(error)) throw error;
    const why = `${t.name}: ${error.message.split('\n')[0]}`;
    t.diagnostic(`WebKit's browser went away mid-test; the test runs once more in a fresh one (${why})`);
    mkdirSync(dirname(RETRIED), { recursive: true });
    appendFileSync(RETRIED, `${why}\n`);
    return onPage(t, options, body);
  }
}

async function onPage(t, options, body) {
  let ctx;
  let problems = [];
  try {
    ctx = await openPage(options);
    await body(ctx.page, ctx);
    problems = await ctx.problems();
  } catch (error) {
    if (ctx) {
      // The page's own trouble often explains the failure (a panic before an element appeared).
      const seen = await ctx.problems().catch(() => []);
      if (seen.length > 0 && error instanceof Error) {
        error.message += `\nmeanwhile the page had:\n  ${seen.join('\n  ')}`;
      }
      await ctx.screenshot(`FAILED-${t.name}`).catch(() => {});
    }
    throw error;
  } finally {
    if (ctx) await ctx.close().catch(() => {});
  }
  if (problems.length > 0) {
    throw new Error(`${t.name}: in ${ENGINE} the page had ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  }
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
