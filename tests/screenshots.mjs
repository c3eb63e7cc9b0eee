// `make screenshots`: the main views of the built playground (dist/), light and dark, at a
// desktop and a phone width, saved as docs/screenshots/<view>-<theme>-<device>.png.
// The theme follows the system (emulated here), as it does for a first-time visitor.

import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const DIST = join(ROOT, 'dist');
const OUT = join(ROOT, 'docs', 'screenshots');

const VIEWS = [
  // The single-stage Python example: findings, fixes and sizes side by side.
  { name: 'playground', hash: '#/example/python-single', ready: '#size-panel[data-state="ready"]' },
  { name: 'rules', hash: '#/rules/DL3008', ready: '#rule-detail .rule-why' },
  { name: 'lesson', hash: '#/learn/entrypoint-cmd', ready: '#lesson-status' },
  { name: 'settings', hash: '#/settings', ready: '#rules-settings-title' },
  // The docs embed on its demo page, with its size line filled in.
  { name: 'embed', path: 'embed-demo.html', ready: '#apt .size', text: 'Image size' },
];
const DEVICES = [
  { name: 'desktop', viewport: { width: 1400, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 1 },
];

const { server, url } = await serve(DIST);
await mkdir(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const device of DEVICES) {
    for (const theme of ['light', 'dark']) {
      const context = await browser.newContext({ ...device, colorScheme: theme, serviceWorkers: 'block' });
      const page = await context.newPage();
      for (const view of VIEWS) {
        await page.goto(url + (view.path ?? '') + (view.hash ?? ''));
        const ready = page.locator(view.ready);
        await (view.text ? ready.filter({ hasText: view.text }) : ready).first().waitFor({ timeout: 20_000 });
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
