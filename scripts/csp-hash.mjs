// Trunk post_build hook (Trunk.toml): complete the page's Content-Security-Policy with the sha256 of every
// inline <script> (Trunk's module loader) and inline <style>, so that a policy without 'unsafe-inline' lets
// exactly those run. Works on $TRUNK_STAGING_DIR/index.html before Trunk moves it to dist/.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inlineBodies, readPolicy, setHashes, writePolicy } from './lib/csp.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('csp-hash: TRUNK_STAGING_DIR is not set (this script runs as a Trunk post_build hook)');
  process.exit(1);
}
const file = join(staging, 'index.html');
const html = readFileSync(file, 'utf8');

const policy = readPolicy(html);
if (!policy.has('script-src')) throw new Error('csp-hash: the policy has no script-src directive');
const scripts = inlineBodies(html, 'script');
if (scripts.length === 0) throw new Error('csp-hash: found no inline loader script to allow');
setHashes(policy, 'script-src', scripts);
const styles = inlineBodies(html, 'style');
if (styles.length > 0) setHashes(policy, 'style-src', styles);

writeFileSync(file, writePolicy(html, policy));
