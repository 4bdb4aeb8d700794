// Print the gzip size (level 9) of the built site: the wasm alone, the page as a browser loads it
// (wasm + JS + CSS + HTML, without offline.html), and everything in dist/.
// Budget: the page as loaded <= 278 KB gzip (278 000 bytes), a regression guard rather than a goal (what
// people feel is load time and frame rate). Printed as PASS/FAIL; a FAIL fails the build unless
// SESSIONSCOPE_ENFORCE_SIZE_BUDGET=0.
//
// Usage: node scripts/size-report.mjs [dist]

import { BUDGET_BYTES, kb, siteSizes, sum } from './lib/page-size.mjs';

const dist = process.argv[2] ?? 'dist';
const { files, wasm, page } = siteSizes(dist);
if (wasm.length === 0) {
  console.error(`size-report: no .wasm file in ${dist}/ (build first)`);
  process.exit(1);
}

const rows = [
  ['wasm', wasm],
  ['page (wasm + JS + CSS + index.html)', page],
  [`whole ${dist}/`, files],
];
for (const [label, list] of rows) {
  console.log(`${label.padEnd(40)} ${kb(sum(list, 'gzip')).padStart(10)} gzip  ${kb(sum(list, 'raw')).padStart(10)} raw`);
}
for (const file of files.sort((a, b) => b.gzip - a.gzip)) {
  console.log(`  ${file.name.padEnd(38)} ${kb(file.gzip).padStart(10)} gzip  ${kb(file.raw).padStart(10)} raw`);
}

const pageGzip = sum(page, 'gzip');
const verdict = pageGzip <= BUDGET_BYTES ? 'PASS' : 'FAIL';
console.log(`size budget: page ${kb(pageGzip)} gzip of ${kb(BUDGET_BYTES)} allowed: ${verdict}`);
if (verdict === 'FAIL' && process.env.SESSIONSCOPE_ENFORCE_SIZE_BUDGET !== '0') process.exit(1);
