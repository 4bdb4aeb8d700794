// The visualiser: the model's numbers reach the page through the CONTRACT handles, the controls
// and the nodes send commands that change them, and the page stays free of console errors throughout
// (withPage fails the test otherwise). Also writes screenshots of the main states to e2e/out/screenshots.

import assert from 'node:assert/strict';
import { test, withPage } from './lib/harness.mjs';
import { fittedSmallest } from './lib/text-size.mjs';
import { PHONE_WIDTH, value, waitForAbove, waitForSimTime } from './view-helpers.mjs';

test('nothing shared on three servers: mismatches are counted, and switching to the store stops new ones', async (t) => {
  await withPage(t, { query: 'strategy=none&servers=3&ff=120&speed=10' }, async (page, ctx) => {
    assert.ok((await value(page, 'sim-time')) >= 120_000, 'fast-forwarded to 120 s');
    const mismatches = await value(page, 'metric-mismatches');
    assert.ok(mismatches > 0, `mismatches after 120 s without sharing: ${mismatches}`);
    assert.ok((await value(page, 'metric-relogins')) > 0, 'a mismatch sends the user back to login');
    await ctx.screenshot('strategy-none');

    await page.getByTestId('strategy').selectOption('store');
    await page.getByTestId('store').waitFor();
    assert.equal(await page.getByTestId('store').getAttribute('data-state'), 'up');
    const switchedAt = await value(page, 'sim-time');
    // Requests already answered before the switch may still be on their way back: let them land.
    await waitForSimTime(page, switchedAt + 5_000);
    const settled = await value(page, 'metric-mismatches');
    const requestsBefore = await value(page, 'metric-requests');
    await waitForSimTime(page, switchedAt + 25_000);
    assert.ok((await value(page, 'metric-requests')) > requestsBefore + 20, 'traffic kept flowing');
    assert.equal(await value(page, 'metric-mismatches'), settled, 'no new mismatch with the session store');
  });
});

test('crashing a server under sticky sessions forces re-logins, and the server is drawn down', async (t) => {
  await withPage(t, { query: 'strategy=sticky&servers=3&ff=30&speed=10' }, async (page, ctx) => {
    const relogins = await value(page, 'metric-relogins');
    const server = page.getByTestId('server-1');
    assert.equal(await server.getAttribute('data-state'), 'up');
    await server.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'down');
    await waitForAbove(page, 'metric-relogins', relogins);
    await waitForAbove(page, 'metric-sessions-lost', 0);
    await ctx.screenshot('sticky-crash');
    // Activating a down server restarts it.
    await server.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'up');
  });
});

test('a crashed server\'s state word sits under its crossed-out sessions, and the legend explains the line under a user', async (t) => {
  await withPage(t, { query: 'strategy=sticky&servers=3&ff=30&paused=1' }, async (page) => {
    const server = page.getByTestId('server-1');
    await server.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'down');
    // Paused at the crash: the sessions it lost are drawn as crossed-out ghosts.
    const drawn = await page.evaluate(() => {
      const node = document.querySelector('[data-testid="server-1"]');
      const box = (e) => e.getBoundingClientRect();
      const word = box(node.querySelector('.down-label'));
      const ghosts = [...node.querySelectorAll('.marks path')].map(box).filter((r) => r.width > 0);
      return { ghosts: ghosts.length, wordTop: word.top, ghostsBottom: Math.max(...ghosts.map((g) => g.bottom)) };
    });
    t.diagnostic(JSON.stringify(drawn));
    assert.ok(drawn.ghosts > 0, 'the lost sessions are drawn');
    // Under their row, not across it (a pixel of anti-aliasing either way).
    assert.ok(drawn.wordTop >= drawn.ghostsBottom - 1, `the state word starts at ${drawn.wordTop}, the ghosts end at ${drawn.ghostsBottom}`);
    const cookie = page.locator('section.legend li.wide:has(.legend-cookie)');
    assert.match(await cookie.textContent(), /↻.*✕/);
  });
});

