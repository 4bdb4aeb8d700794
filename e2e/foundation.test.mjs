// The foundation a person relies on before any feature: the page loads and draws the topology, a control
// works, nothing goes wrong in the console, nothing is fetched from elsewhere, the strict security policy
// holds, the site works under a sub-path and as one file from disk, and the page's simulation agrees with
// the headless runner.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, REPO_ROOT, offlineUrl, openPage, runSim, serveDist, test, waitForDataValue, withPage } from './lib/harness.mjs';
import { serveDirectory } from './lib/server.mjs';
import { wholePageDrawn } from './lib/app-drawn.mjs';
import { readLeb } from '../scripts/lib/wasm-imports.mjs';

const SERVERS = '[data-testid^="server-"]';

/** The server handles (server-0, server-1, …; not other handles that merely start with "server-"). */
async function serverIds(page) {
  const ids = await page.locator(SERVERS).evaluateAll((nodes) => nodes.map((node) => node.dataset.testid));
  return ids.filter((id) => /^server-\d+$/.test(id));
}

/**
 * A copy of the built site in e2e/out/<dirName> whose glue module is `glue(name)` instead (the real glue
 * stays beside it as `real-<name>`). The page's integrity hashes are dropped, since the glue's text changes.
 */
function siteWithGlue(dirName, glue) {
  const dir = join(REPO_ROOT, 'e2e/out', dirName);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(DIST)) {
    const text = readFileSync(join(DIST, name));
    if (name === 'index.html') writeFileSync(join(dir, name), text.toString('utf8').replace(/ integrity="[^"]*"/g, ''));
    else if (name.endsWith('.js')) {
      writeFileSync(join(dir, `real-${name}`), text);
      writeFileSync(join(dir, name), glue(name));
    } else writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('the page loads with its title and draws the balancer and servers', async (t) => {
  await withPage(t, {}, async (page, ctx) => {
    assert.equal(await page.title(), 'SessionScope');
    const topology = page.getByTestId('topology');
    assert.equal(await topology.evaluate((node) => node.tagName.toLowerCase()), 'svg');
    await page.getByTestId('lb').waitFor();
    await page.getByTestId('server-0').waitFor();
    const ids = await serverIds(page);
    assert.ok(ids.length >= 1, `expected servers, found ${ids}`);
    // Numbered from 0 without gaps.
    assert.deepEqual([...ids].sort(), ids.map((_, i) => `server-${i}`).sort());
    for (const id of ['lb', ...ids]) {
      assert.match((await page.getByTestId(id).getAttribute('data-state')) ?? '', /^(up|down)$/, id);
    }
    // The topology really occupies space on screen.
    const box = await topology.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 50, `topology box ${JSON.stringify(box)}`);
    // Not even a warning (Chromium warns, for one, about a preload the page does not use soon).
    const warnings = ctx.console.filter((m) => m.type === 'warning');
    assert.deepEqual(warnings, [], 'console warnings on a plain load');
    await ctx.screenshot('foundation-loaded');
  });
});

test('a loading screen shows until the wasm arrives, and the app takes its place', async (t) => {
  // The same site, except that its glue module never finishes loading the wasm: what a slow phone shows
  // for a second or more.
  const held = await serveDirectory(siteWithGlue('loading-held', () => 'export default () => new Promise(() => {});\n'));
  try {
    await withPage(t, { url: held.baseUrl, ready: '#loading-screen' }, async (page, ctx) => {
      assert.equal(await page.locator('#loading-screen h1').textContent(), 'SessionScope');
      const note = page.locator('#loading-screen .loading-note');
      await note.waitFor();
      assert.match(await note.textContent(), /Loading the lab/);
      assert.equal(await page.locator('.tagline').count(), 2, 'both languages\' taglines');
      await ctx.screenshot('foundation-loading');
    });
  } finally {
    await held.close();
  }
  await withPage(t, {}, async (page) => {
    assert.equal(await page.locator('#loading-screen').count(), 0, 'the loading screen is gone');
    assert.equal(await page.locator('main').count(), 1);
    assert.equal(await page.locator('h1').count(), 1);
  });
});

test('the lab draws itself in parts, the picture first, and nothing already drawn moves', async (t) => {
  // The same site, except that the glue's start waits for the test's signal: an observer is in place
  // before the app draws anything.
  const held = await serveDirectory(
    siteWithGlue(
      'drawing-held',
      (name) =>
        `import start from './real-${name}';\nexport * from './real-${name}';\n` +
        'export default (...args) => new Promise((resolve) => { window.__startApp = () => resolve(start(...args)); });\n',
    ),
  );
  try {
    // Two columns, and one (below 980 px; WebKit's MiniBrowser is at least 447 px wide).
    for (const viewport of [{ width: 1280, height: 720 }, { width: 480, height: 860 }]) {
      await withPage(t, { url: held.baseUrl, ready: '#loading-screen', viewport }, async (page) => {
        await page.waitForFunction(() => typeof window.__startApp === 'function');
        await page.evaluate(() => {
          // Each part: the observer's batch (mutations are reported once per task or microtask
          // checkpoint) and where it was when it first appeared.
          const parts = {
            picture: '[data-testid=topology]',
            readouts: 'section.metrics',
            controls: 'section.controls',
            log: 'section.event-log',
            legend: 'section.legend',
            config: '[data-testid=config]',
          };
          // Where it starts, as a layout shift is measured. (Its width may change once: a classic
          // scrollbar appears when the page grows taller than the window, as it does at load in any case.)
          const where = (el) => {
            const r = el.getBoundingClientRect();
            return [r.left, r.top].map(Math.round);
          };
          window.__parts = {};
          let batch = 0;
          new MutationObserver(() => {
            batch += 1;
            for (const [name, css] of Object.entries(parts)) {
              const el = document.querySelector(css);
              if (el && !(name in window.__parts)) window.__parts[name] = { batch, at: where(el) };
            }
          }).observe(document.body, { childList: true, subtree: true });
          window.__where = () =>
            Object.fromEntries(Object.entries(parts).map(([name, css]) => [name, where(document.querySelector(css))]));
          window.__startApp();
        });
        await page.getByTestId('topology').waitFor({ state: 'attached' });
        await page.waitForFunction(wholePageDrawn);
        const parts = await page.evaluate(() => window.__parts);
        const label = `${viewport.width}x${viewport.height}`;
        assert.deepEqual(Object.keys(parts).sort(), ['config', 'controls', 'legend', 'log', 'picture', 'readouts'], label);
        const batch = (name) => parts[name].batch;
        assert.ok(batch('picture') < batch('readouts'), `${label}: the picture before the read-outs ${JSON.stringify(parts)}`);
        assert.equal(batch('readouts'), batch('config'), `${label}: the read-outs and the configuration together`);
        assert.ok(batch('readouts') < batch('controls'), `${label}: the read-outs before the controls ${JSON.stringify(parts)}`);
        assert.equal(batch('controls'), batch('log'), `${label}: the controls and the log together`);
        assert.equal(batch('controls'), batch('legend'), `${label}: the controls and the legend together`);
        // Each part was appended below or beside what was there: none of them has moved since it appeared.
        const now = await page.evaluate(() => window.__where());
        for (const [name, { at }] of Object.entries(parts)) {
          assert.deepEqual(now[name], at, `${label}: ${name} moved after it was drawn`);
        }
      });
    }
  } finally {
    await held.close();
  }
});

test('the add-server control adds the next server, drawn up', async (t) => {
  await withPage(t, {}, async (page) => {
    const before = (await serverIds(page)).length;
    await page.getByTestId('add-server').click();
    const added = page.getByTestId(`server-${before}`);
    await added.waitFor();
    assert.equal(await added.getAttribute('data-state'), 'up');
    assert.equal((await serverIds(page)).length, before + 1);
  });
});

test('the page ships a strict Content-Security-Policy', async (t) => {
  await withPage(t, {}, async (page) => {
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(policy, 'no CSP meta tag');
    const directives = Object.fromEntries(
      policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]),
    );
    assert.deepEqual(directives['default-src'], ["'self'"]);
    assert.ok(directives['script-src'].includes("'wasm-unsafe-eval'"));
    assert.ok(directives['script-src'].some((source) => source.startsWith("'sha256-")), 'loader hash');
    assert.deepEqual(directives['connect-src'], ["'self'"]);
    assert.ok(!policy.includes("'unsafe-inline'") && !policy.includes("'unsafe-eval'"), policy);
    assert.ok(!policy.includes('frame-ancestors'), 'embedding in slides must stay possible');
  });
});

