// The three browser engines behind one small driver interface (e2e/lib/page.mjs builds the tests' Page and
// Locator on top of it):
//   chromium  /usr/bin/chromium through playwright-core (Chrome DevTools Protocol)
//   firefox   /usr/bin/firefox-esr through puppeteer-core over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (W3C WebDriver over HTTP) on a private Xvfb
//
// launchBrowser(engine, { locale }) → { newPage({ viewport, touch }), close() }; a driver page has:
//   goto(url), reload(), url(), title(), evaluate(expression), evaluateInFrame(frameSelector, expression),
//   mouseClick(x, y), tap(x, y), press(key), type(text), screenshot({ fullPage }) → PNG Buffer, setViewport(w, h),
//   emulateMedia(features) (Chromium only), on(kind, listener) for 'console' | 'pageerror' | 'request'
//   (not in WebKit: see e2e/lib/recorder.mjs), addInitScript(source) (not in WebKit), close(), native.
// `expression` is JavaScript source whose value (a promise is awaited) must survive JSON.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { startWebKitDriver, startXvfb, WebDriverSession } from './webdriver.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export function engineFromEnv() {
  const engine = process.env.E2E_ENGINE ?? 'chromium';
  if (!ENGINES.includes(engine)) throw new Error(`E2E_ENGINE must be one of ${ENGINES.join(', ')}, got "${engine}"`);
  return engine;
}

/** Chromium's switches for every run here: as root, without a GPU, and without background traffic. */
export const CHROMIUM_ARGS = [
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

// Firefox's own background traffic (updates, telemetry, safe browsing, captive portal checks…) would
// show up as requests to other hosts, and fail without a network anyway.
const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  'browser.region.update.enabled': false,
  'dom.w3c_touch_events.enabled': 1,
};

// W3C WebDriver key values for the named keys the tests press (https://w3c.github.io/webdriver/#keyboard-actions).
const WEBDRIVER_KEYS = {
  Enter: '\uE007',
  Tab: '\uE004',
  Escape: '\uE00C',
  Space: ' ',
  Backspace: '\uE003',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Home: '\uE011',
  End: '\uE010',
};

/** `asShipped`: WebKit without the tests' JavaScriptCore option (see `WEBKIT_TEST_JSC_ENV`). */
export async function launchBrowser(engine, { locale = 'en-US', asShipped = false } = {}) {
  switch (engine) {
    case 'chromium':
      return launchChromium(locale);
    case 'firefox':
      return launchFirefox(locale);
    case 'webkit':
      return launchWebKit(locale, asShipped);
    default:
      throw new Error(`unknown engine ${engine}`);
  }
}

/**
 * The tests' page over a Playwright (Chromium) or Puppeteer (Firefox) page: the two agree on most calls;
 * `differences` holds the engine's own way for the rest (screenshots, viewport, media, init scripts, and
 * how a console message tells its type and place).
 */
function wrapPage(page, close, differences) {
  const { consoleEntry: toEntry, ...calls } = differences;
  return {
    native: page,
    goto: (url) => page.goto(url).then(() => {}),
    reload: () => page.reload().then(() => {}),
    url: async () => page.url(),
    title: () => page.title(),
    evaluate: (expression) => page.evaluate(expression),
    async evaluateInFrame(selector, expression) {
      const frame = await (await page.$(selector))?.contentFrame();
      if (!frame) throw new Error(`no frame at ${selector}`);
      return frame.evaluate(expression);
    },
    mouseClick: (x, y) => page.mouse.click(x, y),
    tap: (x, y) => page.touchscreen.tap(x, y),
    press: (key) => page.keyboard.press(key),
    type: (text) => page.keyboard.type(text),
    ...calls,
    on(kind, listener) {
      if (kind === 'console') page.on('console', (message) => listener(toEntry(message)));
      else if (kind === 'pageerror') page.on('pageerror', (error) => listener(String(error?.stack ?? error)));
      else if (kind === 'request') page.on('request', (request) => listener(request.url()));
    },
    close,
  };
}

/** A console message as the tests read it: its type, its text and where it was logged (if known). */
function consoleEntry(type, text, { url, lineNumber }) {
  return { type, text, location: url ? `${url}:${lineNumber}` : '' };
}

/** Playwright's headless Chromium with CHROMIUM_ARGS, as the tests and the picture scripts launch it. */
export function launchPlaywrightChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

async function launchChromium(locale) {
  const browser = await launchPlaywrightChromium();
  return {
    engine: 'chromium',
    version: browser.version(),
    async newPage({ viewport, touch = false }) {
      const context = await browser.newContext({ viewport, locale, hasTouch: touch });
      const page = await context.newPage();
      return wrapPage(page, () => context.close(), {
        screenshot: ({ fullPage }) => page.screenshot({ fullPage }),
        setViewport: (width, height) => page.setViewportSize({ width, height }),
        emulateMedia: (features) => page.emulateMedia(features),
        addInitScript: (source) => context.addInitScript({ content: source }),
        consoleEntry: (message) => consoleEntry(message.type(), message.text(), message.location()),
      });
    },
    close: () => browser.close(),
  };
}