test('in the 960x540 embed, counts too wide for a box go on two lines, above its chips and inside it', async (t) => {
  await withPage(t, { query: 'embed=1&preset=lag-race&ff=2.2&paused=1&lang=en', viewport: { width: 960, height: 540 } }, async (page) => {
    // Whether the counts fit on one line depends on the text's size, fitted after the first frame.
    await fittedSmallest(page, 14);
    const drawn = await page.evaluate(() => {
      const node = document.querySelector('[data-testid="server-2"]');
      const box = (e) => e.getBoundingClientRect().toJSON();
      const counts = node.querySelector('.queue');
      // WebKit gives a tspan the box of its whole text: the lines are told apart by their baselines.
      const lines = [...counts.querySelectorAll('tspan')].map((l) => ({ text: l.textContent.trim(), y: Number(l.getAttribute('y')) }));
      const chips = [...node.querySelectorAll('.chip')].map(box).filter((r) => r.width > 0);
      return { outline: box(node.querySelector('.box')), counts: box(counts), lines, chipsTop: Math.min(...chips.map((c) => c.top)) };
    });
    t.diagnostic(JSON.stringify(drawn));
    assert.equal(drawn.lines.length, 2, 'the counts on two lines');
    assert.match(drawn.lines.map((l) => l.text).join(' '), /^\d+ full · \d+ backups? \(\d+ orphaned\)$/);
    assert.ok(drawn.lines[1].y > drawn.lines[0].y, 'one line under the other');
    assert.ok(drawn.counts.right <= drawn.outline.right, `the counts end at ${drawn.counts.right}, the box at ${drawn.outline.right}`);
    // The text's box runs down to the font's full descent, which Firefox counts deeper than the
    // glyphs reach: 3 px of slack.
    assert.ok(drawn.chipsTop >= drawn.counts.bottom - 3, `the chips start at ${drawn.chipsTop}, the counts end at ${drawn.counts.bottom}`);
  });
});

test('the server controls add and remove servers', async (t) => {
  await withPage(t, { query: 'servers=3&paused=1' }, async (page) => {
    assert.equal(await page.getByTestId('server-3').count(), 0);
    await page.getByTestId('add-server').click();
    await page.getByTestId('server-3').waitFor();
    assert.equal(await page.getByTestId('server-3').getAttribute('data-state'), 'up');
    await page.getByTestId('remove-server').click();
    await page.getByTestId('server-3').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('server-2').count(), 1);
  });
});

test('a traffic event brings a crowd of new visitors, and they leave when it ends', async (t) => {
  await withPage(t, { query: 'servers=1&users=12&paused=1' }, async (page) => {
    const groups = () => page.locator('[data-testid="topology"] .user-group').count();
    assert.equal(await groups(), 0, 'twelve named users, drawn one by one');
    await page.getByTestId('traffic').click();
    // Five times the arrivals: 60 users, drawn as groups, who log in and fill the server with sessions.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology"] .user-group').length > 0);
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    // Twelve users' sessions take 12 × 16 KiB; the visitors' sessions pile up on top.
    await waitForAbove(page, 'metric-memory', 40 * 16 * 1024);
    assert.ok((await groups()) > 0);
    await waitForAbove(page, 'sim-time', 31_000);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology"] .user-group').length === 0);
    // Their sessions stay behind until they time out.
    assert.ok((await value(page, 'metric-memory')) > 40 * 16 * 1024);
  });
});

test('a server can be cut off from its peers and slowed down from the controls, and the picture says so', async (t) => {
  await withPage(t, { query: 'strategy=cluster-all&servers=3&ff=10&paused=1' }, async (page) => {
    const has = (testid, cls) =>
      page.waitForFunction(([id, c]) => document.querySelector(`[data-testid="${id}"]`).classList.contains(c), [testid, cls]);
    const lacks = (testid, cls) =>
      page.waitForFunction(([id, c]) => !document.querySelector(`[data-testid="${id}"]`).classList.contains(c), [testid, cls]);
    const serverB = page.getByTestId('server-1');
    const partition = page.getByTestId('partition');
    const slow = page.getByTestId('slow');
    await page.getByTestId('fault-server').selectOption('1');
    assert.equal(await partition.getAttribute('aria-pressed'), 'false');

    await partition.click();
    await has('server-1', 'partitioned');
    assert.equal(await partition.getAttribute('aria-pressed'), 'true');
    assert.match(await serverB.getAttribute('aria-label'), /cut off/);
    assert.match(await serverB.locator('.fault-badge').textContent(), /cut off/);
    await slow.click();
    await has('server-1', 'slow');
    assert.equal(await slow.getAttribute('aria-pressed'), 'true');
    assert.match(await serverB.locator('.fault-badge').textContent(), /cut off · slow/);
    // Only the chosen server.
    for (const other of ['server-0', 'server-2']) {
      const classes = await page.getByTestId(other).getAttribute('class');
      assert.ok(!/partitioned|slow/.test(classes), `${other}: ${classes}`);
    }
    // The event log says what happened, and the same buttons undo it.
    assert.match(await page.locator('.event-log').innerText(), /partition|cut off/i);
    await partition.click();
    await lacks('server-1', 'partitioned');
    await slow.click();
    await lacks('server-1', 'slow');
    assert.equal(await serverB.locator('.fault-badge text').count(), 0);
  });
});

