// Trunk's post_build hook (Trunk.toml), run in the staging folder before it becomes dist/:
//
// 1. In release builds, minify the wasm-bindgen JS glue and the engine workers' script
//    with terser (Trunk's own minifier leaves the glue alone): 2.7 KB less gzipped. The
//    glue's `integrity` hash in index.html is rewritten to match.
// 2. Hash Trunk's inline loader script into the Content-Security-Policy of index.html
//    (the script names the hashed JS file, so its hash changes with every build).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

if (process.env.TRUNK_PROFILE === 'release') {
  const { minify } = await import(resolve(source, 'node_modules/terser/main.js'));
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const file = join(dir, name);
    const before = readFileSync(file);
    const { code } = await minify(before.toString('utf8'), { module: true, compress: true, mangle: true });
    writeFileSync(file, code);
    html = html.replaceAll(sri(before), sri(code));
  }
}

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
  .map(([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
if (!html.includes('INLINE-SCRIPT-HASHES')) throw new Error('CSP placeholder missing in index.html');
writeFileSync(page, html.replaceAll('INLINE-SCRIPT-HASHES', hashes.join(' ')));
