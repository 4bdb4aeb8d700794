// The picture tells the store's failover right: `store` and `store-replica` carry the role they have
// now (`data-role`), the promoted replica says so, and the failed store is drawn gone, not as a replica
// that went down.

import assert from 'node:assert/strict';
import { test, withPage } from './lib/harness.mjs';
import { fittedSmallest } from './lib/text-size.mjs';

const role = (page, id) => page.getByTestId(id).getAttribute('data-role');
const state = (page, id) => page.getByTestId(id).getAttribute('data-state');

test('picture: after a failover the replica is the primary (promoted) and the failed store is gone', async (t) => {
  const query = 'strategy=store&store_replica=true&store_failover_ms=1000&store_replica_lag_ms=1000&speed=1&ff=5';
  await withPage(t, { viewport: { width: 1280, height: 720 }, query }, async (page, ctx) => {
    assert.equal(await role(page, 'store'), 'primary');
    assert.equal(await role(page, 'store-replica'), 'replica');
    assert.equal(await state(page, 'store-replica'), 'up');
    // The replica holds copies too.
    await page.waitForFunction(() => document.querySelector('[data-testid=store-replica] .chips path') !== null);

    await page.getByTestId('store').click();
    // Sentinel promotes the replica after the failover delay (1 s of model time at 1x).
    await page.waitForFunction(() => document.querySelector('[data-testid=store-replica]')?.dataset.role === 'primary');
    assert.equal(await role(page, 'store'), 'replica');
    assert.equal(await state(page, 'store'), 'down');
    assert.equal(await state(page, 'store-replica'), 'up');
    const promoted = await page.getByTestId('store-replica').textContent();
    assert.match(promoted, /primary \(promoted\)/);
    const gone = await page.getByTestId('store').textContent();
    assert.match(gone, /gone/);
    assert.doesNotMatch(gone, /primary/);
    await ctx.screenshot('picture-failover');

    // Restarted, the old store comes back as the replica of the promoted one.
    await page.getByTestId('store').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=store]')?.dataset.state === 'up');
    assert.equal(await role(page, 'store'), 'replica');
    assert.equal(await role(page, 'store-replica'), 'primary');
  });
});

test('picture: in the 960x540 embed beside the tour, the promoted replica\'s words stay inside its box', async (t) => {
  await withPage(t, { viewport: { width: 960, height: 540 }, query: 'embed=1&tour=13&lang=en', ready: '[data-testid=tour-caption]' }, async (page) => {
    // The step plays the store's crash and, after the failover delay, the promotion.
    await page.getByTestId('tour-reveal').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=store-replica]')?.dataset.role === 'primary', null, { timeout: 60_000 });
    await fittedSmallest(page, 14);
    const drawn = await page.getByTestId('store-replica').evaluate((node) => {
      const box = node.querySelector('.box').getBoundingClientRect();
      const words = [...node.querySelectorAll('text')].map((w) => ({ text: w.textContent.trim(), right: w.getBoundingClientRect().right }));
      return { right: box.right, words };
    });
    t.diagnostic(JSON.stringify(drawn));
    assert.ok(drawn.words.some((w) => /^primary/.test(w.text)), 'its role is drawn');
    for (const w of drawn.words) {
      assert.ok(w.right <= drawn.right + 1, `"${w.text}" ends at ${w.right}, its box at ${drawn.right}`);
    }
  });
});

