// The lab as each engine draws it, for checking by eye side by side (fonts, SVG text, focus rings):
// e2e/out/screenshots/engines/<state>-<engine>.png from Chromium, Firefox and WebKit, at 1280x720 unless the
// state names its own viewport (a projector's 1920x1080, a slide's 960x540).
//   scripts/screenshot.sh engines          (build first: scripts/build.sh)
//   BENCH_ENGINES="firefox webkit"         only these engines
//   BENCH_STATES="lab cut-off"             only these states

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../lib/browsers.mjs';
import { Page } from '../lib/page.mjs';
import { serveDirectory } from '../lib/server.mjs';
import { wholePageDrawn } from '../lib/app-drawn.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const OUT = fileURLToPath(new URL('../out/screenshots/engines/', import.meta.url));

/** "Show me", then paused in the hold: the callout and the decisive request's route on the picture. */
async function holdTheMoment(page) {
  await page.getByTestId('tour-reveal').click();
  await page.getByTestId('callout').waitFor();
  if ((await page.getByTestId('play').getAttribute('aria-pressed')) === 'true') await page.getByTestId('play').click();
  await page.evaluate(() => window.scrollTo(0, 0));
}

const STATES = {
  lab: { query: 'strategy=none&servers=3&users=12&seed=1&ff=12.1&paused=1&lang=en' },
  crashed: {
    query: 'strategy=sticky&servers=3&users=12&seed=1&ff=12.1&paused=1&lang=en',
    prepare: async (page) => {
      await page.getByTestId('server-1').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="server-1"]').dataset.state === 'down');
    },
  },
  korean: { query: 'strategy=cluster-backup&servers=4&users=12&seed=1&ff=12.1&paused=1&lang=ko' },
  // Keyboard focus on a server of the picture and, in the second, on a button of the controls.
  'focus-server': {
    query: 'strategy=none&servers=3&users=12&seed=1&ff=12.1&paused=1&lang=en',
    prepare: async (page) => {
      await page.getByTestId('server-0').focus();
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => document.activeElement?.dataset.testid === 'server-1');
    },
  },
  'focus-button': {
    query: 'strategy=none&servers=3&users=12&seed=1&ff=12.1&paused=1&lang=en',
    prepare: async (page) => {
      await page.getByTestId('play').focus();
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => document.activeElement?.dataset.testid !== 'play');
    },
  },
  embed: { query: 'embed=1&strategy=sticky&servers=3&users=8&seed=1&ff=12.1&paused=1&lang=en' },
  'lab-1080': { query: 'strategy=none&servers=3&users=12&seed=1&ff=12.1&paused=1&lang=en', viewport: { width: 1920, height: 1080 } },
  'failover-1080': { query: 'preset=store-failover&ff=6&paused=1&lang=en', viewport: { width: 1920, height: 1080 } },
  // Copies on their way between servers, each with the rest of its route to the server that waits.
  'copies-1080': { query: 'preset=lag-race&ff=2.2&paused=1&lang=en', viewport: { width: 1920, height: 1080 } },
  'embed-copies-960': { query: 'embed=1&preset=lag-race&ff=2.2&paused=1&lang=en', viewport: { width: 960, height: 540 } },
  'tour-1080': { query: 'tour=9&lang=en', viewport: { width: 1920, height: 1080 } },
  'embed-tour-960': { query: 'embed=1&tour=1&lang=en', viewport: { width: 960, height: 540 } },
  // Held at step 7's answer: the write's copies and acks traced on their lanes.
  'held-1080': { query: 'tour=7&lang=en', viewport: { width: 1920, height: 1080 }, prepare: holdTheMoment },
  'embed-held-960': { query: 'embed=1&tour=7&lang=en', viewport: { width: 960, height: 540 }, prepare: holdTheMoment },
  // Server A cut off from the store 1.5 s ago: the requests waiting on a store that does not answer.
  'cut-off': { query: 'strategy=store&servers=3&users=12&seed=1&log=8000_ps_0&t=9500&paused=1&lang=en' },
  'embed-lab-960': { query: 'embed=1&strategy=cluster-all&servers=4&users=8&seed=1&ff=12.1&paused=1&lang=ko', viewport: { width: 960, height: 540 } },
};

const engines = (process.env.BENCH_ENGINES ?? 'chromium firefox webkit').split(/\s+/).filter(Boolean);
mkdirSync(OUT, { recursive: true });
const site = await serveDirectory(DIST);
try {
  for (const engine of engines) {
    const browser = await launchBrowser(engine);
    try {
      const wanted = process.env.BENCH_STATES?.split(/\s+/).filter(Boolean);
      for (const [name, state] of Object.entries(STATES).filter(([n]) => !wanted || wanted.includes(n))) {
        const driver = await browser.newPage({ viewport: state.viewport ?? { width: 1280, height: 720 } });
        const page = new Page(driver, { engine, timeout: 60_000 });
        try {
          await driver.goto(`${site.baseUrl}?${state.query}`);
          await page.locator('[data-testid=topology]').waitFor();
          await page.waitForFunction(wholePageDrawn);
          if (state.prepare) await state.prepare(page);
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          await page.screenshot({ path: `${OUT}${name}-${engine}.png` });
          console.log(`wrote e2e/out/screenshots/engines/${name}-${engine}.png (${browser.version})`);
        } finally {
          await driver.close();
        }
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await site.close();
}