test('the harness notices CSP violations, console errors, panics and exceptions (so clean means clean)', async () => {
  const ctx = await openPage({});
  try {
    assert.deepEqual(await ctx.problems(), []);
    await ctx.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
      console.error('harness self-check error');
      console.log("panicked at src/model/mod.rs:1:1: harness self-check");
      setTimeout(() => {
        throw new Error('harness self-check exception');
      });
    });
    const expected = ['CSP violation', 'console error: harness self-check error', 'panic in console', 'page error'];
    let problems = [];
    await assertEventually(
      async () => {
        problems = await ctx.problems();
        return expected.every((start) => problems.some((problem) => problem.startsWith(start)));
      },
      () => `not all noticed: ${problems.join(' | ')}`,
    );
    assert.equal(await ctx.page.evaluate(() => window.injected), undefined, 'the inline script ran');
    await assert.rejects(ctx.assertClean(), /problem\(s\):/);
  } finally {
    await ctx.close();
  }
});

test('the site works under a sub-path, with relative asset URLs only', async (t) => {
  const prefix = '/course/sessionscope/';
  const server = await serveDist({ prefix });
  await withPage(t, { prefix }, async (page) => {
    await page.getByTestId('server-0').waitFor();
    const before = (await serverIds(page)).length;
    await page.getByTestId('add-server').click();
    await page.getByTestId(`server-${before}`).waitFor();
  });
  const outside = server.requests.filter((path) => !path.startsWith(prefix));
  assert.deepEqual(outside, [], 'requests outside the sub-path');
  assert.ok(server.requests.some((path) => path.endsWith('.wasm')), 'the wasm came from under the sub-path');
});