test('picture: every server box offers its crash without hovering, and a crashed one its restart', async (t) => {
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: 'servers=3&paused=1' }, async (page) => {
    for (const id of ['server-0', 'server-1', 'server-2']) {
      assert.match(await page.getByTestId(id).locator('.crash-word').textContent(), /crash/);
    }
    await page.getByTestId('server-1').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=server-1]')?.dataset.state === 'down');
    assert.match(await page.getByTestId('server-1').locator('.crash-word').textContent(), /restart/);
    // The pointer is still over the box it crashed: the box shows the crash's outline, not the hover's.
    const look = await page.evaluate(() => {
      const node = document.querySelector('[data-testid=server-1]');
      const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.trim().slice(i, i + 2), 16)).join(', ')})`;
      const root = getComputedStyle(document.documentElement);
      return { hovered: node.matches(':hover'), stroke: getComputedStyle(node.querySelector('.box')).stroke, danger: rgb(root.getPropertyValue('--danger')) };
    });
    assert.ok(look.hovered, 'the pointer rests on the crashed box');
    assert.equal(look.stroke, look.danger);
  });
});

test('picture: orphaned sessions are dimmed and counted', async (t) => {
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: 'strategy=none&servers=3&users=6&paused=1&ff=20' }, async (page) => {
    // Round robin with nothing shared: users were sent back to log in, their old sessions stay behind.
    const counts = await page.locator('[data-testid^=server-] .queue').allTextContents();
    assert.ok(counts.some((c) => /\d+ orphaned/.test(c)), counts.join(' | '));
    assert.ok(await page.locator('[data-testid^=server-] .chip-mark.orphan').count() > 0);
  });
});

test('picture: a crash leaves ghosts of the sessions it took, and their users say so', async (t) => {
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: 'strategy=sticky&servers=3&users=6&paused=1&ff=20' }, async (page, ctx) => {
    assert.equal(await page.locator('[data-testid=server-1] .chip-mark.ghost').count(), 0);
    await page.getByTestId('server-1').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=server-1]')?.dataset.state === 'down');
    const ghosts = page.locator('[data-testid=server-1] .chip-mark.ghost');
    await ghosts.waitFor();
    assert.match(await ghosts.getAttribute('d'), /^M/);
    // The users pinned to B lost the session in their cookie: a badge beside it.
    const cookies = (await page.locator('text.cookie').allTextContents()).join(' ');
    assert.match(cookies, /✕1/, cookies);
    await ctx.screenshot('picture-ghosts');
  });
});

test("picture: each chip carries its user's letter, filled for a session and outlined for a copy", async (t) => {
  // The letters are drawn over each node (`data-of` names it), outside its accessible element.
  // The store holds one session per user: its letters are exactly the users'.
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: 'strategy=store&users=6&paused=1&ff=12' }, async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('[data-of=store] .chip-initial').length === 6);
    const letters = await page.locator('[data-of=store] .chip-initial').allTextContents();
    assert.deepEqual(letters.sort(), ['A', 'B', 'C', 'D', 'E', 'F']);
  });
  // Primary-backup: a server's full sessions have the page's colour on the chip, its backups the user's
  // colour; key-only entries are too small for a letter.
  await withPage(t, { viewport: { width: 1280, height: 720 }, query: 'strategy=cluster-backup&servers=3&users=6&paused=1&ff=12' }, async (page) => {
    const drawn = await page.evaluate(() => [...document.querySelectorAll('[data-of^=server-] .chip-initial')]
      .map((t) => ({ letter: t.textContent, filled: t.classList.contains('on-fill') })));
    const filled = drawn.filter((d) => d.filled).map((d) => d.letter).sort();
    const outlined = drawn.filter((d) => !d.filled).map((d) => d.letter).sort();
    // Every user has exactly one full session and one backup somewhere.
    assert.deepEqual(filled, ['A', 'B', 'C', 'D', 'E', 'F'], JSON.stringify(drawn));
    assert.deepEqual(outlined, ['A', 'B', 'C', 'D', 'E', 'F'], JSON.stringify(drawn));
  });
  // The slide embed's first tour step: a short box with one session still gives its chip room for the
  // letter (the empty bottom line is the chip's), so the class reads "A" where userA's session lives.
  await withPage(t, { viewport: { width: 960, height: 540 }, query: { tour: 1, embed: 1 }, ready: '[data-testid=tour-caption]' }, async (page) => {
    await page.waitForFunction(() => document.querySelectorAll('[data-of^=server-] .chip-initial').length > 0);
    const drawn = await page.evaluate(() => [...document.querySelectorAll('[data-of^=server-] .chip-initial')]
      .map((t) => `${t.closest('[data-of]').dataset.of}:${t.textContent}`));
    assert.deepEqual(drawn, ['server-0:A']);
  });
});

test('replication: one write fans out N-1 copies on lanes right of the boxes, each named for its session\'s user and where it goes', async (t) => {
  const query = 'strategy=cluster-all&replication=async&replication_lag_ms=1500&servers=4&users=1&paused=1&ff=1';
  await withPage(t, { viewport: { width: 1280, height: 720 }, query }, async (page, ctx) => {
    // Step hop by hop until the first copies are on their lanes.
    const copiesOnScreen = () => page.locator('.arrow.look-replication').count();
    for (let i = 0; i < 60 && (await copiesOnScreen()) === 0; i += 1) {
      const before = await page.getByTestId('sim-time').getAttribute('data-value');
      await page.getByTestId('step').click();
      await page.waitForFunction((b) => document.querySelector('[data-testid=sim-time]')?.dataset.value !== b, before);
    }
    const drawn = await page.evaluate(() => {
      const head = document.querySelector('.arrow.look-replication .head').getAttribute('d');
      const boxes = [...document.querySelectorAll('[data-testid^=server-] .box')].map((b) => b.getBoundingClientRect());
      const labels = [...document.querySelectorAll('.arrow-label.look-replication')]
        .map((l) => ({ text: l.textContent, left: l.getBoundingClientRect().left }));
      return {
        // Each copy's head is a circle drawn as two arcs.
        heads: (head.match(/a4\.5/g) || []).length / 2,
        right: Math.max(...boxes.map((b) => b.right)),
        labels,
      };
    });
    await ctx.screenshot('picture-replication-lanes');
    assert.equal(drawn.heads % 3, 0, `copies come in threes with 4 servers: ${drawn.heads}`);
    assert.ok(drawn.heads >= 3);
    // Copies leaving together share one name, drawn once.
    assert.ok(drawn.labels.length >= 1 && drawn.labels.length <= drawn.heads);
    for (const label of drawn.labels) {
      assert.match(label.text, /^userA → [A-D]$/);
      assert.ok(label.left > drawn.right, `a copy's name stands right of every box: ${label.left} vs ${drawn.right}`);
    }
  });
});
