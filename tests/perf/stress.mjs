// Hostile pastes into the playground in headless Chromium: does the page stay responsive,
// and does it show a result? Prints the longest main-thread task and the time until the
// status line answers, per input. A benchmark, not a pass/fail test.
//
//   make dist && node tests/perf/stress.mjs

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = process.env.SHIPSHAPE_DIST ?? join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const inputs = [
  ['one 500 KB line', `FROM debian:12\nRUN echo ${'a'.repeat(500_000)}\n`],
  ['20,000 short lines', `FROM debian:12\n${'RUN x\n'.repeat(20_000)}`],
  ['2,000 continuation lines', `FROM debian:12\nRUN apt-get install -y \\\n${'  pkg \\\n'.repeat(2_000)}  last\n`],
  ['unclosed ( × 400', `FROM debian:12\nRUN echo ${'( '.repeat(400)}\nRUN apt-get install curl\n`],
  ['nested $( × 300', `FROM debian:12\nRUN echo ${'$('.repeat(300)}x${')'.repeat(300)}\n`],
  ['100 KB of mixed Unicode', `FROM debian:12\nRUN echo ${Array.from({ length: 25_000 }, (_, i) => String.fromCodePoint(0x20 + ((i * 7919) % 0x2ff0))).join('')}\n`],
  ['a heredoc never closed, 3,000 lines', `FROM debian:12\nRUN <<EOF\n${'echo hi\n'.repeat(3_000)}`],
];

const { server, url } = await serve(DIST);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'], serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  for (const [name, text] of inputs) {
    // Each input into a fresh page with the starting example (the page keeps the last
    // text in localStorage).
    await page.evaluate(() => localStorage.clear());
    await page.goto(url);
    await page.locator('#status').filter({ hasText: 'syntax error' }).waitFor();
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    });
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.locator('#editor').click();
    await page.keyboard.press('Control+A');
    await page.evaluate(() => { window.__long = []; });
    const before = await page.locator('#status').innerText();
    const t0 = Date.now();
    await page.keyboard.press('Control+V');
    let answered = true;
    await page.waitForFunction((b) => {
      const s = document.querySelector('#status');
      return s && s.innerText !== b && /syntax errors?/.test(s.innerText) && s.getAttribute('aria-busy') !== 'true';
    }, before, { timeout: 60_000 }).catch(() => { answered = false; });
    const wall = Date.now() - t0;
    await page.waitForTimeout(300);
    const long = await page.evaluate(() => window.__long);
    const status = answered ? (await page.locator('#status').innerText()).replace(/\s+/g, ' ') : 'NO ANSWER in 60 s';
    const held = await page.locator('#editor').evaluate((t) => t.value.length);
    console.log(`stress: ${name}: answered after ${wall} ms; longest task ${long.length ? Math.max(...long).toFixed(0) : 0} ms (${long.length} over 50 ms); ${status}; pasted ${text.length} chars, the textarea holds ${held}`);
  }
  if (errors.length) console.log(`stress: page errors: ${errors.join(' | ')}`);
} finally {
  await browser.close();
  server.close();
}
