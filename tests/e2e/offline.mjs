// End-to-end test of the site as it is deployed: served from a subpath, under its strict
// Content-Security-Policy, used with the network off after a first visit, and updated to
// a new build.
//
//   make dist && node tests/e2e/offline.mjs
//
// Serves dist/ under /tools/shipshape/ on 127.0.0.1 (anything else is a 404), runs
// /usr/bin/chromium headless through playwright-core with service workers on, records
// every request, every CSP violation, every page and console error, and fails on any.
// Prints one line per step and "e2e offline: N passed, M failed"; exits 1 on failure.

import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { assert, BROWSER_ARGS, CHROMIUM, suite, watch } from './harness.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = process.env.SHIPSHAPE_DIST ?? join(ROOT, 'dist');
const BASE = '/tools/shipshape/';
const OVERALL_TIMEOUT_MS = 180_000;
const STEP_TIMEOUT_MS = 15_000;

const { step, run } = suite('e2e offline', { timeoutMs: OVERALL_TIMEOUT_MS });

async function main() {
  await stat(join(DIST, 'sw.js')).catch(() => {
    throw new Error('dist/sw.js is missing: run `make dist` first');
  });
  // A second build is simulated by serving sw.js with another version.
  let newBuild = false;
  let oldVersion = null;
  const rewrite = (path, body) => {
    if (path !== '/sw.js' || !newBuild) return body;
    const text = body.toString('utf8');
    oldVersion ??= text.match(/"([0-9a-f]{16})"/)?.[1];
    return Buffer.from(text.replace(oldVersion, 'feedfacefeedface'));
  };
  const { server, url } = await serve(DIST, { base: BASE, rewrite });
  const origin = new URL(url).origin;
  const profile = await mkdtemp(join(tmpdir(), 'shipshape-offline-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 820 },
      serviceWorkers: 'allow',
      args: BROWSER_ARGS,
    });
    // Every request of the page, its workers and the service worker.
    const seen = await watch(context, origin);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    seen.page(page);
    const editor = page.locator('#editor');
    const status = page.locator('#status');
    const linted = () => status.filter({ hasText: /\d+ instructions?/ }).waitFor();

    await step(`the site works from a subpath (${BASE}): the playground, an example, a rule doc`, async () => {
      await page.goto(url);
      await linted();
      await page.locator('#examples').selectOption('alpine');
      await page.locator('#fix-notice').filter({ hasText: 'Loaded the example' }).waitFor();
      assert((await editor.inputValue()).includes('FROM alpine'), 'the Alpine example did not load');
      await page.goto(`${url}#/rules/DL3008`);
      await page.locator('#rule-detail .rule-why').waitFor();
      assert(seen.failed.length === 0, `failed requests: ${seen.failed.join(', ')}`);
    });

    await step('the Content-Security-Policy is strict: no inline script, no eval, connections to this site only', async () => {
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      const directive = (name) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? '';
      assert(directive('script-src') === "script-src 'self' 'wasm-unsafe-eval'", `script-src: ${directive('script-src')}`);
      assert(directive('connect-src') === "connect-src 'self'", `connect-src: ${directive('connect-src')}`);
      assert(!csp.includes('unsafe-inline') && !csp.includes("'unsafe-eval'"), `csp: ${csp}`);
      assert((await page.locator('script:not([src])').count()) === 0, 'an inline script is in the page');
      assert(seen.violations.length === 0, `CSP violations: ${seen.violations.join('; ')}`);
    });

    await step('after the first visit, the playground, a rule doc and a lesson work with the network off', async () => {
      // The service worker has cached the site and controls the page.
      await page.goto(url);
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
      const cached = await page.evaluate(async (scope) => {
        const names = (await caches.keys()).filter((n) => n.startsWith(`shipshape ${scope} `));
        return names.length === 1 ? (await (await caches.open(names[0])).keys()).length : -names.length;
      }, url);
      assert(cached > 20, `cached files: ${cached}`);
      await context.setOffline(true);
      try {
        await page.reload();
        await linted();
        // Typing lints, and the size estimate reads the Debian table from the cache.
        await editor.fill('FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n');
        await page.locator('#findings li[data-code="DL3008"]').first().waitFor();
        await page.waitForFunction(() => document.querySelector('#size-panel')?.dataset.state === 'ready', null, { timeout: 30_000 });
        assert((await page.locator('#size-debian-error').count()) === 0, 'the Debian table did not load offline');
        assert(Number(await page.locator('#size-before').getAttribute('data-expected')) > 0, 'no estimate offline');
        // A rule doc (its text is a separate file).
        await page.goto(`${url}#/rules/DL3020`);
        await page.locator('#rule-detail .rule-why').waitFor();
        assert((await page.locator('#rule-detail pre.example.bad').innerText()).includes('ADD'), 'no bad example offline');
        // A lesson, done offline.
        await page.goto(`${url}#/learn`);
        await page.locator('li[data-lesson="entrypoint-cmd"] a').click();
        const lessonEditor = page.locator('.lesson #editor');
        await page.locator('#lesson-status').filter({ hasText: 'Still reported: DL3025' }).waitFor();
        const start = await lessonEditor.inputValue();
        await lessonEditor.fill(
          start.replace('ENTRYPOINT gunicorn app.wsgi', 'ENTRYPOINT ["gunicorn", "app.wsgi"]').replace('CMD -b 0.0.0.0:8000', 'CMD ["-b", "0.0.0.0:8000"]'),
        );
        await page.locator('#lesson-status[data-state="done"]').waitFor();
      } finally {
        await context.setOffline(false);
      }
    });

    await step('the site is installable: its manifest reads and Chromium reports nothing against installing it', async () => {
      const cdp = await context.newCDPSession(page);
      const manifest = await cdp.send('Page.getAppManifest');
      assert(manifest.errors.length === 0, `manifest errors: ${JSON.stringify(manifest.errors)}`);
      assert(JSON.parse(manifest.data).start_url === './', 'start_url');
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      assert(installabilityErrors.length === 0, `installability: ${JSON.stringify(installabilityErrors)}`);
      await cdp.detach();
    });

    await step('a new build shows "A new version is ready"; Reload switches to it and drops the old cache', async () => {
      await page.goto(url);
      await linted();
      const note = page.locator('#update');
      assert((await note.count()) === 0, 'the update note shows without an update');
      newBuild = true;
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
      await note.waitFor({ state: 'visible' });
      assert((await note.innerText()).includes('A new version of shipshape is ready'), `note: ${await note.innerText()}`);
      await Promise.all([page.waitForEvent('load'), note.locator('button').click()]);
      await linted();
      assert((await note.count()) === 0, 'the note stays after the reload');
      const names = await page.evaluate(async (scope) => (await caches.keys()).filter((n) => n.startsWith(`shipshape ${scope} `)), url);
      assert(names.length === 1 && names[0].endsWith(' feedfacefeedface'), `caches: ${names.join(', ')}`);
    });

    await step('nothing left the origin; no CSP violation, failed request, page or console error', async () => {
      seen.assertClean();
    });
  } finally {
    await context?.close().catch(() => {});
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

console.log('e2e offline: the deployed site (subpath, CSP, offline, updates)');
await run(main);
