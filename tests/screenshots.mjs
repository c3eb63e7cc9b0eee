// `make screenshots`: the main views of the built playground (dist/), light and dark, at a
// desktop and a phone width, saved as docs/screenshots/<view>-<theme>-<device>.png.
// The theme follows the system (emulated here), as it does for a first-time visitor.

import { createServer } from 'node:http';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'docs', 'screenshots');
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json' };

const VIEWS = [
  // The single-stage Python example: findings, fixes and sizes side by side.
  { name: 'playground', hash: '#/example/python-single', ready: '#size-panel[data-state="ready"]' },
  { name: 'rules', hash: '#/rules/DL3008', ready: '#rule-detail .rule-why' },
  { name: 'lesson', hash: '#/learn/entrypoint-cmd', ready: '#lesson-status' },
  { name: 'settings', hash: '#/settings', ready: '#rules-settings-title' },
];
const DEVICES = [
  { name: 'desktop', viewport: { width: 1400, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 1 },
];

const server = createServer(async (req, res) => {
  try {
    let file = normalize(join(DIST, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(DIST)) throw new Error();
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const url = `http://127.0.0.1:${server.address().port}/`;
await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const device of DEVICES) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ ...device, colorScheme: theme });
      const page = await context.newPage();
      for (const view of VIEWS) {
        await page.goto(url + view.hash);
        await page.locator(view.ready).first().waitFor({ timeout: 20_000 });
        await page.waitForTimeout(300);
        const file = join(OUT, `${view.name}-${theme}-${device.name}.png`);
        await page.screenshot({ path: file });
        console.log(`screenshot: docs/screenshots/${view.name}-${theme}-${device.name}.png`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
