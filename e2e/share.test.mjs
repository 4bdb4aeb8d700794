// Teaching and sharing: share-link round trip, step back (rewind by
// replay), embed mode and its keyboard, the embed-code snippet, and both languages with nothing left
// untranslated.

import assert from 'node:assert/strict';
import { openPage, test, withPage } from './lib/harness.mjs';
import { snapshot, twoFrames, value, waitForAbove, waitForSimTime } from './view-helpers.mjs';

test('share link round trip: the opened link shows exactly what the sender saw', async (t) => {
  await withPage(t, { query: 'strategy=sticky&servers=4&users=10&speed=10' }, async (page) => {
    await waitForSimTime(page, 5_000);
    await page.getByTestId('add-server').click();
    await page.getByTestId('server-4').waitFor();
    await waitForSimTime(page, 10_000);
    await page.getByTestId('server-1').click();
    await waitForSimTime(page, 15_000);
    await page.getByTestId('strategy').selectOption('cluster-all');
    await page.getByTestId('balancer').selectOption('least-connections');
    await waitForSimTime(page, 22_000);
    await page.getByTestId('play').click(); // pause: the receiver should see this very moment
    await twoFrames(page);
    const sent = await snapshot(page);
    assert.ok(Number(sent['sim-time']) >= 22_000);

    await page.getByTestId('share').click();
    const link = await page.getByTestId('share-link').inputValue();
    assert.ok(link.startsWith('http'), `a full URL: ${link}`);

    const received = await openPage({ url: link, query: undefined });
    try {
      await received.page.getByTestId('server-4').waitFor();
      assert.deepEqual(await snapshot(received.page), sent);
      assert.equal(await received.page.getByTestId('strategy').inputValue(), 'cluster-all');
      assert.equal(await received.page.getByTestId('balancer').inputValue(), 'least-connections');
      assert.equal(await received.page.getByTestId('message').count(), 0, 'the link is valid');
      await received.assertClean('received page');
    } finally {
      await received.close();
    }
  });
});

test('step back retraces single steps exactly, and rewinds played time by replay', async (t) => {
  await withPage(t, { query: 'strategy=none&servers=3&ff=10&paused=1' }, async (page) => {
    const states = [await snapshot(page)];
    for (let i = 0; i < 6; i++) {
      await page.getByTestId('step').click();
      await twoFrames(page);
      states.push(await snapshot(page));
    }
    assert.ok(Number(states[6]['sim-time']) > Number(states[0]['sim-time']), 'stepping moved the clock');
    for (let i = 5; i >= 0; i--) {
      await page.getByTestId('step-back').click();
      await twoFrames(page);
      assert.deepEqual(await snapshot(page), states[i], `back to step ${i}`);
    }
    // Going forward again after rewinding gives the same history (the model is deterministic).
    await page.getByTestId('step').click();
    await twoFrames(page);
    assert.deepEqual(await snapshot(page), states[1]);

    // Rewind from a played moment: the clock goes back and the counts do not exceed what they were.
    await page.getByTestId('speed').selectOption('10');
    await page.getByTestId('play').click();
    await waitForSimTime(page, 25_000);
    await page.getByTestId('play').click();
    await twoFrames(page);
    const played = await snapshot(page);
    await page.getByTestId('step-back').click();
    await twoFrames(page);
    const rewound = await snapshot(page);
    assert.ok(Number(rewound['sim-time']) < Number(played['sim-time']));
    assert.ok(Number(rewound['metric-requests']) <= Number(played['metric-requests']));
  });
});

test('embed mode: minimal chrome, 16:9, keyboard driven, shortcuts overlay', async (t) => {
  await withPage(t, { query: 'embed=1&strategy=none&servers=3&ff=20&paused=1', viewport: { width: 1280, height: 720 } }, async (page, ctx) => {
    assert.equal(await page.locator('section.controls').count(), 0, 'no control panel in embed mode');
    assert.equal(await page.locator('section.legend').count(), 0);
    const box = await page.getByTestId('topology').boundingBox();
    assert.ok(box.width > 640 && box.height > 360, `the picture fills the slide: ${JSON.stringify(box)}`);
    const fontSize = await page.locator('.embed-stage').evaluate((n) => parseFloat(getComputedStyle(n).fontSize));
    assert.ok(fontSize >= 20, `large type: ${fontSize}px`);
    await ctx.screenshot('embed-16x9');

    const play = page.getByTestId('play');
    const t0 = await value(page, 'sim-time');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'true');
    await waitForAbove(page, 'sim-time', t0);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('[data-testid="play"]').getAttribute('aria-pressed') === 'false');
    assert.equal(await play.getAttribute('aria-pressed'), 'false');

    const t1 = await value(page, 'sim-time');
    await page.keyboard.press('ArrowRight');
    await waitForAbove(page, 'sim-time', t1);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((v) => Number(document.querySelector('[data-testid="sim-time"]').dataset.value) === v, t1);

    await page.keyboard.press('5');
    await page.getByTestId('store').waitFor();
    assert.equal(await page.getByTestId('strategy').inputValue(), 'store');
    await page.keyboard.press('2');
    await page.waitForFunction(() => document.querySelector('[data-testid="strategy"]').value === 'sticky');
    await page.getByTestId('store').waitFor({ state: 'detached' });

    await page.keyboard.press('?');
    await page.getByTestId('shortcuts').waitFor();
    assert.match(await page.getByTestId('shortcuts').innerText(), /Space/);
    await ctx.screenshot('embed-shortcuts');
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcuts').waitFor({ state: 'detached' });
  });
});