test('a server cut off from the store has its wire to the store crossed out and counts the requests waiting on it', async (t) => {
  await withPage(t, { query: 'strategy=store&servers=3&users=12&ff=8&paused=1&lang=en' }, async (page) => {
    const serverA = page.getByTestId('server-0');
    assert.equal(await page.locator('[data-testid="topology"] .cut-wire').count(), 0);
    await page.getByTestId('fault-server').selectOption('0');
    await page.getByTestId('partition').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="topology"] .cut-wire') !== null);
    assert.equal(await page.locator('[data-testid="topology"] .cut-wire').count(), 1);
    // Requests reach it and wait for the store's timeout (2 s of model time) instead of failing at once.
    await page.getByTestId('speed').selectOption('1');
    await page.getByTestId('play').click();
    await page.waitForFunction(
      () => /waiting for store [1-9]/.test(document.querySelector('[data-testid="server-0"] .queue')?.textContent ?? ''),
    );
    for (const other of ['server-1', 'server-2']) {
      assert.doesNotMatch((await page.getByTestId(other).locator('.queue').textContent()) ?? '', /waiting/);
    }
    assert.match(await serverA.getAttribute('aria-label'), /waiting for store/);
    // Healed: the cross goes, and the waits run out.
    await page.getByTestId('partition').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="topology"] .cut-wire'));
    await page.waitForFunction(
      () => !/waiting/.test(document.querySelector('[data-testid="server-0"] .queue')?.textContent ?? ''),
    );
  });
});

test('the event log speaks plain words and feeds a polite live region, in the lab and in embed mode', async (t) => {
  for (const embed of [false, true]) {
    const query = `strategy=none&servers=3&speed=3${embed ? '&embed=1' : ''}`;
    await withPage(t, { query }, async (page) => {
      const live = page.getByTestId('live-region');
      assert.equal(await live.getAttribute('aria-live'), 'polite');
      // Round robin sends a logged-in user to a server without the session soon enough.
      await page.waitForFunction(() => /\S/.test(document.querySelector('[data-testid="live-region"]').textContent));
      const said = (await live.textContent()).trim();
      assert.match(said, /user[A-Z]|server [A-C]/, said);
      if (!embed) {
        // What is announced is one of the log's lines.
        const lines = await page.getByTestId('event-log').locator('li span').allTextContents();
        assert.ok(lines.includes(said), `${said} in ${lines.join(' | ')}`);
      }
    });
  }
});

test('the time-series chart shows the metric picked, from the model samples', async (t) => {
  await withPage(t, { query: 'strategy=sticky&servers=3&users=24&ff=30&paused=1' }, async (page) => {
    const chart = page.locator('svg.series');
    const peak = async () => Number(await chart.getAttribute('data-peak'));
    assert.equal(await page.getByTestId('chart-metric').inputValue(), 'mismatches');
    assert.equal(await peak(), 0, 'sticky sessions without faults: no mismatch in any second');

    await page.getByTestId('chart-metric').selectOption('requests');
    await page.waitForFunction(() => Number(document.querySelector('svg.series').dataset.peak) > 0);
    assert.match(await chart.getAttribute('aria-label'), /^Requests per second: latest/);
    // No second can hold more requests than the whole run.
    assert.ok((await peak()) <= (await value(page, 'metric-requests')));

    await page.getByTestId('chart-metric').selectOption('live_sessions');
    await page.waitForFunction(() => /^Live sessions/.test(document.querySelector('svg.series').getAttribute('aria-label')));
    const live = Number(await chart.getAttribute('data-last'));
    assert.ok(live > 0 && live <= 24, `24 users hold at most 24 sessions: ${live}`);

    // A share link shows the same chart.
    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    assert.match(link, /[?&]chart=live_sessions(&|$)/);
    await page.goto(link);
    await page.getByTestId('chart-metric').waitFor();
    assert.equal(await page.getByTestId('chart-metric').inputValue(), 'live_sessions');
  });
});

