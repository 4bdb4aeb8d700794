// Minify a release build in Trunk's staging directory (called by scripts/post-build.mjs): esbuild minifies
// the wasm-bindgen glue and the style sheets, the subresource-integrity hashes Trunk wrote for them follow,
// and index.html loses its comments. (Trunk's own `minify` option stays off: its JS minifier fails on the
// wasm-bindgen glue.) Why: the page has a 150 KB gzip budget (issue 4); this saves about 3 KB of it.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { transformSync } from 'esbuild';

const OPTIONS = {
  '.js': { loader: 'js', format: 'esm', target: 'es2020', minify: true },
  '.css': { loader: 'css', minify: true },
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export function minifyStaging(staging) {
  const indexFile = join(staging, 'index.html');
  let html = readFileSync(indexFile, 'utf8');

  for (const name of readdirSync(staging)) {
    const options = OPTIONS[extname(name)];
    if (!options) continue;
    const file = join(staging, name);
    const before = readFileSync(file, 'utf8');
    const { code, warnings } = transformSync(before, options);
    for (const warning of warnings) console.warn(`minify: ${name}: ${warning.text}`);
    writeFileSync(file, code);
    // Every tag that references this file carries Trunk's integrity hash of the old content.
    const oldHash = sri(before);
    if (html.includes(oldHash)) html = html.split(oldHash).join(sri(code));
    else if (html.includes(name)) throw new Error(`minify: index.html names ${name} but not its integrity hash`);
  }

  // Comments explain the source page (index.html at the repository root); the shipped page needs none.
  html = html.replace(/<!--[\s\S]*?-->\s*/g, '');
  writeFileSync(indexFile, html);
}
