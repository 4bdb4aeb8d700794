// Regenerates docs/screenshot.png (the README's picture of the main view) from the built site.
//   scripts/screenshot.sh        (build first: scripts/build.sh)
// The state is fixed (seed, fast-forward, paused) so the picture only changes when the app does.

import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDirectory } from '../lib/server.mjs';

const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
const OUT = new URL('../../docs/', import.meta.url).pathname;
const QUERY = process.env.SCREENSHOT_QUERY ?? 'strategy=none&servers=3&users=6&seed=1&ff=20&paused=1&lang=en';

const { baseUrl, close } = await serveDirectory(DIST);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--disable-quic', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
  await page.goto(`${baseUrl}?${QUERY}`);
  await page.locator('[data-testid=topology]').waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: `${OUT}screenshot.png` });
  console.log(`wrote docs/screenshot.png from ?${QUERY}`);
} finally {
  await browser.close();
  await close();
}