test('with a store replica: its lag is a control, and the replica traffic and writes lost at failover are counted', async (t) => {
  await withPage(t, { query: 'strategy=store&store_replica=1&servers=3&users=60&ff=20&paused=1' }, async (page) => {
    assert.ok((await value(page, 'metric-store-replication-messages')) > 0);
    assert.equal(await value(page, 'metric-store-writes-lost'), 0);
    const lag = page.getByTestId('store-replica-lag');
    assert.equal(await lag.inputValue(), '1000');
    await lag.fill('4000');
    await lag.press('Tab');
    await page.getByTestId('share').click();
    await page.waitForFunction(() => /_ql_4000/.test(document.querySelector('[data-testid="share-link"]').value));
    // Crash the store and let the replica take over: the writes it had not received are gone.
    await page.getByTestId('store').click();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await waitForAbove(page, 'metric-store-writes-lost', 0);
  });
});

test('a crash applied while paused is announced, and a server out of memory says so', async (t) => {
  // One server whose memory holds about 30 sessions, and 60 users: it runs out during the first minute.
  await withPage(t, { query: 'servers=1&users=60&server_memory_bytes=500000&paused=1' }, async (page) => {
    await page.getByTestId('server-0').click();
    await page.waitForFunction(() => /crash|down/i.test(document.querySelector('[data-testid="live-region"]').textContent));
    await page.getByTestId('server-0').click();
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-0"]').dataset.state !== 'up', null, { timeout: 30_000 });
    assert.match(await page.getByTestId('server-0').textContent(), /OUT OF MEMORY/);
    assert.match(await page.getByTestId('server-0').getAttribute('aria-label'), /OUT OF MEMORY/);
  });
});

test('pressing play does not move the controls (Pause is wider than Play)', async (t) => {
  await withPage(t, { query: 'servers=3&paused=1' }, async (page) => {
    const where = async () => page.getByTestId('users').boundingBox();
    const before = await where();
    await page.getByTestId('play').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=play]').getAttribute('aria-pressed') === 'true');
    assert.deepEqual(await where(), before);
  });
});

test('reset undoes every intervention and goes back to time 0 of the same scenario', async (t) => {
  await withPage(t, { query: 'strategy=none&servers=3&users=12&ff=30&paused=1' }, async (page) => {
    assert.equal(await value(page, 'sim-time'), 30_000);
    assert.ok((await value(page, 'metric-requests')) > 0);
    await page.getByTestId('add-server').click();
    await page.getByTestId('server-3').waitFor();
    await page.getByTestId('server-0').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-0"]').dataset.state === 'down');
    await page.getByTestId('strategy').selectOption('store');
    await page.getByTestId('store').waitFor();

    await page.getByTestId('reset').click();
    await page.getByTestId('server-3').waitFor({ state: 'detached' });
    assert.equal(await value(page, 'sim-time'), 0);
    assert.equal(await value(page, 'metric-requests'), 0);
    assert.equal(await value(page, 'metric-mismatches'), 0);
    assert.equal(await page.getByTestId('server-0').getAttribute('data-state'), 'up');
    assert.equal(await page.getByTestId('strategy').inputValue(), 'none');
    assert.equal(await page.getByTestId('store').count(), 0);
    // And the lab runs on from there.
    await page.getByTestId('step').click();
    await waitForAbove(page, 'sim-time', 0);
  });
});

test('keyboard: Enter or Space on a focused server crashes it, and again restarts it', async (t) => {
  await withPage(t, { query: 'servers=3&paused=1' }, async (page) => {
    const first = page.getByTestId('server-0');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="server-0"]').dataset.state === 'down');
    const third = page.getByTestId('server-2');
    await third.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-testid="server-2"]').dataset.state === 'down');
    // Space on a node must not also toggle playback (the node keeps the key to itself).
    assert.equal(await page.getByTestId('play').getAttribute('aria-pressed'), 'false');
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="server-0"]').dataset.state === 'up');
    // Every node is reachable and named for screen readers.
    for (const id of ['server-0', 'server-1', 'server-2']) {
      const node = page.getByTestId(id);
      assert.equal(await node.getAttribute('tabindex'), '0');
      assert.equal(await node.getAttribute('role'), 'button');
      assert.ok((await node.getAttribute('aria-label'))?.length > 5);
    }
  });
});

