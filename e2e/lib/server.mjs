// A tiny static file server for the built site: serves a directory on 127.0.0.1 at a random port,
// optionally under a sub-path (as a static host or a course site does: /course/sessionscope/).
// For WebKit, whose WebDriver reports no console messages or errors, it can also put the harness's in-page
// recorder (e2e/lib/recorder.mjs) in front of every HTML page as a same-origin script, so that the page's
// trouble is recorded from its first script on (the page's CSP allows 'self' scripts).

import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Types worth compressing, as a static host's gzip setting would (nginx `gzip_types`). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt']);

/** Where the recorder is served, below the prefix. */
export const RECORDER_PATH = '__e2e_recorder.js';

/**
 * Start serving `root` under `prefix` (must start and end with '/'); with `recorder` (script text), every
 * HTML page loads it first from prefix + RECORDER_PATH; with `gzip`, text and wasm go gzip-compressed to
 * clients that accept it (for the Lighthouse benchmark: a real host compresses). Resolves to
 * { origin, baseUrl, requests, close() } where baseUrl = origin + prefix and `requests` lists every
 * path the server was asked for.
 */
export async function serveDirectory(root, { prefix = '/', recorder = null, gzip = false } = {}) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) throw new Error(`prefix must be /…/, got ${prefix}`);
  const requests = [];
  const compressed = new Map();
  const server = createServer((request, response) => {
    let path;
    try {
      path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad path');
      return;
    }
    requests.push(path);
    if (`${path}/` === prefix) {
      response.writeHead(301, { Location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix) || request.method !== 'GET') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    if (recorder && path === prefix + RECORDER_PATH) {
      response.writeHead(200, { 'Content-Type': MIME['.js'], 'Cache-Control': 'no-store' }).end(recorder);
      return;
    }
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== normalize(root) && !file.startsWith(normalize(root) + sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      if (recorder && extname(file) === '.html') {
        const tag = `<script src="${prefix}${RECORDER_PATH}"></script>`;
        const html = readFileSync(file, 'utf8').replace(/<head>/i, (head) => head + tag);
        response.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' }).end(html);
        return;
      }
      if (gzip && COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, gzipSync(readFileSync(file), { level: 9 }));
        const body = compressed.get(file);
        response.writeHead(200, {
          'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
          'Content-Encoding': 'gzip',
          'Content-Length': body.length,
          'Cache-Control': 'no-cache',
          Vary: 'Accept-Encoding',
        });
        response.end(body);
        return;
      }
      const { size } = statSync(file);
      response.writeHead(200, {
        'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-store',
      });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    baseUrl: origin + prefix,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
