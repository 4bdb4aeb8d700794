// Minify a release build in Trunk's staging directory (called by scripts/post-build.mjs): the wasm's imports
// from its glue get short names (scripts/lib/wasm-imports.mjs), esbuild minifies the wasm-bindgen glue and
// the style sheets, the subresource-integrity hashes Trunk wrote for them follow, and index.html loses its
// comments. (Trunk's own `minify` option stays off: its JS minifier fails on the wasm-bindgen glue.)
// Why: smaller glue and style sheets load faster; this saves about 8 KB gzip.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { transformSync } from 'esbuild';
import { renameInGlue, shortenImports } from './wasm-imports.mjs';

const OPTIONS = {
  '.js': { loader: 'js', format: 'esm', target: 'es2020', minify: true },
  '.css': { loader: 'css', minify: true },
};

const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

export function minifyStaging(staging) {
  const indexFile = join(staging, 'index.html');
  let html = readFileSync(indexFile, 'utf8');
  // Every tag that references a file carries Trunk's integrity hash of the old content.
  const rehash = (name, before, after) => {
    const oldHash = sri(before);
    if (html.includes(oldHash)) html = html.split(oldHash).join(sri(after));
    else if (html.includes(name)) throw new Error(`minify: index.html names ${name} but not its integrity hash`);
  };

  const names = readdirSync(staging);
  const wasmNames = names.filter((name) => extname(name) === '.wasm');
  if (wasmNames.length !== 1) throw new Error(`minify: expected one .wasm in the staging directory, found ${wasmNames.length}`);
  const wasmFile = join(staging, wasmNames[0]);
  const wasmBefore = readFileSync(wasmFile);
  const imports = shortenImports(wasmBefore);
  writeFileSync(wasmFile, imports.wasm);
  rehash(wasmNames[0], wasmBefore, imports.wasm);
  const glueName = wasmNames[0].replace(/_bg\.wasm$/, '.js');
  if (!names.includes(glueName)) throw new Error(`minify: no glue ${glueName} beside ${wasmNames[0]}`);

  for (const name of names) {
    const options = OPTIONS[extname(name)];
    if (!options) continue;
    const file = join(staging, name);
    const before = readFileSync(file, 'utf8');
    const source = name === glueName ? renameInGlue(before, imports) : before;
    const { code, warnings } = transformSync(source, options);
    for (const warning of warnings) console.warn(`minify: ${name}: ${warning.text}`);
    writeFileSync(file, code);
    rehash(name, before, code);
  }

  // Comments explain the source page (index.html at the repository root); the shipped page needs none.
  html = html.replace(/<!--[\s\S]*?-->\s*/g, '');
  writeFileSync(indexFile, html);
}
