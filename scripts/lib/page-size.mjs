// The gzip size of the built site, counted one way for every report (scripts/size-report.mjs, the frame
// benchmark, the benchmark table): gzip level 9 per file, KB = 1000 bytes. "page" is what a browser
// loads (wasm + JS + CSS + index.html, not offline.html); the budget (a regression guard) is 278 KB of it.

import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 278_000;

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every file of `dist` with its raw and gzip sizes, and the wasm and page subsets. */
export function siteSizes(dist) {
  const files = filesUnder(dist).map((path) => {
    const bytes = readFileSync(path);
    return { name: relative(dist, path), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const wasm = files.filter((f) => extname(f.name) === '.wasm');
  const page = files.filter((f) => ['.wasm', '.js', '.css'].includes(extname(f.name)) || f.name === 'index.html');
  return { files, wasm, page };
}

export const sum = (list, key) => list.reduce((total, file) => total + file[key], 0);
export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
