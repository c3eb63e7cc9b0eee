// A static file server for dist/ on 127.0.0.1 (an ephemeral port), shared by the end-to-end
// tests, the timings and the screenshots. "/" serves index.html; nothing outside `dir`.
// Options: `base`, the path the site lives under ("/tools/shipshape/": anything outside it
// is a 404), and `rewrite(path, body)`, which may change a file as it is served.

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Serves `dir`; resolves to `{ server, url }` once listening. */
export async function serve(dir, { base = '/', rewrite = (_path, body) => body } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const full = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (!full.startsWith(base)) throw Object.assign(new Error(), { code: 'ENOENT' });
      const path = full.slice(base.length - 1);
      let file = normalize(join(dir, path));
      if (file !== dir && !file.startsWith(dir + sep)) throw Object.assign(new Error(), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = rewrite(path, await readFile(file));
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(0, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}${base}` };
}
