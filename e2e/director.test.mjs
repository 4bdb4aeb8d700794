// Director mode in headless Chromium: "Show me" plays the step's key moment slowly (measured: the wall
// time from the click to the counted 401), the answer waits for the outcome, the callout is drawn on the
// picture at a readable size, Replay plays it again, Next opens the next step at its own speed, and Reset
// returns to the question.
import assert from 'node:assert/strict';
import { test, withPage, waitForDataValue, dataValue } from './lib/harness.mjs';

const TOUR_READY = '[data-testid=tour-caption]';

/**
 * Click `tour-reveal` (or `tour-replay`) in the page and watch every animation frame until
 * metric-mismatches reaches 1: the wall time it took, and whether the answer was on screen before.
 */
/** What a callout says: its lines, one `<text>` each, joined by spaces (a long one breaks between words). */
async function said(callout) {
  return (await callout.locator('text').allTextContents()).join(' ');
}

async function clickAndTimeFirstMismatch(page, testid) {
  return page.evaluate(async (id) => {
    const value = () => Number(document.querySelector('[data-testid=metric-mismatches]')?.dataset.value);
    const answerShown = () => {
      const answer = document.querySelector('[data-testid=tour-answer]');
      return answer !== null && answer.getClientRects().length > 0;
    };
    const started = performance.now();
    document.querySelector(`[data-testid=${id}]`).click();
    let answerEarly = false;
    let sawZero = false;
    while (performance.now() - started < 30_000) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const v = value();
      if (v === 0) sawZero = true;
      if (v >= 1) return { wallMs: performance.now() - started, answerEarly, sawZero };
      if (answerShown()) answerEarly = true;
    }
    return { wallMs: null, answerEarly, sawZero };
  }, testid);
}

test('director: step 1 shows the 401 at least two seconds after "Show me", the answer only after it', async (t) => {
  await withPage(t, { query: { tour: 1, lang: 'en' }, ready: TOUR_READY, viewport: { width: 1280, height: 720 } }, async (page, ctx) => {
    assert.equal(await page.getByTestId('speed').inputValue(), '0.05');
    assert.equal(await page.getByTestId('tour-answer').count(), 0);
    const first = await clickAndTimeFirstMismatch(page, 'tour-reveal');
    t.diagnostic(`step 1: the mismatch is counted ${(first.wallMs / 1000).toFixed(2)} s after "Show me"`);
    assert.ok(first.wallMs !== null, 'the mismatch is counted');
    assert.ok(first.wallMs >= 2_000, `the 401 comes ${first.wallMs} ms after the click`);
    assert.ok(first.wallMs <= 8_000, `the 401 comes ${first.wallMs} ms after the click`);
    assert.equal(first.answerEarly, false, 'the answer waits for the outcome');
    // The outcome has happened: the answer, the highlight and the callout at server B.
    await page.getByTestId('tour-answer').waitFor({ timeout: 2_000 });
    await page.locator('[data-testid=metric-mismatches].tour-highlight').waitFor({ timeout: 2_000 });
    const callout = page.getByTestId('callout');
    await callout.waitFor({ timeout: 2_000 });
    assert.match(await said(callout), /SESSION=[0-9a-f]{4} → not found → 401/);
    // Readable from the back of the room: the callout's text is at least 14 CSS px at 1280x720.
    const px = await callout.locator('text').first().evaluate(
      (el) => Number(el.getAttribute('font-size')) * el.getScreenCTM().a,
    );
    t.diagnostic(`callout text: ${px.toFixed(1)} CSS px at 1280x720`);
    assert.ok(px >= 14, `callout text is ${px} px`);
    // The callout's leader ends on server B's box.
    const b = await page.getByTestId('server-1').boundingBox();
    const end = await callout.locator('line').evaluate((line) => {
      const m = line.getScreenCTM();
      const [x, y] = [Number(line.getAttribute('x2')), Number(line.getAttribute('y2'))];
      return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
    });
    const on = end.x >= b.x - 2 && end.x <= b.x + b.width + 2 && end.y >= b.y - 2 && end.y <= b.y + b.height + 2;
    assert.ok(on, `the callout points at server B: ${JSON.stringify(end)} ${JSON.stringify(b)}`);
    await ctx.screenshot('director-step-1-moment');
  });
});

test('director: in the 960x540 embed with the tour, the callout is still at least 14 CSS px, and the answer repeats its counter with the step in view', async (t) => {
  await withPage(t, { query: { tour: 1, embed: 1, lang: 'ko' }, ready: TOUR_READY, viewport: { width: 960, height: 540 } }, async (page, ctx) => {
    await page.getByTestId('tour-reveal').click();
    const callout = page.getByTestId('callout');
    await callout.waitFor({ timeout: 15_000 });
    assert.match(await said(callout), /SESSION=[0-9a-f]{4} → 없음 → 401/);
    const px = await callout.locator('text').first().evaluate(
      (el) => Number(el.getAttribute('font-size')) * el.getScreenCTM().a,
    );
    t.diagnostic(`callout text: ${px.toFixed(1)} CSS px in the 960x540 embed`);
    assert.ok(px >= 14, `callout text is ${px} px`);
    // The answer repeats the counter it points at (the embed's metrics are below the fold): the same
    // number, once the played mismatch has been counted.
    const readouts = page.getByTestId('tour-readouts');
    await readouts.waitFor({ timeout: 15_000 });
    assert.match(await readouts.textContent(), /세션 불일치/);
    await page.waitForFunction(() => {
      const repeated = document.querySelector('[data-testid=tour-readouts] dd')?.textContent;
      const counter = document.querySelector('[data-testid=metric-mismatches] dd')?.textContent;
      return repeated === counter && Number(repeated) > 0;
    }, null, { timeout: 30_000 });
    // Beside it, what the counter was when the question was asked: fewer than now.
    const [now, before] = await page.evaluate(() => [...document.querySelectorAll('[data-testid=tour-readouts] dd')].map((d) => d.textContent));
    const was = /^\(이전 (\d+)\)$/.exec(before ?? '');
    assert.ok(was, `the number before the step: ${before}`);
    assert.ok(Number(was[1]) < Number(now), `was ${was[1]}, now ${now}`);
    // Both the step's title and the repeated counter are on screen, not scrolled out of the panel.
    const seen = await page.evaluate(() => ['#tour-title', '[data-testid=tour-readouts]'].map((selector) => {
      const element = document.querySelector(selector);
      const r = element.getBoundingClientRect();
      return element.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    }));
    assert.deepEqual(seen, [true, true], 'title, read-outs visible');
    await ctx.screenshot('director-embed-ko');
  });
});

