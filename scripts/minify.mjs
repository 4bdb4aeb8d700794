// Trunk post_build hook (Trunk.toml), release builds only: minify the wasm-bindgen glue and the style
// sheets with esbuild, drop the HTML comments from index.html, and update the subresource-integrity hashes
// Trunk wrote for the files that changed. Runs before scripts/csp-hash.mjs, which hashes the final inline
// loader. (Trunk's own `minify` option is off: its JS minifier fails on the wasm-bindgen glue.)
//
// Why: the page has a 150 KB gzip budget (issue 4); minifying saves about 3 KB of it.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { transformSync } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('minify: TRUNK_STAGING_DIR is not set (this script runs as a Trunk post_build hook)');
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const OPTIONS = {
  '.js': { loader: 'js', format: 'esm', target: 'es2020', minify: true },
  '.css': { loader: 'css', minify: true },
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

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

// Comments explain the source page (index.html at the repository root); the shipped page does not need them.
html = html.replace(/<!--[\s\S]*?-->\s*/g, '');
writeFileSync(indexFile, html);
