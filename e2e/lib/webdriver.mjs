// WebKit for the end-to-end tests: WebKitGTK's `WebKitWebDriver` driving its MiniBrowser on a private Xvfb
// display, spoken to in plain W3C WebDriver over HTTP (no client library exists for it on npm that needs no
// download). Everything here is started by process id and stopped by process id.
//
// MiniBrowser has no headless switch and fails with "cannot open display" without an X server, hence Xvfb.
// `Xvfb -displayfd` picks a free display number itself and writes it to the given descriptor, so parallel
// test processes never race for a display.

import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';
const STARTUP_MS = 20_000;

const children = new Set();
// A test process that ends without closing its browser (a crash, an uncaught error) still stops its
// Xvfb and WebKitWebDriver: by process id, synchronously, on the way out.
process.once('exit', () => {
  for (const child of children) {
    try {
      process.kill(child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});
// A signal (the test runner's timeout, Ctrl-C) ends the process through 'exit', so the above runs too.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

async function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Start Xvfb on a display it picks itself; resolves to { display: ':N', stop() }. */
export async function startXvfb({ width = 1920, height = 1200 } = {}) {
  const child = track(
    spawn('Xvfb', ['-displayfd', '3', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    }),
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb printed no display within ${STARTUP_MS} ms: ${stderr}`)), STARTUP_MS);
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${out.trim()}`);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${stderr}`)));
  });
  return { display, pid: child.pid, stop: () => stop(child) };
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

class WebDriverError extends Error {}

// No WebDriver command of the tests takes this long; a browser that died mid-command must not hang the run.
const COMMAND_TIMEOUT_MS = 150_000;

async function request(base, method, path, body, timeout = COMMAND_TIMEOUT_MS) {
  const response = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeout),
  }).catch((error) => {
    throw new WebDriverError(`WebDriver ${method} ${path}: ${error.name === 'TimeoutError' ? `no answer in ${timeout} ms` : error.message}`);
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new WebDriverError(`WebDriver ${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok || json?.value?.error) {
    const { error, message } = json.value ?? {};
    throw new WebDriverError(`WebDriver ${method} ${path}: ${error ?? response.status}: ${message ?? text.slice(0, 200)}`);
  }
  return json.value;
}

/**
 * WebKitWebDriver on a free loopback port, its browsers on `display`. `env` adds to the driver's (and so
 * MiniBrowser's) environment, e.g. { LANGUAGE: 'ko' } for a Korean navigator.language.
 */
export async function startWebKitDriver({ display, env = {} }) {
  for (let attempt = 0; ; attempt += 1) {
    const port = await freePort();
    const child = track(
      spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
        env: { ...process.env, ...env, DISPLAY: display },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + STARTUP_MS;
    while (child.exitCode === null && Date.now() < deadline) {
      try {
        await request(base, 'GET', '/status');
        return { base, pid: child.pid, stop: () => stop(child) };
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await stop(child);
    // Another process may have taken the port between freePort() and the driver's bind: try once more.
    if (attempt >= 2) throw new Error(`WebKitWebDriver did not answer on ${base}: ${stderr}`);
  }
}

/** One WebDriver session (one MiniBrowser window): the few commands the harness needs. */
export class WebDriverSession {
  /** A new session; `timeout` bounds the start of its MiniBrowser (seconds when it works). */
  static async create(base, { timeout = COMMAND_TIMEOUT_MS } = {}) {
    const { sessionId, capabilities } = await request(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          pageLoadStrategy: 'normal',
        },
      },
    }, timeout);
    return new WebDriverSession(base, sessionId, capabilities);
  }

  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  cmd(method, path = '', body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  navigate(url) {
    return this.cmd('POST', '/url', { url });
  }

  url() {
    return this.cmd('GET', '/url');
  }

  refresh() {
    return this.cmd('POST', '/refresh', {});
  }

  title() {
    return this.cmd('GET', '/title');
  }

  /** Runs `script` (a function body; `arguments` as usual, the last one is the callback). */
  executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  actions(actions) {
    return this.cmd('POST', '/actions', { actions });
  }

  releaseActions() {
    return this.cmd('DELETE', '/actions');
  }

  setWindowRect(rect) {
    return this.cmd('POST', '/window/rect', rect);
  }

  setTimeouts(timeouts) {
    return this.cmd('POST', '/timeouts', timeouts);
  }

  async screenshot() {
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  async elementScreenshot(element) {
    return Buffer.from(await this.cmd('GET', `/element/${element[ELEMENT_KEY]}/screenshot`), 'base64');
  }

  /** Switch into the frame `element` (a WebDriver element reference), or back to the top with null. */
  switchToFrame(element) {
    return this.cmd('POST', '/frame', { id: element });
  }

  close() {
    return this.cmd('DELETE').catch(() => {});
  }
}