test('the page works inside an iframe of another origin (slides embed it)', async (t) => {
  const site = await serveDist();
  // The slide deck: another origin on loopback (localhost vs 127.0.0.1). A data: or public page may not
  // frame a loopback address at all in Chromium (local network access), so it must be served too.
  const deckDir = join(REPO_ROOT, 'e2e/out/embed-host');
  mkdirSync(deckDir, { recursive: true });
  writeFileSync(
    join(deckDir, 'index.html'),
    `<!DOCTYPE html><title>slides</title><link rel="icon" href="data:,"><iframe src="${site.baseUrl}" width="960" height="540"></iframe>`,
  );
  const deck = await serveDirectory(deckDir);
  try {
    const deckUrl = deck.baseUrl.replace('127.0.0.1', 'localhost');
    await withPage(t, { url: deckUrl, ready: null, allowOrigins: [site.origin] }, async (page) => {
      const frame = page.frameLocator('iframe');
      await frame.getByTestId('server-0').waitFor();
      await frame.getByTestId('add-server').click();
      await frame.getByTestId('server-1').waitFor();
    });
  } finally {
    await deck.close();
  }
});

test('dist/offline.html works from file:// as one self-contained file', async (t) => {
  const html = readFileSync(join(DIST, 'offline.html'), 'utf8');
  assert.doesNotMatch(html, /\b(?:src|href)="(?!data:|#)[^"]+"/, 'a reference to another file');
  await withPage(t, { url: offlineUrl() }, async (page, ctx) => {
    assert.equal(await page.title(), 'SessionScope');
    await page.getByTestId('server-0').waitFor();
    const before = (await serverIds(page)).length;
    await page.getByTestId('add-server').click();
    await page.getByTestId(`server-${before}`).waitFor();
    assert.deepEqual(
      ctx.requests.filter((url) => !url.startsWith('data:')),
      [offlineUrl()],
      'the offline page requested more than itself',
    );
    await ctx.screenshot('foundation-offline');
  });
});