test('the embed code is a ready iframe snippet of the current state', async (t) => {
  await withPage(t, { query: 'strategy=cluster-backup&servers=4&ff=10&paused=1' }, async (page) => {
    await page.getByTestId('embed-code').click();
    const snippet = await page.getByTestId('share-link').inputValue();
    assert.match(snippet, /^<iframe src="[^"]+"[^>]*><\/iframe>$/);
    assert.match(snippet, /title="SessionScope"/);
    const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    const url = new URL(src);
    assert.equal(url.searchParams.get('embed'), '1');
    const framed = await openPage({ url: src, viewport: { width: 960, height: 540 } });
    try {
      assert.equal(await framed.page.locator('.embed').count(), 1);
      assert.equal(await framed.page.getByTestId('strategy').inputValue(), 'cluster-backup');
      await framed.page.getByTestId('server-3').waitFor();
      await framed.assertClean('embedded page');
    } finally {
      await framed.close();
    }
  });
});

/** Visible words in Latin letters (2+ letters), with the ones allowed in Korean removed. */
const ALLOWED_LATIN = new Set([
  'SessionScope', 'English', 'Redis', 'SQL', 'DB', 'IP', 'ms', 'KiB', 'MiB', 'GiB', 'SVG', 'CSV', 'Esc', 'OK', '5xx',
]);
function untranslated(text) {
  // Whole tokens, so numbers with units (40ms), session ids (3fa1) and names (userA) stay whole.
  const tokens = text.match(/[A-Za-z0-9][A-Za-z0-9-]*/g) ?? [];
  const words = tokens.filter((w) => /[A-Za-z].*[A-Za-z]/.test(w));
  const allowed = (w) =>
    ALLOWED_LATIN.has(w) || /^user[A-Z0-9]+$/.test(w) || /^S\d+$/.test(w) || /^[0-9a-f]{4}$/.test(w);
  return [...new Set(words.filter((w) => !allowed(w)))];
}

async function visibleText(page) {
  // Include labels that only exist as accessible names or tooltips of the picture.
  return page.evaluate(() => {
    const cookies = [...document.querySelectorAll('svg text.cookie')].map((el) => el.textContent);
    // The picture's own words are added one by one below: engines join SVG text in innerText differently
    // (Firefox runs "userA" "userB" together), so the body's text is read without the SVG.
    const sheet = document.styleSheets[0];
    const rule = sheet.insertRule('svg { display: none !important; }', sheet.cssRules.length);
    let body = document.body.innerText;
    sheet.deleteRule(rule);
    for (const c of cookies) body = body.replace(c, '');
    // Code and file names (`translate="no"`: the config panel's files) are not interface text.
    for (const el of document.querySelectorAll('[translate="no"]')) {
      for (const line of el.innerText.split('\n')) body = body.replace(line, '');
    }
    const parts = [body];
    for (const el of document.querySelectorAll('[aria-label], [title]')) {
      parts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    // Cookie values (`server=B`) are literal wire data, like code: not interface text.
    for (const el of document.querySelectorAll('svg text:not(.cookie)')) parts.push(el.textContent);
    return parts.join('\n');
  });
}

test('Korean and English: everything is translated, lang parameter, switcher, browser default', async (t) => {
  const query = 'servers=3&ff=30&paused=1';
  let english = '';
  await withPage(t, { query: `${query}&strategy=cluster-backup&lang=en` }, async (page) => {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    english = await visibleText(page);
    assert.match(english, /Session mismatches/);
  });
  for (const strategy of ['cluster-backup', 'store', 'sticky']) {
    await withPage(t, { query: `${query}&lang=ko&strategy=${strategy}` }, async (page, ctx) => {
      assert.equal(await page.getByTestId('strategy').inputValue(), strategy);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
      // The shortcuts overlay and the log are part of the interface too.
      await page.keyboard.press('?');
      await page.getByTestId('shortcuts').waitFor();
      const korean = await visibleText(page);
      assert.match(korean, /세션 불일치/);
      assert.deepEqual(untranslated(korean), [], 'English words left in the Korean page');
      assert.ok(!korean.includes('Session mismatches'));
      if (strategy === 'cluster-backup') await ctx.screenshot('korean');
    });
  }
  // The same check in English finds Korean nowhere either.
  assert.ok(!/[\uAC00-\uD7A3]/.test(english.replace('한국어', '')), 'no Korean left in the English page');

  // Default from the browser's language; the switcher changes it and the URL follows.
  await withPage(t, { query, locale: 'ko-KR' }, async (page) => {
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    await page.getByTestId('lang').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    // The document's language is set first; WebKit may draw the rest of the page a frame later.
    await page.waitForFunction(() => document.body.innerText.includes('Session mismatches'));
    assert.doesNotMatch(await page.locator('body').innerText(), /세션 불일치/);
    assert.equal(new URL(await page.url()).searchParams.get('lang'), 'en');
  });
});
