// Pictures of each tour step's key moment, as a class sees it at 1280x720 (build first: scripts/build.sh):
//   node e2e/bench/tour-moments.mjs          every step, English -> docs/tour-01.png ... docs/tour-NN.png
//   node e2e/bench/tour-moments.mjs 1 6      some steps
//   LANG_CODE=ko node e2e/bench/tour-moments.mjs 1   Korean -> docs/tour-01-ko.png
// Each picture is taken during the hold: "Show me" pressed, the outcome has happened, the callout is drawn
// and playback is paused there. A step with a second key moment (data-moments="2") also gets
// docs/tour-NN-b.png at the second hold. Also run by scripts/screenshot.sh (as `moments`).

import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchPlaywrightChromium } from '../lib/browsers.mjs';
import { serveDirectory } from '../lib/server.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const OUT = fileURLToPath(new URL('../../docs/', import.meta.url));
const lang = process.env.LANG_CODE ?? 'en';

const { baseUrl, close } = await serveDirectory(DIST);
const browser = await launchPlaywrightChromium();
try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, colorScheme: 'light' });
  await page.goto(`${baseUrl}?tour=1&lang=${lang}`);
  const steps = Number(await page.getByTestId('tour').getAttribute('data-steps'));
  const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2).map(Number) : [...Array(steps).keys()].map((i) => i + 1);
  for (const n of wanted) {
    await page.goto(`${baseUrl}?tour=${n}&lang=${lang}`);
    await page.getByTestId('tour-reveal').waitFor({ timeout: 60_000 });
    await page.getByTestId('tour-reveal').click();
    await page.getByTestId('callout').waitFor({ timeout: 60_000 });
    // Pause inside the hold, so the picture shows the outcome with its callout.
    if ((await page.getByTestId('play').getAttribute('aria-pressed')) === 'true') await page.getByTestId('play').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const name = (suffix) => `tour-${String(n).padStart(2, '0')}${suffix}${lang === 'en' ? '' : `-${lang}`}.png`;
    const first = (await page.getByTestId('callout').textContent()).trim();
    await page.screenshot({ path: `${OUT}${name('')}` });
    const lines = async () => (await page.getByTestId('callout').locator('text').allTextContents()).join(' / ');
    console.log(`wrote docs/${name('')}: ${await lines()}`);
    if (Number(await page.getByTestId('tour').getAttribute('data-moments')) > 1) {
      await page.getByTestId('play').click();
      await page.waitForFunction((text) => document.querySelector('[data-testid=callout]')?.textContent.trim() !== text,
        first, { timeout: 60_000 });
      if ((await page.getByTestId('play').getAttribute('aria-pressed')) === 'true') await page.getByTestId('play').click();
      // Clicking Play scrolled the page to the controls: back to the picture.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: `${OUT}${name('-b')}` });
      console.log(`wrote docs/${name('-b')}: ${await lines()}`);
    }
  }
} finally {
  await browser.close();
  await close();
}
