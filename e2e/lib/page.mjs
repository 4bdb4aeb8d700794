// The tests' view of a page, the same in every engine: a small subset of Playwright's Page and Locator API
// (the names the tests were first written with), implemented once over the driver interface of
// e2e/lib/browsers.mjs. Finding, waiting and reading happen inside the page through `evaluate`; clicks,
// taps and keys are real input events from the driver at the element's centre (after the same checks
// Playwright makes: exactly one element, visible, enabled, scrolled into view, and the element — or one of
// its descendants — is what is hit at that point).
//
//   page.getByTestId('add-server').click()           page.locator('.event-log').innerText()
//   locator.getAttribute / textContent / innerText / inputValue / isVisible / isDisabled / isEnabled /
//     boundingBox / count / evaluate(fn, arg) / evaluateAll(fn, arg) / allTextContents /
//     scrollIntoViewIfNeeded / blur
//   locator.waitFor({ state: 'visible' | 'attached' | 'detached' | 'hidden' })
//   locator.click() / tap() / focus() / fill(text) / press(key) / selectOption(value)
//   locator.first() / nth(i) / locator(css) / getByTestId(id)
//   page.evaluate(fn, arg) / waitForFunction(fn, arg, { timeout }) / keyboard.press(key) /
//     touchscreen.tap(x, y) / goto(url) / reload() / url() (async here) / title() / frameLocator(css) /
//     screenshot({ path, fullPage }) / setViewportSize({ width, height }) / emulateMedia(features)
//
// Functions given to evaluate run in the page: they may use only their argument (JSON) and the page's
// globals, as in Playwright.

import { writeFileSync } from 'node:fs';
import { drainRecords } from './recorder.mjs';

const POLL_MS = 30;
const NAVIGATED = /Execution context was destroyed|navigat|Cannot find context|detached|no such frame|JavaScript execution context/i;
// WebKitWebDriver now and then answers an evaluation with "Could not parse script result" (once in a
// full run, while a tour step played; the same test then passed six times in a row on its own). It is
// tried again like a navigation: a page that stays broken fails the same way after five seconds.
const TRANSIENT = /Could not parse script result/;

/** Runs in the page: the elements a chain of steps designates. */
function resolveSteps(steps) {
  let found = [document];
  for (const step of steps) {
    if ('nth' in step) {
      const index = step.nth < 0 ? found.length + step.nth : step.nth;
      found = found[index] ? [found[index]] : [];
      continue;
    }
    const selector = 'testId' in step ? `[data-testid="${CSS.escape(step.testId)}"]` : step.css;
    const next = [];
    for (const root of found) for (const element of root.querySelectorAll(selector)) if (!next.includes(element)) next.push(element);
    found = next;
  }
  return found;
}

/** Runs in the page: Playwright's notion of visible (a non-empty box, not visibility:hidden). */
function isVisibleElement(element) {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
}

/** Runs in the page: where a real click on `element` lands, or why it cannot land yet. */
function clickPoint(element) {
  if (!isVisibleElement(element)) return { wait: 'not visible' };
  if (element.disabled || element.closest('fieldset:disabled')) return { wait: 'disabled' };
  let box = element.getBoundingClientRect();
  const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
  if (!inside) {
    element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    box = element.getBoundingClientRect();
  }
  const x = box.left + box.width / 2;
  const y = box.top + box.height / 2;
  const hit = document.elementFromPoint(x, y);
  if (!hit || !(hit === element || element.contains(hit))) {
    const name = (node) => (node ? `<${node.tagName.toLowerCase()}${node.className?.baseVal ?? node.className ? ` class="${node.className?.baseVal ?? node.className}"` : ''}>` : 'nothing');
    return { wait: `${name(hit)} would receive the click` };
  }
  return { value: { x, y } };
}

const HELPERS = `const resolveSteps = ${resolveSteps}; const isVisibleElement = ${isVisibleElement}; const clickPoint = ${clickPoint};`;