test('the store is drawn under the store strategy and can be crashed from the keyboard', async (t) => {
  await withPage(t, { query: 'strategy=store&servers=3&ff=20&speed=10' }, async (page) => {
    const store = page.getByTestId('store');
    assert.equal(await store.getAttribute('data-state'), 'up');
    const errors = await value(page, 'metric-errors');
    await store.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="store"]').dataset.state === 'down');
    // While the store is down every request fails.
    await waitForAbove(page, 'metric-errors', errors);
  });
});

test('play, pause, step and speed drive the model clock; pause freezes it', async (t) => {
  await withPage(t, { query: 'servers=3&paused=1' }, async (page) => {
    const play = page.getByTestId('play');
    assert.equal(await play.getAttribute('aria-pressed'), 'false');
    const t0 = await value(page, 'sim-time');
    await page.getByTestId('step').click();
    await waitForAbove(page, 'sim-time', t0);
    await page.getByTestId('speed').selectOption('10');
    await play.click();
    await waitForSimTime(page, t0 + 2_000);
    await play.click();
    const frozen = await value(page, 'sim-time');
    // Two animation frames later the clock has not moved.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await value(page, 'sim-time'), frozen);
  });
});

// Media emulation is a DevTools protocol feature: Chromium only.
test('the page honours prefers-reduced-motion (flows, no moving arrows) and prefers-color-scheme', { engines: ['chromium'], why: 'media features are emulated through the DevTools protocol' }, async (t) => {
  await withPage(t, { query: 'strategy=none&servers=3&users=12&ff=10&speed=1' }, async (page) => {
    await page.waitForFunction(() => window.__sessionscope.frames.length > 5);
    assert.equal(await page.evaluate(() => window.__sessionscope.mode), 'arrows');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');

    await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
    await page.reload();
    await page.getByTestId('topology').waitFor();
    await page.waitForFunction(() => window.__sessionscope.frames.length > 5);
    assert.equal(await page.evaluate(() => window.__sessionscope.mode), 'flows');
    assert.equal(await page.locator('.traffic .arrows path').count(), 0, 'no individual arrows');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  });
});

test('the compare link opens the compare view of the same workload', async (t) => {
  await withPage(t, { query: 'strategy=sticky&servers=4&users=9&paused=1' }, async (page) => {
    await page.getByTestId('add-server').click();
    await page.getByTestId('server-4').waitFor();
    await page.getByTestId('open-compare').click();
    await page.getByTestId('compare-table').waitFor({ state: 'attached' });
    const url = new URL(await page.url());
    assert.equal(url.searchParams.get('view'), 'compare');
    assert.equal(url.searchParams.get('servers'), '4');
    assert.equal(url.searchParams.get('users'), '9');
    assert.ok(url.searchParams.get('log'), 'the commands applied so far come along');
  });
});

test('screenshots of the main states', async (t) => {
  for (const strategy of ['none', 'sticky', 'cluster-all', 'cluster-backup', 'store']) {
    await withPage(t, { query: `strategy=${strategy}&servers=3&ff=40&paused=1` }, async (page, ctx) => {
      assert.ok((await value(page, 'metric-requests')) > 0);
      await ctx.screenshot(`strategy-${strategy}-paused`);
    });
  }
  await withPage(t, { query: 'strategy=cluster-backup&servers=4&ff=40&paused=1' }, async (page, ctx) => {
    await page.getByTestId('server-2').click();
    await ctx.screenshot('crash-cluster-backup');
    await page.getByTestId('theme').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
    await ctx.screenshot('dark-theme', { fullPage: true });
  });
  await withPage(t, { query: 'strategy=none&servers=16&users=3000&ff=30&paused=1' }, async (page, ctx) => {
    await page.getByTestId('server-15').waitFor();
    await ctx.screenshot('sixteen-servers-many-users');
  });
});

test('the topology fits a phone', { engines: ['chromium', 'firefox'], why: PHONE_WIDTH }, async (t) => {
  await withPage(
    t,
    { query: 'strategy=sticky&servers=3&ff=40&paused=1', viewport: { width: 390, height: 844 } },
    async (page, ctx) => {
      const box = await page.getByTestId('topology').boundingBox();
      assert.ok(box.width <= 390, `topology fits a phone: ${box.width}`);
      await ctx.screenshot('phone', { fullPage: true });
    },
  );
});
