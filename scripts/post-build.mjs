// The Trunk post_build hook (Trunk.toml), on $TRUNK_STAGING_DIR before Trunk moves it to dist/:
//   1. release builds only: minify the glue and the style sheets (scripts/lib/minify.mjs);
//   2. drop the wasm's preload: the loader (pattern_script in Trunk.toml) fetches the wasm once the loading
//      screen has painted, and a preload would start it earlier, competing with the style sheets the
//      loading screen needs;
//   3. complete the page's Content-Security-Policy with the sha256 of every inline <script> (Trunk's
//      module loader) and inline <style>, so that a policy without 'unsafe-inline' lets exactly those run.
// One hook on purpose: Trunk starts all hooks of a stage at once, and these steps rewrite index.html, so
// as two hooks they raced and the policy could lose its hash.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineBodies, readPolicy, setHashes, writePolicy } from './lib/csp.mjs';
import { minifyStaging } from './lib/minify.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (this script runs as a Trunk post_build hook)');
  process.exit(1);
}

if (process.env.TRUNK_PROFILE === 'release') minifyStaging(staging);

const file = join(staging, 'index.html');
const built = readFileSync(file, 'utf8');
const html = built.replace(/<link rel="preload"[^>]*as="fetch"[^>]*>/g, '');
if (html === built) throw new Error("post-build: found no preload of the wasm to drop (Trunk's output changed?)");

const policy = readPolicy(html);
if (!policy.has('script-src')) throw new Error('post-build: the policy has no script-src directive');
const scripts = inlineBodies(html, 'script');
if (scripts.length === 0) throw new Error('post-build: found no inline loader script to allow');
setHashes(policy, 'script-src', scripts);
const styles = inlineBodies(html, 'style');
if (styles.length > 0) setHashes(policy, 'style-src', styles);

writeFileSync(file, writePolicy(html, policy));
