// Regenerates the README's pictures from the built site (build first: scripts/build.sh):
//   scripts/screenshot.sh              all of them
//   scripts/screenshot.sh main embed   some of them
// docs/screenshot.png (the main view), docs/embed.png (embed mode, 16:9), docs/tour.png (a tour step,
// answer revealed), docs/compare.png (the compare view). States are fixed (seed, fast-forward, paused)
// so a picture only changes when the app does.

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchPlaywrightChromium } from '../lib/browsers.mjs';
import { serveDirectory } from '../lib/server.mjs';
import { wholePageDrawn } from '../lib/app-drawn.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const OUT = fileURLToPath(new URL('../../docs/', import.meta.url));

const SHOTS = {
  main: {
    file: 'screenshot.png',
    query: 'strategy=none&servers=3&users=12&seed=1&ff=12.1&paused=1&lang=en',
    viewport: { width: 1440, height: 900 },
  },
  embed: {
    file: 'embed.png',
    query: 'embed=1&strategy=sticky&servers=3&users=8&seed=1&ff=12.1&paused=1&lang=en',
    viewport: { width: 1280, height: 720 },
  },
  tour: {
    file: 'tour.png',
    query: 'tour=1&lang=en',
    viewport: { width: 1440, height: 900 },
    // Reveal the answer, play until the highlighted mismatch counter moves, then pause on that moment.
    async prepare(page) {
      await page.getByTestId('tour-reveal').click();
      await page.getByTestId('tour-answer').waitFor();
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid=metric-mismatches]')?.dataset.value) > 0,
        null,
        { timeout: 120_000 },
      );
      if ((await page.getByTestId('play').getAttribute('aria-pressed')) === 'true') {
        await page.getByTestId('play').click();
      }
    },
  },
  compare: {
    file: 'compare.png',
    query: 'view=compare&servers=3&users=12&seed=1&lang=en',
    viewport: { width: 1440, height: 900 },
    ready: '[data-testid=compare-table]',
    fullPage: true,
  },
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SHOTS);
const { baseUrl, close } = await serveDirectory(DIST);
const browser = await launchPlaywrightChromium();
try {
  mkdirSync(OUT, { recursive: true });
  for (const name of wanted) {
    const shot = SHOTS[name];
    if (!shot) throw new Error(`unknown picture ${name}; known: ${Object.keys(SHOTS).join(', ')}`);
    const page = await browser.newPage({ viewport: shot.viewport, deviceScaleFactor: 1, colorScheme: 'light' });
    await page.goto(`${baseUrl}?${shot.query}`);
    await page.locator(shot.ready ?? '[data-testid=topology]').first().waitFor({ timeout: 120_000 });
    await page.waitForFunction(wholePageDrawn);
    if (shot.prepare) await shot.prepare(page);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: `${OUT}${shot.file}`, fullPage: shot.fullPage ?? false });
    await page.close();
    console.log(`wrote docs/${shot.file} from ?${shot.query}`);
  }
} finally {
  await browser.close();
  await close();
}