test('the release build is size-optimised and complete', () => {
  const files = readdirSync(DIST);
  const wasm = files.filter((name) => name.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `wasm files: ${wasm}`);
  assert.ok(files.some((name) => name.endsWith('.css')), 'stylesheet');
  // wasm-bindgen's output keeps a "name" custom section; wasm-opt (what makes the file small) drops it.
  const bytes = readFileSync(join(DIST, wasm[0]));
  assert.equal(bytes.subarray(0, 4).toString('latin1'), '\0asm');
  assert.ok(!customSections(bytes).includes('name'), 'the wasm was not run through wasm-opt');
  assert.ok(statSync(join(DIST, wasm[0])).size < 2_000_000);
  // scripts/lib/wasm-imports.mjs gave the glue's imports short names, in the wasm and in the glue alike.
  const glue = readFileSync(join(DIST, wasm[0].replace(/_bg\.wasm$/, '.js')), 'utf8');
  for (const [where, text] of [['wasm', bytes.toString('latin1')], ['glue', glue]]) {
    assert.ok(!/__wbg_\w+_[0-9a-f]{16}/.test(text), `the ${where} still names an import by its long name`);
    assert.ok(!text.includes('sessionscope_bg.js'), `the ${where} still names the glue module`);
  }
});

const SELFTEST = join(REPO_ROOT, 'tests/fixtures/selftest.json');

function sourceMentions(text, dir = join(REPO_ROOT, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory()
      ? sourceMentions(text, join(dir, entry.name))
      : entry.name.endsWith('.rs') && readFileSync(join(dir, entry.name), 'utf8').includes(text),
  );
}

test('the page computes the same self-test hash as the headless runner', async (t) => {
  if (!existsSync(SELFTEST)) {
    t.skip('tests/fixtures/selftest.json does not exist yet (scenario work)');
    return;
  }
  if (!sourceMentions('selftest-hash')) {
    t.skip('the page has no selftest-hash read-out yet (view work)');
    return;
  }
  const sim = runSim(['hash', SELFTEST]);
  assert.equal(sim.status, 0, `sessionscope-sim hash failed: ${sim.stderr}`);
  // The runner prints {"history_hash": "<16 hex digits>"}; the page shows the same digits in data-value.
  const expected = JSON.parse(sim.stdout).history_hash;
  assert.match(expected ?? '', /^[0-9a-f]{16}$/, `runner output: ${sim.stdout}`);
  await withPage(t, { query: { selftest: 1 }, ready: '[data-testid=selftest-hash]' }, async (page) => {
    assert.equal(await waitForDataValue(page, 'selftest-hash'), expected);
  });
});

async function assertEventually(condition, message, { timeoutMs = 5000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(message());
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Names of the custom sections of a wasm module. */
function customSections(bytes) {
  const leb = (offset) => readLeb(bytes, offset);
  const names = [];
  for (let offset = 8; offset < bytes.length; ) {
    const id = bytes[offset];
    const [size, body] = leb(offset + 1);
    if (id === 0) {
      const [length, start] = leb(body);
      names.push(bytes.subarray(start, start + length).toString('utf8'));
    }
    offset = body + size;
  }
  return names;
}