async function launchFirefox(locale) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    args: ['--no-remote'],
    extraPrefsFirefox: { ...FIREFOX_PREFS, 'intl.accept_languages': locale, 'intl.locale.requested': locale },
  });
  return {
    engine: 'firefox',
    version: await browser.version(),
    async newPage({ viewport, touch = false }) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      await page.setViewport({ ...viewport, hasTouch: touch });
      return wrapPage(page, () => context.close(), {
        screenshot: ({ fullPage }) => page.screenshot({ fullPage }).then((data) => Buffer.from(data)),
        setViewport: (width, height) => page.setViewport({ width, height, hasTouch: touch }),
        emulateMedia() {
          throw new Error('media emulation is driven through Chromium only in these tests');
        },
        addInitScript: (source) => page.evaluateOnNewDocument(source),
        consoleEntry: (message) =>
          consoleEntry(message.type() === 'warn' ? 'warning' : message.type(), message.text(), message.location() ?? {}),
      });
    },
    close: () => browser.close(),
  };
}

/** A click at (x, y) of the viewport through WebDriver actions, by a `mouse` or a `touch` pointer. */
async function pointerClick(session, pointerType, x, y) {
  await session.actions([
    {
      type: 'pointer',
      id: pointerType === 'mouse' ? 'mouse' : 'finger',
      parameters: { pointerType },
      actions: [
        { type: 'pointerMove', x: Math.round(x), y: Math.round(y), origin: 'viewport' },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    },
  ]);
  await session.releaseActions();
}

/** Script for execute/async: evaluate `expression`, await it, call back with { value } or { error }. */
function asyncScript(expression) {
  return `const done = arguments[arguments.length - 1];
    Promise.resolve().then(() => (${expression})).then(
      (value) => done({ value: value === undefined ? null : value }),
      (error) => done({ error: String(error && error.stack ? error.message + '\\n' + error.stack : error) }));`;
}

/**
 * Environment that gives WebKitGTK this navigator.language. It takes it from the process locale, which must
 * exist: the locale is compiled (localedef, from the `locales` package's sources) into a private directory
 * once, and named by LOCPATH, so nothing system-wide changes. en-US is what WebKitGTK reports by default.
 */
function localeEnv(locale) {
  if (locale === 'en-US') return {};
  const name = `${locale.replace('-', '_')}.UTF-8`;
  const dir = join(tmpdir(), 'sessionscope-e2e-locales');
  if (!existsSync(join(dir, name))) {
    mkdirSync(dir, { recursive: true });
    const scratch = mkdtempSync(join(dir, '.build-'));
    try {
      execFileSync('localedef', ['-i', name.split('.')[0], '-f', 'UTF-8', join(scratch, name)], { stdio: 'pipe' });
      if (!existsSync(join(dir, name))) renameSync(join(scratch, name), join(dir, name));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return { LOCPATH: dir, LANG: name, LC_ALL: name };
}

/**
 * JavaScriptCore options of every WebKit page the tests open (the benchmarks keep the defaults). Wasm
 * on-stack replacement is off: JavaScriptCore on Linux x64 has a Wasm OSR bug
 * (https://bugs.webkit.org/show_bug.cgi?id=289009) that traps now and then when JavaScript calls a Wasm
 * export as a method of the exports object many times over, which is how wasm-bindgen calls the app's
 * frame and event closures. Two full runs of the suite lost a test to it ("RuntimeError: Out of bounds
 * memory access" in a component's render, never in Chromium or Firefox). Wasm is still compiled by every
 * tier; only entering optimised code in the middle of a running loop is off. The same trap came back
 * with this option on (two WebKit runs in five, both while stepping back, which replays the run) while
 * the page used the talc allocator; the page has used Rust's default allocator since (see src/lib.rs).
 * E2E_WEBKIT_WASM_OSR=1 runs the tests' WebKit with its defaults.
 */
const WEBKIT_TEST_JSC_ENV = process.env.E2E_WEBKIT_WASM_OSR === '1' ? {} : { JSC_useWasmOSR: '0' };

/**
 * The environment of a WebKitWebDriver (and so of its MiniBrowsers and their web processes); `asShipped`:
 * JavaScriptCore's own defaults (the benchmarks measure WebKit as people get it).
 */
function webkitEnv(locale, asShipped) {
  return { ...(asShipped ? {} : WEBKIT_TEST_JSC_ENV), ...localeEnv(locale) };
}

async function launchWebKit(locale, asShipped) {
  const xvfb = await startXvfb();
  const driver = await startWebKitDriver({ display: xvfb.display, env: webkitEnv(locale, asShipped) }).catch(async (error) => {
    await xvfb.stop();
    throw error;
  });
  const sessions = new Set();
  // WebKitWebDriver holds one session at a time: a second page open at once (a shared link opened beside
  // its sender) gets a driver of its own, on the same display; idle drivers are reused.
  const drivers = [{ driver, busy: false }];
  const takeDriver = async () => {
    let entry = drivers.find((d) => !d.busy);
    if (!entry) {
      entry = { driver: await startWebKitDriver({ display: xvfb.display, env: webkitEnv(locale, asShipped) }), busy: false };
      drivers.push(entry);
    }
    entry.busy = true;
    return entry;
  };
  // Now and then WebKitWebDriver never answers the request that starts a MiniBrowser (a full run of the
  // suite lost a test to it after 150 s): a start that takes 30 s has hung, so that driver is replaced by a
  // fresh one and the session asked for once more. A test's own commands keep the long timeout.
  const SESSION_START_MS = 30_000;
  const openSession = async (entry) => {
    try {
      return await WebDriverSession.create(entry.driver.base, { timeout: SESSION_START_MS });
    } catch (error) {
      if (!/no answer/.test(error.message)) throw error;
      await entry.driver.stop();
      entry.driver = await startWebKitDriver({ display: xvfb.display, env: webkitEnv(locale, asShipped) });
      return WebDriverSession.create(entry.driver.base, { timeout: SESSION_START_MS });
    }
  };
  let version = 'WebKitGTK';
  return {
    engine: 'webkit',
    get version() {
      return version;
    },
    async newPage({ viewport }) {
      // A fresh session is a fresh MiniBrowser with an ephemeral profile: nothing shared between tests.
      const entry = await takeDriver();
      const session = await openSession(entry).catch((error) => {
        entry.busy = false;
        throw error;
      });
      sessions.add(session);
      await session.setTimeouts({ script: 120_000, pageLoad: 60_000 });
      const run = async (expression) => {
        const result = await session.executeAsync(asyncScript(expression));
        if (result && 'error' in result) throw new Error(`evaluate in WebKit: ${result.error}`);
        return result?.value;
      };
      const page = {
        native: session,
        goto: (url) => session.navigate(url),
        reload: () => session.refresh(),
        url: () => session.url(),
        title: () => session.title(),
        evaluate: run,
        async evaluateInFrame(selector, expression) {
          const frame = await session.executeAsync(
            `arguments[arguments.length - 1](document.querySelector(${JSON.stringify(selector)}))`,
          );
          if (!frame) throw new Error(`no frame at ${selector}`);
          await session.switchToFrame(frame);
          try {
            return await run(expression);
          } finally {
            await session.switchToFrame(null);
          }
        },
        mouseClick: (x, y) => pointerClick(session, 'mouse', x, y),
        tap: (x, y) => pointerClick(session, 'touch', x, y),
        async press(key) {
          const value = WEBDRIVER_KEYS[key] ?? key;
          if ([...value].length !== 1) throw new Error(`press: no WebDriver key for "${key}"`);
          await session.actions([
            { type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] },
          ]);
          await session.releaseActions();
        },
        async type(text) {
          const actions = [...text].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
          await session.actions([{ type: 'key', id: 'keyboard', actions }]);
          await session.releaseActions();
        },
        async screenshot({ fullPage }) {
          if (!fullPage) return session.screenshot();
          const root = await session.executeAsync(`arguments[arguments.length - 1](document.documentElement)`);
          return session.elementScreenshot(root);
        },
        async setViewport(width, height) {
          // The window has a toolbar: size it, measure the viewport, correct by the difference once.
          await session.setWindowRect({ width, height });
          const [innerWidth, innerHeight] = await run('[innerWidth, innerHeight]');
          if (innerWidth !== width || innerHeight !== height) {
            await session.setWindowRect({ width: 2 * width - innerWidth, height: 2 * height - innerHeight });
          }
          // The window manager applies a resize a moment later: wait for it (bounded) before judging.
          let gotWidth;
          let gotHeight;
          for (const deadline = Date.now() + 3_000; ; ) {
            [gotWidth, gotHeight] = await run('[innerWidth, innerHeight]');
            if ((gotWidth === width && gotHeight === height) || Date.now() > deadline) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          if (gotWidth !== width || gotHeight !== height) {
            throw new Error(`WebKit: MiniBrowser's window gives a ${gotWidth}x${gotHeight} viewport, not ${width}x${height} (its toolbar sets a minimum width)`);
          }
        },
        emulateMedia() {
          throw new Error('media emulation is driven through Chromium only in these tests');
        },
        addInitScript: null,
        on() {},
        async close() {
          sessions.delete(session);
          await session.close();
          entry.busy = false;
        },
      };
      await page.setViewport(viewport.width, viewport.height);
      version = `WebKitGTK ${session.capabilities?.browserVersion ?? ''}`.trim();
      return page;
    },
    async close() {
      await Promise.all([...sessions].map((session) => session.close()));
      await Promise.all(drivers.map((d) => d.driver.stop()));
      await xvfb.stop();
    },
  };
}
