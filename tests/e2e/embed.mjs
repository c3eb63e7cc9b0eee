// End-to-end test of the docs embed (<shipshape-playground>, www/embed.js) on its demo page
// (www/embed-demo.html): a plain documentation page with four live examples, under the
// site's strict Content-Security-Policy.
//
//   make dist && node tests/e2e/embed.mjs
//
// Serves dist/ on 127.0.0.1, runs /usr/bin/chromium headless through playwright-core,
// records every request, CSP violation, page and console error, and fails on any.
// Prints one line per step and "e2e embed: N passed, M failed"; exits 1 on failure.

import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';
import { assert, BROWSER_ARGS, CHROMIUM, suite, watch } from './harness.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = process.env.SHIPSHAPE_DIST ?? join(ROOT, 'dist');
const OVERALL_TIMEOUT_MS = 120_000;

const { step, run } = suite('e2e embed', { timeoutMs: OVERALL_TIMEOUT_MS, stopOnFailure: false });

async function main() {
  await stat(join(DIST, 'embed-demo.html')).catch(() => {
    throw new Error('dist/embed-demo.html is missing: run `make dist` first');
  });
  const { server, url } = await serve(DIST);
  const origin = new URL(url).origin;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, serviceWorkers: 'block' });
    const seen = await watch(context, origin);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    seen.page(page);
    // Playwright's CSS locators pierce open shadow roots.
    const embeds = page.locator('shipshape-playground');
    const codes = (loc) => loc.locator('.findings li').evaluateAll((lis) => lis.map((li) => li.dataset.code));

    await step('the demo page shows four playgrounds (three elements and a Markdown code block), each coloured and linted', async () => {
      await page.goto(`${url}embed-demo.html`);
      await page.waitForFunction(() => document.querySelectorAll('shipshape-playground').length === 4);
      for (let i = 0; i < 4; i++) {
        await embeds.nth(i).locator('.status').filter({ hasText: /finding/ }).waitFor();
      }
      assert((await page.locator('pre > code.language-dockerfile').count()) === 0, 'the code block was not upgraded');
      // Coloured by the engine's parser.
      const keywords = await page.locator('#apt .colours .tok-keyword').allInnerTexts();
      assert(keywords.join(' ') === 'FROM RUN RUN', `keywords: ${keywords}`);
      const apt = await codes(page.locator('#apt'));
      assert(apt.includes('DL3015') && apt.includes('DL3009'), `#apt: ${apt}`);
      // A <script type="text/dockerfile"> child: the heredocs as written, coloured as heredocs.
      assert((await page.locator('#heredoc textarea').inputValue()).startsWith('FROM alpine:3.20\nCOPY <<EOF /etc/motd\n'), 'the heredoc text');
      assert((await page.locator('#heredoc .colours .tok-heredoc-marker').count()) >= 2, 'no heredoc markers coloured');
      // The wasm is fetched once for the four.
      const wasm = seen.requests.filter((u) => u.endsWith('/embed/shipshape_bg.wasm'));
      assert(wasm.length === 1, `the engine was fetched ${wasm.length} times`);
    });

    await step('the rules, show and theme attributes work; the size line gives a range', async () => {
      const pin = await codes(page.locator('#pin'));
      assert(pin.length > 0 && pin.every((c) => c === 'DL3006' || c === 'DL3007'), `#pin: ${pin}`);
      assert((await page.locator('#pin .size').count()) === 0 || (await page.locator('#pin .size').isHidden()), 'show="findings" shows the size');
      // theme="dark" on a light page.
      const bg = (sel) => page.locator(sel).evaluate((f) => getComputedStyle(f).backgroundColor);
      const dark = (rgb) => rgb.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0) < 200;
      assert(dark(await bg('#pin .frame')) && !dark(await bg('#apt .frame')), `backgrounds: ${await bg('#pin .frame')}, ${await bg('#apt .frame')}`);
      const size = page.locator('#apt .size');
      await size.filter({ hasText: /^Image size ≈ [\d.]+ MB \([\d.]+ MB–[\d.]+ MB\)/ }).waitFor();
    });

    await step("typing in one playground updates its own findings and leaves the others' alone", async () => {
      const others = async () => [await codes(page.locator('#pin')), await codes(embeds.nth(2)), await codes(page.locator('#heredoc'))];
      const before = await others();
      const editor = page.locator('#apt textarea');
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('RUNN echo hi\n');
      await page.waitForFunction(() => {
        const root = document.querySelector('#apt').shadowRoot;
        return [...root.querySelectorAll('.findings li')].some((li) => li.querySelector('.where').textContent.startsWith('4:'));
      });
      assert(JSON.stringify(await others()) === JSON.stringify(before), 'another playground changed');
      // Past non-ASCII text the marker still sits under the token.
      await page.keyboard.type('RUN echo "café 𝄞" && apk add jq\n');
      await page.waitForFunction(() => [...document.querySelector('#apt').shadowRoot.querySelectorAll('mark')].some((m) => m.textContent === 'jq'));
      // The marker under the broken line.
      const marks = await page.locator('#apt mark').allInnerTexts();
      assert(marks.some((m) => m.includes('RUNN')), `marks: ${marks}`);
    });

    await step('a Fix button changes the text, and the finding goes', async () => {
      const editor = page.locator('#apt textarea');
      await page.locator('#apt li[data-code="DL3015"] button.fix').click();
      await page.waitForFunction(() => !document.querySelector('#apt').shadowRoot.querySelector('li[data-code="DL3015"]'));
      assert((await editor.inputValue()).includes('apt-get install -y --no-install-recommends curl'), await editor.inputValue());
      // Ctrl+Z in the editor undoes the fix.
      await editor.focus();
      await page.keyboard.press('Control+Z');
      await page.locator('#apt li[data-code="DL3015"]').waitFor();
    });

    await step('a Fix that would break the build is refused, and the status line says which finding it would add', async () => {
      // DL3009 would remove the lists that the install on line 3 still needs.
      const text = 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get install -y make\n';
      const editor = page.locator('#apt textarea');
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
      const fix = page.locator('#apt li[data-code="DL3009"] button.fix');
      await fix.click();
      const status = page.locator('#apt .status');
      await status.filter({ hasText: 'would break the build' }).waitFor();
      const said = await status.innerText();
      assert(said.includes('DL3009') && said.includes('SS6001 on line 3'), `the status reads "${said}"`);
      assert((await editor.inputValue()) === text, 'the refused fix changed the text');
      // A fix that breaks nothing still applies.
      await page.locator('#apt li[data-code="DL3014"], #apt li[data-code="DL3015"]').first().locator('button.fix').click();
      await page.waitForFunction((t) => document.querySelector('#apt').shadowRoot.querySelector('textarea').value !== t, text);
    });

    await step("the page's CSS does not reach inside (shadow DOM)", async () => {
      const margin = await page.locator('#apt textarea').evaluate((t) => getComputedStyle(t).marginTop);
      assert(margin === '0px', `textarea margin ${margin}`);
      const font = await page.locator('#apt textarea').evaluate((t) => getComputedStyle(t).fontFamily);
      assert(!font.includes('Georgia'), `font ${font}`);
    });

    await step('"Open in the playground" opens the playground with the same text', async () => {
      const text = await page.locator('#pin textarea').inputValue();
      const [popup] = await Promise.all([context.waitForEvent('page'), page.locator('#pin a.open').click()]);
      seen.page(popup, 'playground');
      await popup.waitForFunction((t) => document.querySelector('#editor')?.value === t, text, { timeout: 20_000 });
      await popup.close();
    });

    await step('nothing left the origin; no CSP violation, failed request, page or console error', async () => {
      seen.assertClean();
    });
  } finally {
    await browser.close();
    server.close();
  }
}

console.log('e2e embed: <shipshape-playground> on a documentation page');
await run(main);
