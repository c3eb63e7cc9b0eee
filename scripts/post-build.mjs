// Trunk's post_build hook (Trunk.toml), run in the staging folder before it becomes dist/:
//
// 1. Move Trunk's inline loader script into a file (start-<hash>.js, with an `integrity`
//    hash), so that the Content-Security-Policy of index.html needs no inline script.
// 2. In release builds, minify the wasm-bindgen JS glue and the other scripts with terser
//    (Trunk's own minifier leaves the glue alone): 2.7 KB less gzipped. The `integrity`
//    hashes in index.html are rewritten to match.
// 3. Fill in the service worker (sw.js): the list of every file of the build and a version
//    made from their contents, so that each build caches under a new name.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const page = join(dir, 'index.html');
let html = readFileSync(page, 'utf8');
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

// 1. The loader, out of the page.
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
for (const [tag, attrs, body] of inline) {
  const name = `start-${short(body)}.js`;
  writeFileSync(join(dir, name), body);
  html = html.replace(tag, `<script${attrs} src=./${name} integrity=${sri(body)}></script>`);
}

// 2. Minified scripts (the service worker last: it is filled in first).
const minify = process.env.TRUNK_PROFILE === 'release' ? (await import(resolve(source, 'node_modules/terser/main.js'))).minify : null;
async function minified(file) {
  const before = readFileSync(file);
  if (!minify) return;
  const { code } = await minify(before.toString('utf8'), { module: true, compress: true, mangle: true });
  writeFileSync(file, code);
  html = html.replaceAll(sri(before), sri(code));
}
const scripts = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'sw.js');
// The docs embed's wasm-bindgen glue too (embed.js is among the scripts above).
if (readdirSync(dir).includes('embed')) scripts.push(...readdirSync(join(dir, 'embed')).filter((f) => f.endsWith('.js')).map((f) => `embed/${f}`));
for (const name of scripts) {
  await minified(join(dir, name));
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) throw new Error('index.html still has an inline script');
writeFileSync(page, html);

// 3. The service worker's files and version.
const files = [];
const walk = (folder) => {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) walk(path);
    else files.push(relative(dir, path).split(sep).join('/'));
  }
};
walk(dir);
// The docs embed (embed*, embed/) is for other sites' pages: the playground does not need it offline.
const cached = files.filter((f) => f !== 'sw.js' && !f.startsWith('embed')).sort();
const version = createHash('sha256');
for (const f of cached) version.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
const worker = join(dir, 'sw.js');
const template = readFileSync(worker, 'utf8');
if (!template.includes("'__FILES__'") || !template.includes('__VERSION__')) throw new Error('sw.js: placeholders missing');
const urls = cached.map((f) => (f === 'index.html' ? './' : f));
writeFileSync(
  worker,
  template.replace("'__FILES__'", urls.map((u) => JSON.stringify(u)).join(', ')).replace('__VERSION__', version.digest('hex').slice(0, 16)),
);
await minified(worker);
