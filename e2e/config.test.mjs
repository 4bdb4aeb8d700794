// The `config` panel: the real configuration of the page's current setup, in the page's
// language, exactly as `sessionscope-sim config` prints it for the same scenario.

import assert from 'node:assert/strict';
import { test, withPage, runSim } from './lib/harness.mjs';

/** What the runner prints for `scenario` (an object of scenario keys) in `format` and `lang`. */
function printed(scenario, format, lang) {
  const out = runSim(['config', '-', '--format', format, '--lang', lang], { input: JSON.stringify(scenario) });
  assert.equal(out.status, 0, `sessionscope-sim config: ${out.stderr}`);
  return out.stdout;
}

/** The panel's text once it equals `expected` (it redraws on the next frame after a change). */
async function waitForText(page, expected) {
  try {
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="config-text"]')?.textContent === want,
      expected,
      { timeout: 10_000 },
    );
  } catch {
    // Show the difference rather than a timeout.
    assert.equal(await page.getByTestId('config-text').textContent(), expected);
  }
  return page.getByTestId('config-text').textContent();
}

for (const lang of ['en', 'ko']) {
  test(`config panel (${lang}): the runner's text for the current setup, following strategy and balancer`, async (t) => {
    const base = { servers: 3, users: 6 };
    await withPage(t, { query: { ...base, paused: 1, lang }, viewport: { width: 1280, height: 720 } }, async (page, ctx) => {
      const panel = page.getByTestId('config');
      await panel.waitFor();
      assert.equal(await page.getByTestId('config-format').inputValue(), 'nginx');

      // Round robin, nothing shared: an upstream with no balancing directive, no route cookie.
      let text = await waitForText(page, printed({ ...base, strategy: 'none', balancer: 'round-robin' }, 'nginx', lang));
      assert.match(text, /upstream app \{/);
      assert.doesNotMatch(text, /ip_hash;|least_conn;|\$cookie_route/);
      if (lang === 'ko') assert.match(text, /[\uac00-\ud7a3]/, 'comments in Korean');
      else assert.doesNotMatch(text, /[\uac00-\ud7a3]/, 'comments in English');

      // IP hash as the balancer.
      await page.getByTestId('balancer').selectOption('ip-hash');
      text = await waitForText(page, printed({ ...base, strategy: 'none', balancer: 'ip-hash' }, 'nginx', lang));
      assert.match(text, /^\s+ip_hash;$/m);

      // Sticky (by cookie, the default): nginx routes by a route cookie, HAProxy inserts SERVERID.
      await page.getByTestId('strategy').selectOption('sticky');
      const sticky = { ...base, strategy: 'sticky', balancer: 'ip-hash' };
      text = await waitForText(page, printed(sticky, 'nginx', lang));
      assert.match(text, /map \$cookie_route \$route_upstream \{/);
      await page.getByTestId('config-format').selectOption('haproxy');
      text = await waitForText(page, printed(sticky, 'haproxy', lang));
      assert.match(text, /^\s+cookie SERVERID insert indirect nocache$/m);
      assert.match(text, /^\s+server appC 10\.0\.0\.13:8080 check inter 2s fall 3 rise 2 cookie appC$/m);
      await panel.scrollIntoViewIfNeeded();
      await ctx.screenshot(`config-panel-haproxy-${lang}`);

      // A cluster: Tomcat's BackupManager; adding a server changes every file's server list.
      await page.getByTestId('strategy').selectOption('cluster-backup');
      await page.getByTestId('config-format').selectOption('tomcat');
      text = await waitForText(page, printed({ ...base, strategy: 'cluster-backup', balancer: 'ip-hash' }, 'tomcat', lang));
      assert.match(text, /org\.apache\.catalina\.ha\.session\.BackupManager/);
      await page.getByTestId('add-server').click();
      await page.getByTestId('config-format').selectOption('haproxy');
      text = await waitForText(
        page,
        printed({ ...base, servers: 4, strategy: 'cluster-backup', balancer: 'ip-hash' }, 'haproxy', lang),
      );
      assert.match(text, /^\s+server appD 10\.0\.0\.14:8080 /m);

      // The store: Spring Session on Redis, and redis.conf that never evicts a session.
      await page.getByTestId('strategy').selectOption('store');
      const store = { ...base, servers: 4, strategy: 'store', balancer: 'ip-hash' };
      await page.getByTestId('config-format').selectOption('spring-session');
      text = await waitForText(page, printed(store, 'spring-session', lang));
      assert.match(text, /^spring\.session\.redis\.flush-mode=on-save$/m);
      await page.getByTestId('config-format').selectOption('redis');
      text = await waitForText(page, printed(store, 'redis', lang));
      assert.match(text, /^maxmemory-policy noeviction$/m);
      await panel.scrollIntoViewIfNeeded();
      await ctx.screenshot(`config-panel-redis-${lang}`);

      // Copy: the status line says so (the clipboard itself may be refused in a headless browser).
      await page.getByTestId('config-copy').click();
      await page.waitForFunction(() => /\S/.test(document.querySelector('[data-testid=config] .copied')?.textContent ?? ''));
    });
  });
}
