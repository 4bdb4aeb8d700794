// Tablets in a classroom (iPads: Safari, WebKit): a tap with touch input crashes and restarts a server, and
// at an iPad's 1024x768, in landscape and portrait, every control is on screen, reachable by a finger (what
// a tap at its centre hits is the control), and nothing makes the page scroll sideways. Runs in every
// engine; WebKit is the one that matters most here.

import assert from 'node:assert/strict';
import { ENGINE, test, withPage } from './lib/harness.mjs';

const IPAD = [
  ['landscape', { width: 1024, height: 768 }],
  ['portrait', { width: 768, height: 1024 }],
];

/** Record, in the page, which input events arrive (type and pointer type). */
function recordInput(page) {
  return page.evaluate(() => {
    window.__inputSeen = [];
    for (const type of ['pointerdown', 'touchstart', 'click']) {
      document.addEventListener(type, (event) => window.__inputSeen.push(`${type}:${event.pointerType ?? ''}`), true);
    }
  });
}

const serverState = (id) => (page) =>
  page.evaluate((testid) => document.querySelector(`[data-testid="${testid}"]`)?.dataset.state, id);

test('a tap with touch input crashes a server, and a second tap restarts it', async (t) => {
  await withPage(t, { query: 'servers=3&paused=1', touch: true, viewport: { width: 1024, height: 768 } }, async (page, ctx) => {
    await recordInput(page);
    const server = page.getByTestId('server-1');
    assert.equal(await server.getAttribute('data-state'), 'up');
    await server.tap();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'down');
    await ctx.screenshot('touch-crashed');
    await server.tap();
    await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'up');
    assert.equal(await serverState('server-0')(page), 'up', 'only the tapped server changed');

    const seen = await page.evaluate(() => window.__inputSeen);
    t.diagnostic(`input seen in ${ENGINE}: ${[...new Set(seen)].join(', ')}`);
    assert.equal(seen.filter((event) => event.startsWith('click:')).length, 2, `two activations: ${seen}`);
    if (ENGINE === 'webkit') {
      // WebKitGTK's WebDriver turns a touch pointer into mouse events (no touch device under Xvfb); the
      // tap still goes through the same pointerdown/click path a touch screen's synthesized click takes.
      assert.ok(seen.includes('pointerdown:mouse') || seen.includes('pointerdown:touch'), `${seen}`);
    } else {
      assert.ok(seen.includes('pointerdown:touch') && seen.includes('touchstart:'), `real touch events: ${seen}`);
    }
  });
});

for (const [orientation, viewport] of IPAD) {
  test(`iPad ${orientation} (${viewport.width}x${viewport.height}): every control is visible, reachable and works, nothing overflows sideways`, async (t) => {
    await withPage(t, { query: 'strategy=sticky&servers=3&ff=10&paused=1', touch: true, viewport }, async (page, ctx) => {
      const layout = await page.evaluate(() => ({
        width: innerWidth,
        scrollWidth: document.documentElement.scrollWidth,
        bodyScrollWidth: document.body.scrollWidth,
      }));
      assert.equal(layout.width, viewport.width, 'the viewport is the iPad');
      assert.ok(layout.scrollWidth <= layout.width && layout.bodyScrollWidth <= layout.width, `sideways overflow: ${JSON.stringify(layout)}`);

      // Every control of the page: buttons, selects, inputs, links and the picture's focusable nodes.
      const controls = await page.evaluate(() => {
        const all = document.querySelectorAll('button, select, input, a[href], summary, [role=button], [tabindex="0"]');
        return [...all]
          .filter((el) => !el.closest('.visually-hidden') && el.getAttribute('type') !== 'hidden')
          .map((el, index) => {
            el.dataset.e2eControl = String(index);
            return { index, name: el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent.trim().slice(0, 30) };
          });
      });
      assert.ok(controls.length >= 15, `found only ${controls.length} controls`);
      const problems = [];
      for (const { index, name } of controls) {
        const control = page.locator(`[data-e2e-control="${index}"]`);
        const check = await control.evaluate((el) => {
          el.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') return 'not visible';
          if (box.left < 0 || box.right > innerWidth + 0.5) return `off screen sideways (${box.left.toFixed(0)}..${box.right.toFixed(0)})`;
          if (box.width < 20 || box.height < 20) return `too small for a finger (${box.width.toFixed(0)}x${box.height.toFixed(0)})`;
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          const label = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
          if (!hit || !(hit === el || el.contains(hit) || (label && label.contains(hit)))) {
            return `covered by <${hit?.tagName.toLowerCase()} class="${hit?.getAttribute('class') ?? ''}">`;
          }
          return null;
        });
        if (check) problems.push(`${name}: ${check}`);
      }
      assert.deepEqual(problems, [], `controls a finger cannot use at ${viewport.width}x${viewport.height}`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await ctx.screenshot(`ipad-${orientation}`);

      // And they work by touch: add a server, switch the strategy, play, crash the new server.
      await page.getByTestId('add-server').tap();
      await page.getByTestId('server-3').waitFor();
      await page.getByTestId('strategy').selectOption('store');
      await page.getByTestId('store').waitFor();
      await page.getByTestId('play').tap();
      await page.waitForFunction(() => document.querySelector('[data-testid=play]').getAttribute('aria-pressed') === 'true');
      await page.getByTestId('server-3').tap();
      await page.waitForFunction(() => document.querySelector('[data-testid="server-3"]').dataset.state === 'down');
      assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= viewport.width, 'still no sideways overflow');
    });
  });
}