test('director: held at step 7\'s answer, the write\'s two copies and two acks stay drawn on their lanes; no trail before "Show me" nor after the moment', async (t) => {
  await withPage(t, { query: { tour: 7, lang: 'en' }, ready: TOUR_READY, viewport: { width: 1280, height: 720 } }, async (page) => {
    assert.equal(await page.getByTestId('trail').count(), 0, 'no route is traced before the question is answered');
    await page.getByTestId('tour-reveal').click();
    await page.getByTestId('callout').waitFor({ timeout: 30_000 });
    // Each arrived copy and ack has a head (one subpath each) on the trail; the hold lasts seconds.
    const heads = () => page.evaluate(() => {
      const head = document.querySelector('[data-testid=trail] .look-replication .head');
      return head ? (head.getAttribute('d').match(/M/g) ?? []).length : 0;
    });
    assert.equal(await heads(), 4, 'two copies and two acks have arrived when the answer leaves');
    // The trail runs along the lanes beside the servers, from the top server to the bottom one.
    const trail = await page.locator('[data-testid=trail] .look-replication .tail').boundingBox();
    const [top, , bottom] = await Promise.all([0, 1, 2].map((i) => page.locator(`[data-testid=server-${i}] .box`).boundingBox()));
    assert.ok(trail.x > top.x + top.width / 2, `the lanes at x ${trail.x} are beside the boxes, not across them: ${JSON.stringify(top)}`);
    assert.ok(trail.y < top.y + top.height && trail.y + trail.height > bottom.y, `the trail ${JSON.stringify(trail)} spans the servers`);
    // After the moment, the rest plays fast without it.
    await page.waitForFunction(() => document.querySelector('[data-testid=trail]') === null, null, { timeout: 30_000 });
  });
});

test('director: Replay rewinds to the question and plays the moment again', async (t) => {
  await withPage(t, { query: { tour: 1, lang: 'en' }, ready: TOUR_READY }, async (page) => {
    await page.getByTestId('tour-reveal').click();
    await waitForDataValue(page, 'metric-mismatches', (v) => Number(v) >= 1, { timeout: 15_000 });
    await page.getByTestId('tour-answer').waitFor();
    const again = await clickAndTimeFirstMismatch(page, 'tour-replay');
    t.diagnostic(`replay: the mismatch is counted again ${(again.wallMs / 1000).toFixed(2)} s after Replay`);
    assert.ok(again.sawZero, 'the counter went back to 0');
    assert.ok(again.wallMs >= 2_000, `${again.wallMs} ms`);
    assert.equal(again.answerEarly, false, 'the answer is hidden again until the outcome');
    await page.getByTestId('tour-answer').waitFor({ timeout: 2_000 });
  });
});

test('director: the speed control follows the script, and Next opens the next step at its own speed', async (t) => {
  await withPage(t, { query: { tour: 1, lang: 'en' }, ready: TOUR_READY }, async (page) => {
    await page.getByTestId('tour-reveal').click();
    // The decisive request plays slower than the step's opening speed ...
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=speed]')?.value) < 0.05, null, { timeout: 10_000 });
    // ... and the aggregate faster.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=speed]')?.value) > 0.3, null, { timeout: 15_000 });
    await page.getByTestId('tour-next').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=tour]')?.dataset.step === '2');
    assert.equal(await page.getByTestId('speed').inputValue(), '0.05');
    assert.equal(await page.getByTestId('tour-answer').count(), 0);
    assert.ok(await page.getByTestId('tour-reveal').isVisible());
  });
});

test('director: Reset inside the tour returns to the question, not to t = 0', async (t) => {
  await withPage(t, { query: { tour: 1, lang: 'en' }, ready: TOUR_READY }, async (page) => {
    const question = Number(await dataValue(page, 'sim-time'));
    assert.ok(question > 0, `the question is asked at ${question}`);
    await page.getByTestId('tour-reveal').click();
    await waitForDataValue(page, 'metric-mismatches', (v) => Number(v) >= 1, { timeout: 15_000 });
    await page.getByTestId('reset').click();
    await waitForDataValue(page, 'sim-time', (v) => Number(v) === question, { timeout: 5_000 });
    assert.equal(Number(await dataValue(page, 'metric-mismatches')), 0);
    assert.equal(await page.getByTestId('tour-answer').count(), 0);
    assert.equal(await page.getByTestId('callout').count(), 0);
    assert.ok(await page.getByTestId('tour-reveal').isVisible());
    assert.equal(await page.getByTestId('speed').inputValue(), '0.05');
  });
});
