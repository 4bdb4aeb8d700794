// Turn the Trunk build in dist/ into ONE self-contained file, dist/offline.html, that works when opened
// straight from disk (file://). Browsers refuse to import ES modules or fetch files from file:// URLs, so
// everything goes inline: the CSS as <style>, the wasm-bindgen glue as an inline module script that
// instantiates the wasm from bytes, the wasm as base64 in a non-executed data block, and any other local
// file the page references (icons, images) as a data: URL.
//
// The page's Content-Security-Policy is replaced by one for a page without an origin: nothing may be
// loaded from anywhere, and only the exact inline script and styles (by sha256) may run.
//
// Usage: node scripts/bundle-offline.mjs [dist]

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { inlineBodies, parsePolicy, setHashes, writePolicy } from './lib/csp.mjs';

const dist = process.argv[2] ?? 'dist';
const OUTPUT = 'offline.html';
const WASM_BLOCK_ID = 'sessionscope-wasm-base64';

const MIME = {
  '.css': 'text/css', '.js': 'text/javascript', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ico': 'image/x-icon', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif',
  '.webp': 'image/webp', '.woff2': 'font/woff2', '.woff': 'font/woff', '.json': 'application/json',
};

function fail(message) {
  console.error(`bundle-offline: ${message}`);
  process.exit(1);
}

/** A path relative to dist/ ("./x.css", "x.css") -> absolute file path, or null for anything else. */
function localFile(reference) {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(reference)) return null;
  const path = normalize(join(dist, reference.split(/[?#]/)[0]));
  return existsSync(path) ? path : null;
}

function dataUrl(path) {
  const mime = MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
  return `data:${mime};base64,${readFileSync(path).toString('base64')}`;
}

/** CSS with every url(...) to a local file turned into a data: URL. */
function inlineCssUrls(css) {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (whole, quote, reference) => {
    const path = localFile(reference);
    return path ? `url("${dataUrl(path)}")` : whole;
  });
}

const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) fail(`${indexPath} not found: run the release build first`);
let html = readFileSync(indexPath, 'utf8');

// 1. Trunk's loader names the glue and the wasm.
const loader = inlineBodies(html, 'script').find((body) => /import\s+init\b/.test(body));
if (!loader) fail("found no Trunk loader (<script type=\"module\"> with `import init …`) in index.html");
const jsReference = loader.match(/from\s+'([^']+\.js)'/)?.[1];
const wasmReference = loader.match(/'([^']+\.wasm)'/)?.[1];
const jsPath = jsReference && localFile(jsReference);
const wasmPath = wasmReference && localFile(wasmReference);
if (!jsPath || !wasmPath) fail(`cannot find the glue (${jsReference}) or the wasm (${wasmReference}) in ${dist}/`);

let glue = readFileSync(jsPath, 'utf8');
if (/^\s*import\s/m.test(glue)) {
  fail('the wasm-bindgen glue imports other modules (wasm-bindgen snippets?); inlining those is not supported yet');
}
// wasm-bindgen writes `export { initSync, __wbg_init as default };` (older versions `export default x;`).
const initName =
  glue.match(/export\s*\{[^}]*?\b([A-Za-z_$][\w$]*)\s+as\s+default\b[^}]*\}/)?.[1] ??
  glue.match(/export\s+default\s+([A-Za-z_$][\w$]*)\s*;/)?.[1];
if (!initName) fail('cannot find the default export (the init function) of the wasm-bindgen glue');
// An inline module cannot be imported by anyone: its exports would only be dead syntax.
glue = glue.replace(/^export\s+default\s+[A-Za-z_$][\w$]*\s*;\s*$/m, '').replace(/^export\s*\{[^}]*\}\s*;?\s*$/gm, '');
glue = glue.replace(/^export\s+(?=(?:async\s+)?function|class|const|let|var)/gm, '');
const moduleScript = `${glue}
// SessionScope offline bundle: the wasm comes from the base64 block below, not from a file.
// (Names prefixed: this shares one scope with the glue.)
const __sessionscopeWasmBase64 = document.getElementById('${WASM_BLOCK_ID}').textContent.trim();
const __sessionscopeWasmBytes = Uint8Array.from(atob(__sessionscopeWasmBase64), (c) => c.charCodeAt(0));
const __sessionscopeWasm = await ${initName}({ module_or_path: __sessionscopeWasmBytes });
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: __sessionscopeWasm } }));
`;
if (moduleScript.includes('</script')) fail('the glue contains "</script", which cannot be inlined as is');

// 2. Assemble: preload hints go (they name files), stylesheets and the loader are inlined.
html = html.replace(/<link\b[^>]*\brel="(?:modulepreload|preload)"[^>]*>\s*/gi, '');
html = html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/gi, (tag) => {
  const path = localFile(tag.match(/\bhref="([^"]+)"/)?.[1] ?? '');
  if (!path) fail(`stylesheet not found in ${dist}/: ${tag}`);
  return `<style>${inlineCssUrls(readFileSync(path, 'utf8'))}</style>`;
});
// Other local references (an icon, an image) become data: URLs.
html = html.replace(/\b(href|src)="([^"]+)"/g, (whole, attribute, reference) => {
  const path = localFile(reference);
  return path ? `${attribute}="${dataUrl(path)}"` : whole;
});
const withoutScripts = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
const leftovers = [...withoutScripts.matchAll(/\b(?:href|src)="(?!data:|#|https?:)([^"]*)"/g)].map((m) => m[1]);
if (leftovers.length > 0) fail(`references left that would not resolve from a single file: ${leftovers.join(', ')}`);
// The loader goes last, so that nothing above rewrites text inside the glue.
const wasmBlock = `<script type="application/octet-stream" id="${WASM_BLOCK_ID}">${readFileSync(wasmPath).toString('base64')}</script>`;
let replaced = 0;
html = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, (tag) => {
  if (!tag.includes(loader)) return tag;
  replaced += 1;
  return `${wasmBlock}\n<script type="module">${moduleScript}</script>`;
});
if (replaced !== 1) fail(`expected to replace one loader script, replaced ${replaced}`);

// 3. A policy for a page opened from disk: no origin to trust, so nothing but the inline code itself.
const policy = parsePolicy(
  "default-src 'none'; script-src 'wasm-unsafe-eval'; style-src 'none'; img-src data: blob:; font-src data:; " +
    "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
);
const executable = inlineBodies(html, 'script').filter((body) => body === moduleScript);
setHashes(policy, 'script-src', executable);
const styles = inlineBodies(html, 'style');
if (styles.length > 0) {
  setHashes(policy, 'style-src', styles);
  policy.set('style-src', policy.get('style-src').filter((s) => s !== "'none'"));
}
html = writePolicy(html, policy);

writeFileSync(join(dist, OUTPUT), html);
console.log(`bundle-offline: wrote ${join(dist, OUTPUT)} (${(Buffer.byteLength(html) / 1000).toFixed(1)} KB)`);
