// Reading and rewriting the Content-Security-Policy <meta> of a built page. Shared by the Trunk post-build
// hook (scripts/post-build.mjs) and the single-file bundler (scripts/bundle-offline.mjs).

import { createHash } from 'node:crypto';

const META_RE = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/** The sha256 CSP source ('sha256-…') of an inline element's exact text, as browsers hash it. */
export function cspHash(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Text of every inline (no src attribute) <script> or every <style> element in `html`. */
export function inlineBodies(html, tag) {
  const re = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  const bodies = [];
  for (const [, attrs, body] of html.matchAll(re)) {
    if (tag === 'script' && /\bsrc\s*=/.test(attrs)) continue;
    bodies.push(body);
  }
  return bodies;
}

/** Parse a policy string into an ordered Map directive -> list of sources. */
export function parsePolicy(policy) {
  const directives = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

export function formatPolicy(directives) {
  return [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

export function readPolicy(html) {
  const match = html.match(META_RE);
  if (!match) throw new Error('no <meta http-equiv="Content-Security-Policy" content="…"> in the page');
  return parsePolicy(match[1].replaceAll('&#39;', "'").replaceAll('&apos;', "'"));
}

export function writePolicy(html, directives) {
  if (!META_RE.test(html)) throw new Error('no Content-Security-Policy <meta> to rewrite');
  const content = formatPolicy(directives);
  if (content.includes('"')) throw new Error('a policy may not contain a double quote');
  return html.replace(META_RE, () => `<meta http-equiv="Content-Security-Policy" content="${content}">`);
}

/** Replace any hashes in `directive` by the hashes of `bodies` (so rewriting twice changes nothing). */
export function setHashes(directives, directive, bodies) {
  const kept = (directives.get(directive) ?? []).filter((s) => !s.startsWith("'sha256-"));
  directives.set(directive, [...kept, ...[...new Set(bodies.map(cspHash))]]);
}