function source(fn) {
  return typeof fn === 'function' ? fn.toString() : String(fn);
}

/** Playwright-compatible timeout error text, with what was being waited for. */
function timeoutError(what, timeout, last) {
  return new Error(`Timeout ${timeout}ms exceeded while waiting for ${what}${last ? ` (last: ${last})` : ''}`);
}

export class Page {
  /**
   * driver: a driver page (e2e/lib/browsers.mjs); preamble: script text run before every evaluation (WebKit:
   * the recorder, re-installed after any navigation); timeout: default for waits and actions; onRecords:
   * gets what the in-page recorder (e2e/lib/recorder.mjs) noted, handed over with every evaluation.
   */
  constructor(driver, { engine, preamble = '', timeout = 20_000, onRecords = null } = {}) {
    this.driver = driver;
    this.engine = engine;
    this.preamble = preamble;
    this.onRecords = onRecords;
    this.defaultTimeout = timeout;
    this.beforeNavigate = async () => {};
    this.keyboard = { press: (key) => driver.press(key) };
    this.touchscreen = { tap: (x, y) => driver.tap(x, y) };
  }

  /** The engine's own page object (Playwright Page, Puppeteer Page, WebDriver session): engine-specific tests only. */
  get native() {
    return this.driver.native;
  }

  async _eval(expression, frame = null) {
    const drain = this.onRecords && !frame ? `(${drainRecords})()` : 'null';
    const wrapped = `(() => { ${this.preamble} ${HELPERS}
      return Promise.resolve(${expression}).then((v) => ({ undef: v === undefined, v: v === undefined ? null : v, records: ${drain} })); })()`;
    let result;
    for (let attempt = 0; ; attempt += 1) {
      try {
        result = frame ? await this.driver.evaluateInFrame(frame, wrapped) : await this.driver.evaluate(wrapped);
        break;
      } catch (error) {
        // The page navigated under the evaluation (a link, the app's own navigation): as Playwright's
        // locators do, try again in the new document, for up to about five seconds.
        const message = String(error?.message);
        if (attempt >= 100 || !(NAVIGATED.test(message) || TRANSIENT.test(message))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    if (result.records) this.onRecords(result.records);
    return result.undef ? undefined : result.v;
  }

  /** fn(arg) in the page; a string is run as a script (e.g. a library that sets a global), giving undefined. */
  evaluate(fn, arg) {
    const expression =
      typeof fn === 'function' ? `(${source(fn)})(${JSON.stringify(arg ?? null)})` : `(() => {\n${fn}\n})()`;
    return this._eval(expression);
  }

  async waitForFunction(fn, arg, { timeout = this.defaultTimeout } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw timeoutError(`function ${source(fn).slice(0, 160)}`, timeout, JSON.stringify(value));
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  getByTestId(testId) {
    return new Locator(this, [{ testId }]);
  }

  locator(css) {
    return new Locator(this, [{ css }]);
  }

  /** Elements inside the (first) iframe matching `css`. */
  frameLocator(css) {
    return {
      getByTestId: (testId) => new Locator(this, [{ testId }], css),
      locator: (inner) => new Locator(this, [{ css: inner }], css),
    };
  }

  async goto(url) {
    await this.beforeNavigate();
    await this.driver.goto(url);
  }

  async reload() {
    await this.beforeNavigate();
    await this.driver.reload();
  }

  url() {
    return this.driver.url();
  }

  title() {
    return this.driver.title();
  }

  emulateMedia(features) {
    return this.driver.emulateMedia(features);
  }

  async setViewportSize({ width, height }) {
    await this.driver.setViewport(width, height);
  }

  async screenshot({ path, fullPage = false } = {}) {
    // Some of the page's panels have `content-visibility: auto` (static/app.css): drawn only near the
    // viewport, so an engine's whole-page capture would leave them blank. Draw every panel for the capture.
    if (fullPage) await this.driver.evaluate(drawAllPanels(true));
    try {
      const png = await this.driver.screenshot({ fullPage });
      if (path) writeFileSync(path, png);
      return png;
    } finally {
      if (fullPage) await this.driver.evaluate(drawAllPanels(false));
    }
  }
}

/** Script: every <section> drawn whether near the viewport or not (`all`), or back to the style sheet's rule. */
function drawAllPanels(all) {
  return `document.querySelectorAll('section').forEach((s) => { s.style.contentVisibility = '${all ? 'visible' : ''}'; })`;
}

export class Locator {
  constructor(page, steps, frame = null) {
    this.page = page;
    this.steps = steps;
    this.frame = frame;
  }

  toString() {
    const chain = this.steps.map((s) => ('testId' in s ? `getByTestId(${s.testId})` : 'nth' in s ? `nth(${s.nth})` : `locator(${s.css})`));
    return (this.frame ? `frame ${this.frame} ` : '') + chain.join('.');
  }

  _with(step) {
    return new Locator(this.page, [...this.steps, step], this.frame);
  }

  getByTestId(testId) {
    return this._with({ testId });
  }

  locator(css) {
    return this._with({ css });
  }

  first() {
    return this._with({ nth: 0 });
  }

  last() {
    return this._with({ nth: -1 });
  }

  nth(index) {
    return this._with({ nth: index });
  }

  /** Run fn(elements, arg) in the page. */
  _all(fn, arg) {
    return this.page._eval(`(${source(fn)})(resolveSteps(${JSON.stringify(this.steps)}), ${JSON.stringify(arg ?? null)})`, this.frame);
  }

  /**
   * Run fn(element, arg) in the page on the one element this locator designates, waiting (up to the
   * timeout) while there is none or fn answers { wait: reason }; fn answers { value } when done.
   */
  async _one(fn, arg, { timeout = this.page.defaultTimeout, what = 'the element' } = {}) {
    const deadline = Date.now() + timeout;
    const run = `(elements, arg) => {
      if (elements.length === 0) return { wait: 'no element' };
      if (elements.length > 1) return { strict: elements.length };
      return (${source(fn)})(elements[0], arg);
    }`;
    for (;;) {
      const answer = await this._all(run, arg);
      if (answer.strict) throw new Error(`strict mode violation: ${this} resolved to ${answer.strict} elements`);
      if (!('wait' in answer)) return answer.value;
      if (Date.now() > deadline) throw timeoutError(`${what} of ${this}`, timeout, answer.wait);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  _read(fn, arg, what) {
    return this._one(`(element, arg) => ({ value: (${source(fn)})(element, arg) })`, arg, { what });
  }

  count() {
    return this._all((elements) => elements.length);
  }

  async waitFor({ state = 'visible', timeout = this.page.defaultTimeout } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const states = await this._all((elements) => elements.map((e) => isVisibleElement(e)));
      if (states.length > 1 && state !== 'detached') {
        throw new Error(`strict mode violation: ${this} resolved to ${states.length} elements`);
      }
      const done = {
        attached: states.length === 1,
        visible: states.length === 1 && states[0],
        detached: states.length === 0,
        hidden: states.length === 0 || !states[0],
      }[state];
      if (done === undefined) throw new Error(`waitFor: unknown state ${state}`);
      if (done) return;
      if (Date.now() > deadline) throw timeoutError(`${this} to be ${state}`, timeout, `${states.length} element(s)`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  getAttribute(name) {
    return this._read((element, attribute) => element.getAttribute(attribute), name, `attribute ${name}`);
  }

  textContent() {
    return this._read((element) => element.textContent, null, 'text');
  }

  innerText() {
    return this._read((element) => element.innerText, null, 'inner text');
  }

  inputValue() {
    return this._read((element) => element.value, null, 'input value');
  }

  async isVisible() {
    const states = await this._all((elements) => elements.map((e) => isVisibleElement(e)));
    if (states.length > 1) throw new Error(`strict mode violation: ${this} resolved to ${states.length} elements`);
    return states[0] === true;
  }

  isDisabled() {
    return this._read((element) => Boolean(element.disabled), null, 'disabled state');
  }

  async isEnabled() {
    return !(await this.isDisabled());
  }

  /** As Playwright's: the box even when it is flat (a vertical line), null when nothing is rendered. */
  boundingBox() {
    return this._read((element) => {
      if (element.getClientRects().length === 0) return null;
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    }, null, 'bounding box');
  }

  scrollIntoViewIfNeeded() {
    return this._read((element) => element.scrollIntoView({ block: 'nearest', inline: 'nearest' }), null, 'scroll');
  }

  blur() {
    return this._read((element) => element.blur(), null, 'blur');
  }

  evaluate(fn, arg) {
    return this._read(fn, arg, 'evaluation');
  }

  evaluateAll(fn, arg) {
    return this._all(fn, arg);
  }

  allTextContents() {
    return this._all((elements) => elements.map((element) => element.textContent));
  }

  focus() {
    return this._read((element) => element.focus(), null, 'focus');
  }

  /** The viewport point of the top page where a click on this element lands. */
  async _point() {
    // As Playwright does, only a point that holds still across two animation frames: a scroll still
    // pending (WebKit scrolls a field that has just been focused into view a moment later) would move
    // the element away from where the click lands. Bounded: 20 tries.
    let point = await this._one(clickPoint.name, null, { what: 'a clickable point' });
    for (let tries = 0; tries < 20; tries++) {
      await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const again = await this._one(clickPoint.name, null, { what: 'a clickable point' });
      if (again.x === point.x && again.y === point.y) break;
      point = again;
    }
    if (!this.frame) return point;
    const offset = await this.page.evaluate((css) => {
      const frame = document.querySelector(css);
      const box = frame.getBoundingClientRect();
      return { x: box.left + frame.clientLeft, y: box.top + frame.clientTop };
    }, this.frame);
    return { x: point.x + offset.x, y: point.y + offset.y };
  }

  /** A real mouse click at the element's centre. */
  async click() {
    const { x, y } = await this._point();
    await this.page.driver.mouseClick(x, y);
  }

  /** A touch tap (touch input, not a mouse) at the element's centre. */
  async tap() {
    const { x, y } = await this._point();
    await this.page.driver.tap(x, y);
  }

  /**
   * Like Playwright's fill: focus, empty, then type the text with the keyboard, so that the engine sees a
   * user's edit (Firefox fires `change` on blur only after one).
   */
  async fill(text) {
    // Inputs that take no typing (a range, a colour, a date) get their value set and `input` and `change`
    // fired, as Playwright does.
    const set = await this._one((element, value) => {
      if (element.disabled) return { wait: 'disabled' };
      if (!['range', 'color', 'date', 'time', 'datetime-local', 'month', 'week'].includes(element.type)) return { value: false };
      element.value = value;
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
      return { value: true };
    }, String(text), { what: 'fill' });
    if (set) return;
    await this._one((element) => {
      if (element.disabled) return { wait: 'disabled' };
      element.focus();
      element.value = '';
      element.dispatchEvent(new Event('input', { bubbles: true }));
      return { value: null };
    }, null, { what: 'fill' });
    await this.page.driver.type(text);
  }

  async press(key) {
    await this.focus();
    await this.page.keyboard.press(key);
  }

  /** Like Playwright's selectOption: choose by value or label, fire `input` and `change`. */
  selectOption(choice) {
    return this._one((element, wanted) => {
      if (element.disabled) return { wait: 'disabled' };
      const option = [...element.options].find((o) => o.value === wanted || o.label === wanted);
      if (!option) return { wait: `no option ${wanted}` };
      element.value = option.value;
      element.dispatchEvent(new Event('input', { bubbles: true }));
      element.dispatchEvent(new Event('change', { bubbles: true }));
      return { value: [option.value] };
    }, String(choice), { what: `option ${choice}` });
  }
}
