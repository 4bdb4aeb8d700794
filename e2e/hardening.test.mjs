// Hostile input in the address never breaks the page: each malformed URL shows the `message`
// notice naming the culprit, falls back to the defaults, keeps the valid parameters, runs no script and
// never panics (withPage fails on any console error, page error, panic or CSP violation).
// Also: a panic is never silent (the `#panic-test` hook panics on purpose after the first render).

import assert from 'node:assert/strict';
import { openPage, serveDist, test, withPage } from './lib/harness.mjs';
import { value } from './view-helpers.mjs';

const DEFAULT_SERVERS = 3;

/** [query, the parameter the notice must name, what the valid rest must still do]. */
const MALFORMED = [
  ['servers=99999999999999999999999', 'servers', { servers: DEFAULT_SERVERS }],
  ['servers=-3&strategy=sticky', 'servers', { servers: DEFAULT_SERVERS, strategy: 'sticky' }],
  ['servers=0', 'servers', { servers: DEFAULT_SERVERS }],
  ['servers=4&strategy=bogus', 'strategy', { servers: 4, strategy: 'none' }],
  ['strategy=STORE%', 'strategy', { strategy: 'none' }],
  ['balancer=%E0%A4%A&servers=5', 'balancer', { servers: 5 }],
  ['users=%ZZ&servers=2', 'users', { servers: 2 }],
  ['seed=1e999&servers=6', 'seed', { servers: 6 }],
  ['speed=NaN&servers=2', 'speed', { servers: 2 }],
  ['speed=-5', 'speed', {}],
  ['ff=-1&strategy=cluster-all', 'ff', { strategy: 'cluster-all' }],
  ['ff=1e308', 'ff', {}],
  ['replication_lag_ms=-20&strategy=cluster-all', 'replication_lag_ms', { strategy: 'cluster-all' }],
  ['store_replica=maybe&strategy=store', 'store_replica', { strategy: 'store' }],
  ['lang=xx&servers=4', 'lang', { servers: 4 }],
  ['tour=16&servers=4', 'tour', { servers: 4 }],
  ['chart=pie&servers=4', 'chart', { servers: 4 }],
  [`strategy=${'x'.repeat(6000)}&servers=5`, 'strategy', { servers: 5 }],
  [`seed=${'9'.repeat(4000)}`, 'seed', {}],
  ['strategy=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E&servers=4', 'strategy', { servers: 4 }],
  ['lang=%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E', 'lang', {}],
  ['balancer=javascript:window.__pwned=1', 'balancer', {}],
];

async function serverCount(page) {
  return page.locator('[data-testid^="server-"]').evaluateAll(
    (nodes) => nodes.filter((n) => /^server-\d+$/.test(n.dataset.testid)).length,
  );
}

for (const [query, culprit, kept] of MALFORMED) {
  const label = query.length > 80 ? `${query.slice(0, 60)}… (${query.length} chars)` : query;
  test(`malformed URL ?${label} → notice naming ${culprit}, defaults, page works`, async (t) => {
    await withPage(t, { query: `${query}&paused=1` }, async (page) => {
      const notice = page.getByTestId('message');
      await notice.waitFor();
      assert.ok(await notice.isVisible(), 'the notice is visible');
      const named = await notice.locator('[data-param]').evaluateAll((items) => items.map((i) => i.dataset.param));
      assert.ok(named.includes(culprit), `notice names ${culprit}: ${named.join(', ')}`);
      assert.ok((await notice.innerText()).includes(culprit), 'the name is visible text');

      assert.equal(await serverCount(page), kept.servers ?? DEFAULT_SERVERS, 'servers');
      if (kept.strategy) assert.equal(await page.getByTestId('strategy').inputValue(), kept.strategy);
      // Nothing from the URL ran or became markup.
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator('img').count(), 0);

      // The page still works: a step moves the model clock, a control still acts.
      const before = await value(page, 'sim-time');
      await page.getByTestId('step').click();
      await page.waitForFunction(
        (t0) => Number(document.querySelector('[data-testid="sim-time"]').dataset.value) > t0,
        before,
      );
      const servers = await serverCount(page);
      await page.getByTestId('add-server').click();
      await page.getByTestId(`server-${servers}`).waitFor();
    });
  });
}

test('in Korean the notice still says exactly what was wrong', async (t) => {
  await withPage(t, { query: 'lang=ko&servers=65&paused=1' }, async (page) => {
    const item = page.getByTestId('message').locator('[data-param="servers"]');
    await item.waitFor();
    const text = await item.innerText();
    assert.match(text, /값이 올바르지 않습니다/, text);
    assert.match(text, /between 1 and 64, got "65"/, text);
    assert.equal(await item.locator('[lang=en]').count(), 1, 'the English reason is marked as English');
  });
});

test('a valid URL shows no notice', async (t) => {
  await withPage(t, { query: 'strategy=sticky&servers=4&users=12&lang=en&paused=1' }, async (page) => {
    assert.equal(await page.getByTestId('message').count(), 0);
    assert.equal(await serverCount(page), 4);
  });
});

test('a panic is never silent: notice, reload link at the same state, text in the console', async () => {
  const { baseUrl } = await serveDist();
  const ctx = await openPage({
    url: `${baseUrl}?servers=5&strategy=sticky&paused=1#panic-test`,
    ready: '[data-testid=panic]',
  });
  try {
    const notice = ctx.page.getByTestId('panic');
    assert.ok(await notice.isVisible());
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.match(await notice.innerText(), /went wrong/i);
    const href = await ctx.page.getByTestId('panic-reload').getAttribute('href');
    const reload = new URL(href);
    assert.equal(reload.origin + reload.pathname, baseUrl, 'reload stays on this page');
    assert.equal(reload.searchParams.get('servers'), '5', 'reload keeps the state');
    assert.equal(reload.hash, '', 'reload does not panic again');
    const panics = ctx.console.filter((m) => m.type === 'error' && m.text.includes('panicked'));
    assert.equal(panics.length, 1, 'the panic text went to the console once');
    assert.match(panics[0].text, /deliberate panic/);
    // Nothing else went wrong around it.
    const others = (await ctx.problems()).filter((p) => !p.includes('deliberate panic') && !/unreachable|RuntimeError/.test(p));
    assert.deepEqual(others, []);

    // Following the link brings the page back, working, at the same state.
    await ctx.page.goto(href);
    await ctx.page.getByTestId('server-4').waitFor();
    assert.equal(await ctx.page.getByTestId('panic').count(), 0);
  } finally {
    await ctx.close();
  }
});
