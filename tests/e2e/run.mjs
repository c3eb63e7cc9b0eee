// End-to-end test of the built playground (dist/), driven like a person would:
// click into the editor, type a broken line, watch the error appear, fix it, watch it go.
//
//   make dist && node tests/e2e/run.mjs
//
// Serves dist/ on 127.0.0.1 (ephemeral port), runs /usr/bin/chromium headless through
// playwright-core, and fails on any request that leaves 127.0.0.1, any page error and any
// console error. Prints one line per step and "e2e: N passed, M failed"; exits 1 on failure.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { chromium } from 'playwright-core'; // the repo's node_modules (npm ci)
import { serve } from '../serve.mjs';
import { assert, BROWSER_ARGS, CHROMIUM, suite } from './harness.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = join(ROOT, 'dist');
const SCREENSHOT = join(ROOT, 'test-results', 'e2e-playground.png');
const OVERALL_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 10_000;
// The CLI, to check that the playground and `shipshape check` agree (make test-e2e builds it).
const CLI = process.env.SHIPSHAPE_BIN ?? join(ROOT, 'target', 'debug', 'shipshape');

/** A Dockerfile with findings of many kinds (shell rules, structure, ShellCheck equivalents). */
const MIXED = [
  'FROM ubuntu',
  'MAINTAINER someone@example.com',
  'RUN apt-get update && apt-get install -y curl wget',
  'RUN cd /tmp && curl -sL https://example.com/x.tgz | tar xz',
  'RUN echo $HOME $(whoami) && sudo rm -rf $DIR/',
  'ADD app.py /app/',
  'COPY a b c /dest',
  'WORKDIR relative',
  'EXPOSE 80000',
  'RUN curl -fsSL https://get.example.com/install.sh | sh',
  'ENV DB_PASSWORD=hunter2',
  'EXPOSE 22',
  'USER root',
  'CMD python /app/app.py',
  '',
].join('\n');

// The seed guide (outside the repo, not ours to copy): its first Dockerfile example is read
// at run time. Without ../shared the step uses a Dockerfile of our own instead, and says so.
const SEED = join(ROOT, '..', 'shared', 'seed', '000_3208015ed4709832.txt');
const INSTRUCTION = /^(#|(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)\b)/i;

/** The first Dockerfile of the seed: from the comment or FROM line that opens it to its last instruction. */
async function seedExample() {
  const text = await readFile(SEED, 'utf8').catch(() => null);
  if (text === null) return null;
  const lines = text.split('\n');
  let start = lines.findIndex((l) => /^FROM\s/i.test(l));
  if (start < 0) return null;
  if (start > 0 && lines[start - 1].startsWith('#')) start--;
  const out = [];
  for (let i = start; i < lines.length; i++) {
    const continued = out.length > 0 && /\\\s*$/.test(out[out.length - 1]);
    if (!continued && !INSTRUCTION.test(lines[i])) break;
    out.push(lines[i]);
  }
  return out.join('\n') + '\n';
}

/** Our own stand-in for the seed's example (same kinds of findings). */
const OWN_EXAMPLE = [
  '# build stage',
  'FROM python:3.12-slim as builder',
  'ENV PYTHONUNBUFFERED 1',
  'RUN apt-get update && \\',
  'apt-get install -y --no-install-recommends gcc',
  'COPY requirements.txt .',
  'RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt',
  'FROM python:3.12-slim',
  'COPY --from=builder /wheels /wheels',
  'RUN pip install /wheels/*',
  '',
].join('\n');

/** A Dockerfile for the image-size panel: apt (so the Debian table loads), pip and the build context. */
const SIZED = [
  'FROM python:3.9',
  'RUN apt-get update && apt-get install -y curl',
  'RUN pip install flask',
  'COPY . /app',
  'CMD ["python", "/app/app.py"]',
  '',
].join('\n');

/** `shipshape size --format json` on a text: the CLI's estimate before and after the size fixes. */
async function cliSize(text) {
  const dir = await mkdtemp(join(tmpdir(), 'shipshape-e2e-size-'));
  const file = join(dir, 'Dockerfile');
  await writeFile(file, text);
  try {
    return JSON.parse(execFileSync(CLI, ['size', '--format', 'json', file], { encoding: 'utf8' }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `shipshape check --fix [--unsafe-fixes] -` on a text: the fixed text the CLI prints. */
function cliFix(text, unsafe) {
  const args = ['check', '--fix', ...(unsafe ? ['--unsafe-fixes'] : []), '--no-fail', '-'];
  return execFileSync(CLI, args, { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
}

const { step, run } = suite('e2e', { timeoutMs: OVERALL_TIMEOUT_MS });

async function main() {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('dist/index.html is missing: run `make dist` first');
  });
  const { server, url } = await serve(DIST);
  const profile = await mkdtemp(join(tmpdir(), 'shipshape-e2e-'));
  const offHost = [];
  const problems = [];
  let context;
  try {
    // A persistent context on a fresh, empty profile directory (removed at the end).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 820 },
      // "Copy link" and "Copy as Markdown" write to the clipboard; the test reads it back.
      permissions: ['clipboard-read', 'clipboard-write'],
      // The service worker would answer requests that some steps intercept (a missing
      // worker.js, an unreachable table): tests/e2e/offline.mjs tests it on its own.
      serviceWorkers: 'block',
      args: BROWSER_ARGS,
    });
    context.on('request', (r) => {
      const { protocol, hostname } = new URL(r.url());
      if (!['data:', 'blob:'].includes(protocol) && hostname !== '127.0.0.1') offHost.push(r.url());
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console.error: ${m.text()}`));

    // The Debian package table, fetched when a Dockerfile first runs apt.
    let tableRequests = 0;
    page.on('request', (r) => r.url().endsWith('/debian-bookworm.tsv.gz') && tableRequests++);

    const editor = page.locator('#editor');
    const errors = page.locator('#errors');
    const status = page.locator('#status');
    let before = 0;
    let brokenLine = 0;
    const instructionCount = async () => Number((await status.innerText()).match(/(\d+) instructions?/)[1]);

    await step('the app loads with the example, highlighted, with line numbers and no syntax errors', async () => {
      await page.goto(url);
      await status.filter({ hasText: '0 syntax errors' }).waitFor();
      assert((await page.title()) === 'shipshape', `title is ${await page.title()}`);
      assert((await errors.count()) === 0, 'an error list shows without errors');
      before = await instructionCount();
      assert(before > 5, `only ${before} instructions counted`);
      // Highlighting from our parser: keywords, a comment-like directive, strings.
      const keywords = await page.locator('.highlight .tok-keyword').allInnerTexts();
      assert(['FROM', 'RUN', 'COPY', 'CMD'].every((k) => keywords.includes(k)), `keywords: ${keywords.join(',')}`);
      assert((await page.locator('.highlight .tok-directive').first().innerText()).startsWith('# syntax='), 'no directive colour');
      assert((await page.locator('.highlight .tok-string').count()) >= 4, 'CMD strings are not highlighted');
      const numbers = await page.locator('.gutter .num').allInnerTexts();
      assert(numbers.slice(0, 3).map((n) => n.trim()).join(',') === '1,2,3', `line numbers: ${numbers.slice(0, 3)}`);
      assert((await page.locator('#engine-version').innerText()).startsWith('shipshape engine 0.'), 'no engine version');
      // The engine runs off the page's thread: a lint worker and a size worker, both
      // running the page's own wasm (src/worker.rs).
      // (Playwright learns of a worker a moment after it starts: wait up to 5 s.)
      for (let i = 0; i < 50 && page.workers().length < 2; i++) await page.waitForTimeout(100);
      const workers = page.workers().map((w) => w.url());
      assert(workers.length === 2 && workers.every((u) => u.endsWith('/worker.js')), `workers: ${workers.join(', ')}`);
    });

    await step('typing a misspelled instruction shows it with its line', async () => {
      await editor.click();
      await page.keyboard.press('Control+End');
      const text = await editor.inputValue();
      brokenLine = text.replace(/\n$/, '').split('\n').length + 1;
      // The example ends with a line break, so the new line is typed on its own line.
      await page.keyboard.type(text.endsWith('\n') ? 'RUNN echo oops' : '\nRUNN echo oops', { delay: 15 });
      const item = errors.locator('li', { hasText: `Line ${brokenLine}, column 1:` });
      await item.waitFor();
      const shown = await item.innerText();
      assert(shown.includes('unknown instruction'), `error reads "${shown}"`);
      assert(shown.includes('unknown-instruction'), `no error code in "${shown}"`);
      assert((await errors.getAttribute('data-count')) === '1', 'expected exactly one error');
      // The keyword is marked as unknown in the editor, and the gutter shows an error icon.
      assert((await page.locator('.highlight .tok-unknown').innerText()) === 'RUNN', 'RUNN is not marked');
      assert((await status.getAttribute('class')).split(' ').includes('bad'), 'a syntax error is not shown in red');
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-error.png') });
    });

    await step('fixing the line clears the errors and counts one more instruction', async () => {
      await page.keyboard.press('Shift+Home');
      await page.keyboard.type('RUN echo oops', { delay: 15 });
      await status.filter({ hasText: '0 syntax errors' }).waitFor();
      assert((await errors.count()) === 0, 'errors not cleared');
      const after = await instructionCount();
      assert(after === before + 1, `instructions went from ${before} to ${after}`);
      // The example's findings would fail CI: the line is amber, not green.
      assert((await page.locator('#ci-verdict').innerText()).includes('CI would fail'), 'the example passes CI');
      const cls = (await status.getAttribute('class')).split(' ');
      assert(cls.includes('warn') && !cls.includes('ok'), `status classes: ${cls.join(' ')}`);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
    });

    await step('lint findings appear at their columns; a pragma hides one; clicking selects', async () => {
      await editor.fill('');
      await editor.click();
      await page.keyboard.type('FROM debian:12\nRUN apt-get install curl', { delay: 10 });
      const finding = (code) => page.locator(`#findings li[data-code="${code}"]`);
      for (const [code, where] of [['DL3014', '2:13'], ['DL3015', '2:13'], ['DL3008', '2:21']]) {
        await finding(code).waitFor();
        const shown = await finding(code).innerText();
        assert(shown.includes(where), `${code} reads "${shown}", expected ${where}`);
      }
      const marked = await page.locator('.highlight .mark').allInnerTexts();
      assert(marked.includes('curl') && marked.some((m) => m.includes('install')), `underlined: ${marked.join('|')}`);
      const before = await page.locator('#findings li').evaluateAll((els) => els.map((e) => e.dataset.code));
      await finding('DL3008').locator('button.finding-button').click();
      const selected = await editor.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
      assert(selected === 'curl', `selection is "${selected}"`);
      // A pragma above the line hides DL3008 only.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await page.keyboard.type('\n# hadolint ignore=DL3008', { delay: 10 });
      await finding('DL3008').waitFor({ state: 'detached' });
      const codes = await page.locator('#findings li').evaluateAll((els) => els.map((e) => e.dataset.code));
      const expected = before.filter((c) => c !== 'DL3008');
      assert(codes.join(',') === expected.join(','), `findings now ${codes.join(',')}, expected ${expected.join(',')}`);
      // Each finding links to its rule's documentation, shown in the page.
      await page.locator('#findings button[data-doc="DL3014"]').click();
      // The texts come from rule-docs.json, fetched the first time a doc opens.
      await page.locator('#rule-doc .rule-why').waitFor();
      const doc = await page.locator('#rule-doc').innerText();
      assert(doc.includes('DL3014') && /why/i.test(doc), `rule doc reads "${doc.slice(0, 80)}"`);
      assert(doc.includes('has a fix'), 'the DL3014 doc does not say it has a fix');
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-findings.png'), fullPage: true });
      await page.locator('#rule-doc button.close').click();
    });

    await step('the playground shows the same findings as `shipshape check`', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'shipshape-e2e-cli-'));
      const file = join(dir, 'Dockerfile');
      await writeFile(file, MIXED);
      const cli = JSON.parse(execFileSync(CLI, ['check', '--format', 'json', '--no-fail', file], { encoding: 'utf8' }))
        .filter((d) => d.code !== 'DL1000')
        .map((d) => `${d.code}@${d.line}:${d.column}`);
      await rm(dir, { recursive: true, force: true });
      await editor.fill(MIXED);
      await page.locator(`#findings[data-count="${cli.length}"]`).waitFor();
      const shown = await page.locator('#findings li').evaluateAll((els) =>
        els.map((e) => `${e.dataset.code}@${e.querySelector('.where').textContent.trim()}`),
      );
      assert(cli.length > 15, `only ${cli.length} findings from the CLI`);
      // The playground groups them by severity: compare as sets of code@line:column.
      shown.sort();
      cli.sort();
      assert(shown.join(' ') === cli.join(' '), `playground: ${shown.join(' ')}\n   cli: ${cli.join(' ')}`);
    });

    await step('BuildKit, best-practice and security findings show, each with its doc', async () => {
      // The editor still holds MIXED from the step before.
      const finding = (code) => page.locator(`#findings li[data-code="${code}"]`);
      for (const [code, where] of [['WorkdirRelativePath', '8:9'], ['SS5001', '10:53'], ['SS5007', '11:17'], ['SS5003', '12:8']]) {
        await finding(code).waitFor();
        const shown = await finding(code).innerText();
        assert(shown.includes(where), `${code} reads "${shown}", expected ${where}`);
      }
      // The secret's value is masked in the message.
      assert(!(await finding('SS5007').innerText()).includes('hunter2'), 'SS5007 shows the secret');
      for (const [code, expect] of [['SS5001', /curl/], ['WorkdirRelativePath', /WORKDIR/], ['DL3064', /SecretsUsedInArgOrEnv/]]) {
        await page.locator(`#findings button[data-doc="${code}"]`).first().click();
        await page.locator('#rule-doc .rule-why').waitFor();
        const doc = await page.locator('#rule-doc').innerText();
        assert(doc.includes(code) && expect.test(doc) && /why/i.test(doc), `${code} doc reads "${doc.slice(0, 120)}"`);
        await page.locator('#rule-doc button.close').click();
        await page.locator('#rule-doc').waitFor({ state: 'detached' });
      }
    });

    const findingCodes = () => page.locator('#findings li').evaluateAll((els) => els.map((e) => e.dataset.code));
    const fixable = () =>
      page.locator('#findings li').evaluateAll((els) =>
        els.filter((e) => e.querySelector('button.fix-button.safe')).map((e) => e.dataset.code),
      );

    await step("pasting the seed's first Dockerfile and pressing Fix all (safe) fixes it", async () => {
      let example = await seedExample();
      if (example === null) {
        console.log('  note ../shared/seed is absent: using our own example instead of the seed\'s');
        example = OWN_EXAMPLE;
      }
      // Paste: select everything and insert the text in one input event, as a paste does.
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(example);
      await page.locator('#findings li').first().waitFor();
      const before = await findingCodes();
      const safe = await fixable();
      assert(safe.length >= 2, `only ${safe.length} findings with a safe fix: ${before.join(',')}`);
      const bar = page.locator('#fix-bar');
      assert((await bar.getAttribute('data-safe')) === String(safe.length), 'the bar counts other fixes');
      await page.locator('#fix-all').click();
      await page.locator('#fix-bar[data-safe="0"]').waitFor();
      const after = await findingCodes();
      const fixed = await editor.inputValue();
      assert(fixed !== example, 'the text did not change');
      assert(fixed === cliFix(example, false), 'the playground and `shipshape check --fix` disagree');
      // The fixed findings are gone: each code lost at least as many findings as it had safe fixes.
      for (const code of new Set(safe)) {
        const had = before.filter((c) => c === code).length;
        const left = after.filter((c) => c === code).length;
        assert(left <= had - safe.filter((c) => c === code).length, `${code}: ${had} before, ${left} after`);
      }
      assert(after.length <= before.length - safe.length, `findings ${before.length} → ${after.length}`);
      assert((await page.locator('#errors').count()) === 0, 'fix-all added a syntax error');
      assert((await page.locator('#fix-notice').innerText()).includes('safe fix'), 'no notice of what was applied');
      // Undo brings the pasted text back.
      await page.locator('#undo').click();
      await page.waitForFunction((t) => document.querySelector('#editor').value === t, example);
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-fixall.png'), fullPage: true });
    });

    const APT = 'FROM debian:12\nRUN apt-get update \\\n    # the tools\n    && apt-get install -y curl wget\n';
    const APT_FIXED =
      'FROM debian:12\nRUN apt-get update \\\n    # the tools\n    && apt-get install -y --no-install-recommends curl wget\n';

    await step('Fix on a DL3015 finding inserts --no-install-recommends after the install', async () => {
      await editor.fill(APT);
      const dl3015 = page.locator('#findings li[data-code="DL3015"]');
      await dl3015.waitFor();
      const fix = dl3015.locator('button.fix-button');
      assert((await fix.innerText()).includes('unsafe'), 'DL3015 fix is not marked unsafe');
      assert((await dl3015.locator('.fix-title').innerText()).includes('--no-install-recommends'), 'no fix title');
      await fix.click();
      await dl3015.waitFor({ state: 'detached' });
      assert((await editor.inputValue()) === APT_FIXED, `editor holds ${JSON.stringify(await editor.inputValue())}`);
      assert((await page.locator('#undo').isEnabled()), 'Undo is not enabled after a fix');
    });

    await step('Undo restores the text before the fix, and the finding with it', async () => {
      await page.locator('#undo').click();
      await page.locator('#findings li[data-code="DL3015"]').waitFor();
      assert((await editor.inputValue()) === APT, `editor holds ${JSON.stringify(await editor.inputValue())}`);
      assert(!(await page.locator('#undo').isEnabled()), 'Undo still enabled with nothing to undo');
    });

    await step('Ctrl+Z in the editor takes back a fix and a paste, and Ctrl+Shift+Z brings them back', async () => {
      const dl3015 = page.locator('#findings li[data-code="DL3015"]');
      await dl3015.locator('button.fix-button').click();
      await dl3015.waitFor({ state: 'detached' });
      await editor.click();
      await page.keyboard.press('Control+z');
      await dl3015.waitFor();
      assert((await editor.inputValue()) === APT, `after Ctrl+Z: ${JSON.stringify(await editor.inputValue())}`);
      await page.keyboard.press('Control+Shift+Z');
      await dl3015.waitFor({ state: 'detached' });
      assert((await editor.inputValue()) === APT_FIXED, `after Ctrl+Shift+Z: ${JSON.stringify(await editor.inputValue())}`);
      await page.keyboard.press('Control+z');
      await dl3015.waitFor();
      // A paste, at the caret, is one step.
      await page.keyboard.press('Control+End');
      await page.evaluate(() => navigator.clipboard.writeText('\nRUN echo pasted'));
      await page.keyboard.press('Control+v');
      await page.locator('.hl-line', { hasText: 'RUN echo pasted' }).waitFor();
      assert((await editor.inputValue()) === APT + '\nRUN echo pasted', `after the paste: ${JSON.stringify(await editor.inputValue())}`);
      assert((await editor.evaluate((t) => t.selectionStart)) === (APT + '\nRUN echo pasted').length, 'the caret is not after the paste');
      // With Caps Lock on, Ctrl+Z comes as key "Z" without Shift: still undo, not redo.
      await page.keyboard.press('Control+Z');
      await page.locator('.hl-line', { hasText: 'RUN echo pasted' }).waitFor({ state: 'detached' });
      assert((await editor.inputValue()) === APT, `after undoing the paste: ${JSON.stringify(await editor.inputValue())}`);
    });

    await step('Review all fixes shows the unsafe ones as a diff before applying them', async () => {
      await page.locator('#review-all').click();
      const preview = page.locator('#fix-preview');
      await preview.waitFor();
      const added = await preview.locator('tr.added').allInnerTexts();
      const removed = await preview.locator('tr.removed').allInnerTexts();
      assert(added.some((l) => l.includes('--no-install-recommends')), `added lines: ${added.join(' | ')}`);
      assert(removed.some((l) => l.includes('apt-get install -y curl wget')), `removed: ${removed.join(' | ')}`);
      assert((await preview.innerText()).includes('unsafe'), 'the preview does not say which fixes are unsafe');
      // Nothing changed yet.
      assert((await editor.inputValue()) === APT, 'the preview changed the text');
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-preview.png'), fullPage: true });
      await page.locator('#apply-preview').click();
      await preview.waitFor({ state: 'detached' });
      const fixed = await editor.inputValue();
      assert(fixed === cliFix(APT, true), `playground ${JSON.stringify(fixed)} differs from the CLI`);
      assert((await page.locator('#fix-bar').getAttribute('data-unsafe')) === '0', 'unsafe fixes left');
      // Typing after a fix hands undo back to the editor.
      await editor.press('End');
      await page.keyboard.type(' ');
      await page.waitForFunction(() => document.querySelector('#undo').disabled);
    });

    await step('a display-only suggestion opens as a diff and is never applied', async () => {
      const GO = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nCMD ["/bin/app"]\n';
      await editor.fill(GO);
      const ss4001 = page.locator('#findings li[data-code="SS4001"]');
      await ss4001.waitFor();
      const button = ss4001.locator('button.fix-button');
      assert((await button.innerText()) === 'Show suggestion', `button reads "${await button.innerText()}"`);
      await button.click();
      const preview = page.locator('#fix-preview');
      await preview.waitFor();
      const added = await preview.locator('tr.added').allInnerTexts();
      assert(added.some((l) => /FROM\s/.test(l)) && added.some((l) => l.includes('COPY --from=')), `added: ${added.join(' | ')}`);
      assert((await page.locator('#apply-preview').count()) === 0, 'a display-only suggestion can be applied');
      await page.locator('#close-preview').click();
      await preview.waitFor({ state: 'detached' });
      assert((await editor.inputValue()) === GO, 'the suggestion changed the text');
    });

    // The seed's apt case: fixes that never break the build, chosen one by one in the review.
    const SEED_APT = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n';
    const SEED_APT_FIXED =
      'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n';
    // A later install relies on the lists of the RUN that DL3009 would clean.
    const LISTS_NEEDED = 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc\nRUN apt-get install -y make\n';
    const preview = page.locator('#fix-preview');
    const paste = async (text) => {
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
      await page.waitForFunction((t) => document.querySelector('#editor').value === t, text);
      // Two frames (the page has taken the text), then the lint of the new text is on screen.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForFunction(() => document.querySelector('.results-pane').getAttribute('aria-busy') === 'false');
    };
    const openReview = async () => {
      await page.locator('#review-all').click();
      await preview.waitFor();
    };
    const diffLines = async (kind) => preview.locator(`tr.${kind}`).allInnerTexts();

    await step('the seed apt example: Review all fixes, Apply gives the fixed text exactly', async () => {
      await paste(SEED_APT);
      await openReview();
      const boxes = preview.locator('li.fix-item input[type="checkbox"]');
      assert((await boxes.count()) === 3, `${await boxes.count()} boxes`);
      assert((await boxes.evaluateAll((bs) => bs.every((b) => b.checked))), 'a box starts unticked');
      await page.locator('#apply-preview').click();
      await preview.waitFor({ state: 'detached' });
      const fixed = await editor.inputValue();
      assert(fixed === SEED_APT_FIXED, `editor holds ${JSON.stringify(fixed)}`);
      assert(fixed === cliFix(SEED_APT, true), 'the playground and `shipshape check --fix --unsafe-fixes` disagree');
    });

    await step("the seed apt example: DL3009 offers no Fix, in the list or in its card", async () => {
      await paste(SEED_APT);
      const dl3009 = page.locator('#findings li[data-code="DL3009"]');
      await dl3009.waitFor();
      assert((await dl3009.locator('button.fix-button').count()) === 0, 'DL3009 offers a Fix');
      await dl3009.locator('button.finding-button').click();
      const row = page.locator('#finding-card .card-row[data-code="DL3009"]');
      await row.waitFor();
      assert((await row.locator('.card-fix').count()) === 0, "DL3009's card offers a Fix");
    });

    await step('a Fix that would break the build is refused, with the finding it would add (card, list, review)', async () => {
      await paste(LISTS_NEEDED);
      const dl3009 = page.locator('#findings li[data-code="DL3009"]');
      const notice = page.locator('#fix-notice');
      const saysRefused = async () => {
        await notice.filter({ hasText: 'would break the build' }).waitFor({ timeout: 3000 }).catch(() => {});
        const said = await notice.innerText();
        assert(said.includes('DL3009') && said.includes('SS6001 on line 3'), `the notice reads "${said}"`);
        assert(!said.includes('`'), `raw backticks in "${said}"`);
        assert((await notice.locator('code.inline').count()) > 0, 'the notice shows no code');
        assert((await editor.inputValue()) === LISTS_NEEDED, 'the refused fix changed the text');
        assert(!(await page.locator('#undo').isEnabled()), 'a refused fix can be undone');
      };
      // From the finding's card in the editor.
      await dl3009.locator('button.finding-button').click();
      await page.locator('#finding-card .card-row[data-code="DL3009"] .card-fix').click();
      await saysRefused();
      // Typing clears the note; then the Fix button of the list. (A character typed and
      // deleted before its lint lands: the lint of the text on screen still comes.)
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' ');
      await page.keyboard.press('Backspace');
      await page.waitForFunction(() => document.querySelector('#fix-notice').textContent === '');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.waitForFunction(() => document.querySelector('.results-pane').getAttribute('aria-busy') === 'false');
      await dl3009.locator('button.fix-button').click();
      await saysRefused();
      // In the review: listed as refused, with no box, and the other fixes still apply.
      await openReview();
      const refused = preview.locator('li.fix-item.refused[data-code="DL3009"]');
      assert((await refused.count()) === 1, `${await refused.count()} refused DL3009 rows`);
      const why = await refused.innerText();
      assert(why.includes('would break the build') && why.includes('SS6001 on line 3'), `the review says "${why}"`);
      assert((await refused.locator('input').count()) === 0, 'a refused fix has a box');
      await page.locator('#apply-preview').click();
      await preview.waitFor({ state: 'detached' });
      const fixed = await editor.inputValue();
      assert(fixed === cliFix(LISTS_NEEDED, true), `playground ${JSON.stringify(fixed)} differs from the CLI`);
      assert(!fixed.includes('rm -rf'), 'the lists were removed');
    });

    await step('unticking a fix in the review (Tab, Space) takes it out of the diff and of what is applied', async () => {
      await paste(SEED_APT);
      await openReview();
      const item = preview.locator('li.fix-item[data-code="DL3015"]');
      // The title's code spans are code, not backticks.
      assert((await item.locator('code.inline').innerText()) === '--no-install-recommends', 'the title has no code span');
      assert(!(await item.innerText()).includes('`'), `raw backticks in "${await item.innerText()}"`);
      assert((await diffLines('added')).some((l) => l.includes('--no-install-recommends')), 'the diff lacks DL3015');
      // Reach its box with Tab from the button that opened the review, and untick it with Space.
      const box = item.locator('input[type="checkbox"]');
      let reached = false;
      for (let i = 0; i < 25 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await box.evaluate((b) => document.activeElement === b);
      }
      assert(reached, 'Tab never reaches the DL3015 box');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('#fix-preview').dataset.applied === '2');
      assert(!(await box.isChecked()), 'Space did not untick the box');
      assert(await box.evaluate((b) => document.activeElement === b), 'the box lost the focus');
      const added = await diffLines('added');
      assert(!added.some((l) => l.includes('--no-install-recommends')), `the diff still adds DL3015's option: ${added.join(' | ')}`);
      assert(added.some((l) => l.includes('apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*')), `added: ${added.join(' | ')}`);
      // Space again ticks it, and the diff has it back; then untick it and apply the rest.
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('#fix-preview').dataset.applied === '3');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.querySelector('#fix-preview').dataset.applied === '2');
      assert((await page.locator('#apply-preview').innerText()) === 'Apply 2 fixes', await page.locator('#apply-preview').innerText());
      await page.locator('#apply-preview').click();
      await preview.waitFor({ state: 'detached' });
      const fixed = await editor.inputValue();
      assert(fixed === 'FROM debian:12\nRUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*\n', `editor holds ${JSON.stringify(fixed)}`);
      await page.locator('#findings li[data-code="DL3015"]').waitFor();
    });

    await step('on a 390×844 phone the diff wraps its long lines: no text is cut off', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      try {
        const long = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc g++ make cmake pkg-config libssl-dev libffi-dev zlib1g-dev libbz2-dev libreadline-dev libsqlite3-dev curl wget\n';
        await paste(long);
        await openReview();
        await preview.scrollIntoViewIfNeeded();
        const cut = await preview.evaluate((p) => {
          const out = [];
          const right = Math.min(window.innerWidth, p.getBoundingClientRect().right);
          for (const el of p.querySelectorAll('.diff, td, li')) {
            const r = el.getBoundingClientRect();
            if (el.scrollWidth > el.clientWidth + 1 || r.right > right + 1) out.push(`${el.tagName} ${el.textContent.slice(0, 40)}: ${el.scrollWidth} > ${el.clientWidth}, right ${r.right} > ${right}`);
          }
          if (document.documentElement.scrollWidth > window.innerWidth) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
          return out;
        });
        assert(cut.length === 0, cut.join('; '));
        // The long line is there whole, over several rows of the screen.
        const row = preview.locator('tr.added td.text').first();
        assert((await row.innerText()).includes('libsqlite3-dev curl wget'), await row.innerText());
        const height = await row.evaluate((td) => td.getBoundingClientRect().height);
        assert(height > 30, `the long line is ${height} px high: not wrapped`);
        await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-preview-phone.png'), fullPage: true });
        await page.locator('#close-preview').click();
      } finally {
        await page.setViewportSize({ width: 1200, height: 820 });
      }
    });

    // Image size. The panel is settled when its estimate is of the editor's text and the
    // Debian table has been used (no loading note); `changed` waits for a new before-total.
    const total = async (id) => Number(await page.locator(`#size-${id}`).getAttribute('data-expected'));
    const settled = (old = null) =>
      page.waitForFunction((old) => {
        const panel = document.querySelector('#size-panel');
        const before = document.querySelector('#size-before');
        return panel?.getAttribute('aria-busy') === 'false' && panel.dataset.state === 'ready' &&
          !document.querySelector('#size-loading') && before !== null &&
          document.querySelector('#size-after') !== null && before.dataset.expected !== old;
      }, old);

    await step('the size panel shows before and after, as `shipshape size` does, with the Debian table', async () => {
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(SIZED);
      await settled();
      // The earlier apt-get files made the page fetch the table; it is fetched once and kept.
      assert(tableRequests === 1, `the Debian table was requested ${tableRequests} times`);
      const [before, after] = [await total('before'), await total('after')];
      assert(before > 500e6 && after > 0 && after < before, `before ${before}, after ${after}`);
      for (const id of ['before', 'after']) {
        const text = await page.locator(`#size-${id}`).innerText();
        assert(/on disk/.test(text) && /range .+ – /.test(text) && /to pull/.test(text), `#size-${id} reads "${text}"`);
      }
      // The same numbers as `shipshape size` (same engine, same table, default context size).
      const cli = await cliSize(SIZED);
      assert(before === cli.before.expected_bytes && after === cli.after.expected_bytes,
        `playground ${before} → ${after}, cli ${cli.before.expected_bytes} → ${cli.after.expected_bytes}`);
      // One bar per stage on each side, the final stage marked as the image.
      assert((await page.locator('#size-chart .size-side.before .stage-row').count()) === 1, 'not one stage bar');
      assert((await page.locator('#size-chart .size-side.before .stage-role.final').innerText()) === 'the image', 'no "the image" mark');
      const lines = await page.locator('#size-chart .seg[data-side="before"]').evaluateAll((els) => els.map((e) => e.dataset.line));
      assert(lines.join(',') === '1,2,3,4', `before segments at lines ${lines.join(',')}`);
      // Savings beside the findings whose fix makes the image smaller.
      const saving = await page.locator('#findings li[data-code="DL3009"] .saving').innerText();
      assert(/^saves about \d/.test(saving), `DL3009 saving reads "${saving}"`);
      assert((await page.locator('#size-assumptions').innerText()).includes('build context'), 'no context assumption');
      // "with N fixes" under the after total opens the list of the fixes it assumes.
      const fixes = page.locator('#size-after .total-fixes');
      const toggle = fixes.locator('button');
      assert(/^with \d+ fix(es)?$/.test(await toggle.innerText()), `the toggle reads "${await toggle.innerText()}"`);
      assert(!(await fixes.locator('li').first().isVisible()), 'the fixes show before the toggle is pressed');
      await toggle.click();
      assert((await toggle.getAttribute('aria-expanded')) === 'true', 'aria-expanded is not true');
      assert((await fixes.locator('li', { hasText: 'DL3009' }).count()) === 1, 'the open list has no DL3009 fix');
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-size.png'), fullPage: true });
    });

    await step('changing python:3.9 to python:3.9-slim lowers the before total', async () => {
      const old = await total('before');
      await editor.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await page.keyboard.type('-slim', { delay: 15 });
      await settled(String(old));
      const now = await total('before');
      assert((await editor.inputValue()).startsWith('FROM python:3.9-slim\n'), 'the edit went elsewhere');
      assert(now < old, `before went from ${old} to ${now}`);
    });

    await step('the Fix of DL3009 (apt lists) lowers the before total again', async () => {
      const old = await total('before');
      const dl3009 = page.locator('#findings li[data-code="DL3009"]');
      await dl3009.locator('.saving').waitFor();
      await dl3009.locator('button.fix-button').click();
      await dl3009.waitFor({ state: 'detached' });
      await settled(String(old));
      const now = await total('before');
      assert(now < old, `before went from ${old} to ${now}`);
      assert((await editor.inputValue()).includes('rm -rf /var/lib/apt/lists/*'), 'the lists are not removed');
    });

    await step('the context size is editable in place and re-estimates COPY . /app', async () => {
      const field = page.locator('#context-size');
      assert((await field.inputValue()) === '5', `context size starts at "${await field.inputValue()}"`);
      const old = await total('before');
      await field.fill('50');
      await settled(String(old));
      const now = await total('before');
      assert(now - old === 45e6, `before went from ${old} to ${now} for 5 → 50 MB of context`);
      assert((await page.locator('#size-assumptions').innerText()).includes('50.0 MB'), 'the assumption does not say 50 MB');
      await field.fill('5');
      await settled(String(now));
      assert((await total('before')) === old, 'back to 5 MB does not give the old total');
    });

    await step('a requirements file the estimator cannot see is an assumption editable in place', async () => {
      assert((await page.locator('#requirements-size').count()) === 0, 'the requirements field shows without pip install -r');
      const old = await total('before');
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText('RUN pip install --no-cache-dir -r requirements.txt\n');
      await settled(String(old));
      const field = page.locator('#requirements-size');
      await field.waitFor();
      assert((await field.inputValue()) === '60', `requirements size starts at "${await field.inputValue()}"`);
      const with60 = await total('before');
      await field.fill('300');
      await settled(String(with60));
      const with300 = await total('before');
      assert(with300 - with60 === 240e6, `before went from ${with60} to ${with300} for 60 → 300 MB of requirements`);
      assert((await page.locator('#size-assumptions').innerText()).includes('300 MB'), 'the assumption does not say 300 MB');
      // Take the line out again for the steps that follow.
      const text = await editor.inputValue();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text.replace('RUN pip install --no-cache-dir -r requirements.txt\n', ''));
      await settled(String(with300));
    });

    await step('hovering or focusing a bar segment shows its reasons', async () => {
      const details = page.locator('#size-details');
      const run = page.locator('#size-chart .seg[data-side="before"][data-line="2"]');
      assert((await run.getAttribute('tabindex')) === '0', 'segments are not focusable');
      assert((await run.getAttribute('aria-label')).includes('line 2'), 'no accessible label');
      assert((await run.locator('title').textContent()).includes('apt-get install'), 'no tooltip with the reasons');
      await run.hover();
      await details.locator('.seg-details[data-line="2"]').waitFor();
      const shown = await details.innerText();
      assert(shown.includes('apt-get install') && shown.includes('line 2') && / – /.test(shown), `details: ${shown}`);
      // Keyboard: focusing another segment shows its reasons.
      await page.locator('#size-chart .seg[data-side="before"][data-line="4"]').focus();
      await details.locator('.seg-details[data-line="4"]').waitFor();
      assert((await details.innerText()).includes('build context'), `details: ${await details.innerText()}`);
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-size-details.png'), fullPage: true });
    });

    // ---- The editor: markers, hover cards, keyboard --------------------------------------

    const LINT = 'FROM debian:12\nRUN apt-get install curl\n';

    await step('a marker sits under the exact line and column of its finding, with a gutter icon', async () => {
      await editor.fill(LINT);
      await editor.scrollIntoViewIfNeeded();
      const mark = page.locator('.highlight .mark', { hasText: /^curl$/ });
      await mark.waitFor();
      // Where a person sees it: line 2, column 21 of the monospace grid of the text area.
      const area = await editor.boundingBox();
      const box = await mark.boundingBox();
      const cw = await page.locator('.highlight .measure').evaluate((e) => e.getBoundingClientRect().width / 100);
      const [x, y] = [area.x + 12 + 20 * cw, area.y + 12 + 20];
      assert(Math.abs(box.x - x) < 2 && Math.abs(box.y - y) < 4, `curl's mark at ${box.x},${box.y}; expected ${x},${y}`);
      // The text typed and the text drawn are the same characters in the same places.
      // The most severe finding of the line: SS6001 (an install with no package lists) is an error.
      const icon = page.locator('.gutter .ln').nth(1).locator('.gicon');
      assert((await icon.getAttribute('class')).includes('error'), `line 2 icon: ${await icon.getAttribute('class')}`);
      assert((await page.locator('.gutter .ln').nth(0).locator('.gicon').count()) === 0, 'line 1 has an icon');
    });

    await step('hovering a marker opens its card; the rule doc is one click away; leaving closes it', async () => {
      const mark = page.locator('.highlight .mark', { hasText: /^curl$/ });
      await editor.scrollIntoViewIfNeeded();
      const box = await mark.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const card = page.locator('#finding-card');
      await card.waitFor();
      const text = await card.innerText();
      assert(text.includes('DL3008') && /version/i.test(text), `card reads "${text}"`);
      await card.locator('button.card-doc').click();
      await page.locator('#rule-doc .rule-why').waitFor();
      assert((await page.locator('#rule-doc h2').innerText()).includes('DL3008'), 'the card opened another doc');
      await page.locator('#rule-doc button.close').click();
      // Closing the doc may have scrolled the page: find the marker again.
      await editor.scrollIntoViewIfNeeded();
      const again = await mark.boundingBox();
      await page.mouse.move(again.x + again.width / 2, again.y + again.height / 2);
      await card.waitFor();
      await page.mouse.move(again.x + again.width / 2, again.y + 200);
      await card.waitFor({ state: 'detached' });
    });

    await step('F8 and Shift+F8 move between findings, selecting each and opening its card', async () => {
      await editor.click();
      await page.keyboard.press('Control+Home');
      const selection = () => editor.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
      const card = page.locator('#finding-card');
      await page.keyboard.press('F8');
      await card.waitFor();
      const first = await selection();
      assert(first === 'install' && (await card.innerText()).includes('DL3014'), `first: "${first}"`);
      await page.keyboard.press('F8');
      await card.filter({ hasText: 'DL3008' }).waitFor();
      assert((await selection()) === 'curl', `second: "${await selection()}"`);
      await page.keyboard.press('F8'); // wraps around
      await card.filter({ hasText: 'DL3014' }).waitFor();
      await page.keyboard.press('Shift+F8');
      await card.filter({ hasText: 'DL3008' }).waitFor();
      assert((await selection()) === 'curl', 'Shift+F8 went elsewhere');
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached' });
      // Escape then Tab leaves the editor (Tab alone indents).
      await page.keyboard.press('Tab');
      assert((await page.evaluate(() => document.activeElement.id)) !== 'editor', 'Esc, Tab kept the focus');
    });

    await step('Tab indents, and Enter after a continuation indents the next line', async () => {
      await editor.fill('FROM alpine:3.20\nRUN apk add --no-cache curl \\');
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('&& echo done', { delay: 5 });
      let value = await editor.inputValue();
      assert(value.endsWith('curl \\\n    && echo done'), `after Enter: ${JSON.stringify(value)}`);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.type('CMD ["sh"]', { delay: 5 });
      await page.keyboard.press('Home');
      await page.keyboard.press('Tab');
      value = await editor.inputValue();
      assert(value.endsWith('\n    CMD ["sh"]'), `after Tab: ${JSON.stringify(value)}`);
      // Ctrl+Z takes back the indent.
      await page.keyboard.press('Control+z');
      value = await editor.inputValue();
      assert(value.endsWith('\nCMD ["sh"]'), `after undo: ${JSON.stringify(value)}`);
    });

    await step('typing through an input method (composition, as for Japanese) writes the text, highlighted, in one undo step', async () => {
      // Chromium's own IME events, through the DevTools protocol: a composition that
      // changes three times, then commits.
      const cdp = await context.newCDPSession(page);
      const compose = async (parts, commit) => {
        for (const p of parts) await cdp.send('Input.imeSetComposition', { text: p, selectionStart: p.length, selectionEnd: p.length });
        await cdp.send('Input.insertText', { text: commit });
      };
      await editor.fill('FROM debian:12\nRUN echo \n');
      await editor.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await compose(['n', 'に', 'にほ', 'にほん'], '日本語');
      await page.locator('.hl-line', { hasText: 'RUN echo 日本語' }).waitFor();
      assert((await editor.inputValue()) === 'FROM debian:12\nRUN echo 日本語\n', `after the composition: ${JSON.stringify(await editor.inputValue())}`);
      await page.keyboard.press('Control+z');
      await page.locator('.hl-line', { hasText: '日本語' }).waitFor({ state: 'detached' });
      assert((await editor.inputValue()) === 'FROM debian:12\nRUN echo \n', `after Ctrl+Z: ${JSON.stringify(await editor.inputValue())}`);
      await cdp.detach();
    });

    await step('a 5,000-line paste: the editor holds a window of it, and scrolling, typing, F8, undo, select all and copy reach the whole file', async () => {
      // Comments in between: the only finding is MAINTAINER near the end.
      const lines = ['FROM alpine:3.20'];
      for (let i = 2; i < 4990; i++) lines.push(`# filler line ${i}`);
      lines.push('MAINTAINER someone@example.com');
      for (let i = 4991; i < 5000; i++) lines.push(`# filler line ${i}`);
      lines.push('RUN echo last-line');
      const big = lines.join('\n') + '\n';
      const scroller = page.locator('.scroller');
      const copyAll = async () => {
        await page.keyboard.press('Control+a');
        await page.keyboard.press('Control+c');
        return page.evaluate(() => navigator.clipboard.readText());
      };
      const gutterHas = (n) => page.locator('.gutter .num', { hasText: new RegExp(`^${n}$`) }).waitFor();
      await editor.click();
      await page.keyboard.press('Control+a');
      await page.evaluate((t) => navigator.clipboard.writeText(t), big);
      await page.keyboard.press('Control+v');
      await status.filter({ hasText: /^3 instructions/ }).waitFor();
      // The caret is at the end of the paste, in view, and the textarea holds only a window.
      await gutterHas(5000);
      await page.locator('.hl-line', { hasText: 'RUN echo last-line' }).waitFor();
      const held = (await editor.inputValue()).split('\n').length;
      assert(held <= 2000, `the textarea holds ${held} lines`);
      assert((await editor.evaluate((t) => t.value.slice(t.selectionStart - 19, t.selectionEnd))) === 'RUN echo last-line\n', 'the caret is not after the paste');
      // Typing at the caret; Ctrl+A, Ctrl+C copies the whole file, not the window.
      await page.keyboard.type('RUN echo more', { delay: 5 });
      await status.filter({ hasText: /^4 instructions/ }).waitFor();
      assert((await copyAll()) === big + 'RUN echo more', 'select all and copy did not give the whole text');
      // Scrolling to the top moves the window there: the first line can be typed into.
      await page.keyboard.press('End'); // leaves the whole-text selection
      await scroller.evaluate((s) => { s.scrollTop = 0; });
      await gutterHas(1);
      const first = page.locator('.hl-line', { hasText: 'FROM alpine:3.20' });
      const box = await first.boundingBox();
      await page.mouse.click(box.x + 2, box.y + box.height / 2);
      await page.keyboard.press('Home');
      await page.keyboard.type('# top\n', { delay: 5 });
      await page.locator('.hl-line', { hasText: '# top' }).waitFor();
      assert((await copyAll()) === '# top\n' + big + 'RUN echo more', 'the text after typing at the top');
      // Ctrl+Z takes back the typing at the top (the editor's own history).
      await page.keyboard.press('End');
      await page.keyboard.press('Control+z');
      await page.locator('.hl-line', { hasText: '# top' }).waitFor({ state: 'detached' });
      const undone = await copyAll();
      assert(undone === big + 'RUN echo more', `undo gave ${undone.length} characters (${JSON.stringify(undone.slice(0, 40))} … ${JSON.stringify(undone.slice(-40))})`);
      // F8 from the top goes to the finding 4,989 lines down, and selects it.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('F8');
      const card = page.locator('#finding-card');
      await card.filter({ hasText: 'DL4000' }).waitFor();
      await gutterHas(4990);
      const selected = await editor.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
      assert(selected.startsWith('MAINTAINER'), `F8 selected "${selected}"`);
      await page.keyboard.press('Escape');
      // Scrolled far away, the next key brings the view back to the caret, as in any editor.
      const caretLine = () => editor.evaluate((t) => t.value.split('\n')[t.value.slice(0, t.selectionStart).split('\n').length - 1]);
      await scroller.evaluate((s) => { s.scrollTop = 0; });
      await gutterHas(1);
      await page.keyboard.press('End');
      await gutterHas(4990);
      assert((await caretLine()) === 'MAINTAINER someone@example.com', `the caret is on "${await caretLine()}"`);
      // PageDown moves the caret a view's height down, and the view with it.
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('PageDown');
      const paged = Number((await caretLine()).match(/filler line (\d+)/)?.[1]);
      assert(paged > 10 && paged < 60, `PageDown put the caret on "${await caretLine()}"`);
      await gutterHas(paged);
      // A taller window draws the lines the taller editor shows.
      const drawn = await page.locator('.gutter .num').count();
      await page.setViewportSize({ width: 1200, height: 1400 });
      await page.waitForFunction((n) => document.querySelectorAll('.gutter .num').length > n + 10, drawn);
      await page.setViewportSize({ width: 1200, height: 820 });
      // Select all and paste replaces the whole file, not only the lines the textarea holds;
      // Ctrl+Z brings the whole file back.
      const whole = await copyAll();
      await page.evaluate(() => navigator.clipboard.writeText('FROM alpine:3.20\nRUN echo pasted\n'));
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Control+v');
      await status.filter({ hasText: /^2 instructions/ }).waitFor();
      assert((await editor.inputValue()) === 'FROM alpine:3.20\nRUN echo pasted\n', 'the paste did not replace the whole file');
      await page.keyboard.press('Control+z');
      await page.waitForFunction(() => document.querySelector('#editor').value.includes('filler line'));
      assert((await copyAll()) === whole, 'Ctrl+Z did not bring the whole file back');
      // Select all and Delete empties the whole file.
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Delete');
      await status.filter({ hasText: /^0 instructions/ }).waitFor();
      assert((await editor.inputValue()) === '', 'the textarea is not empty');
    });

    await step('every example of the menu loads, parses as it should and shows findings', async () => {
      const ids = await page.locator('#examples option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
      assert(ids.length === 10, `${ids.length} examples`);
      for (const id of ids) {
        const want = await readFile(join(ROOT, 'www', 'examples', `${id}.Dockerfile`), 'utf8');
        await page.locator('#examples').selectOption(id);
        await page.waitForFunction((w) => document.querySelector('#editor').value === w, want);
        await page.locator('#fix-notice').filter({ hasText: 'Loaded the example' }).waitFor();
        const s = await status.innerText();
        if (id === 'broken') {
          assert(!s.includes(' 0 syntax errors') && (await errors.count()) === 1, `broken: ${s}`);
          assert(Number(await page.locator('#findings').getAttribute('data-count')) > 0, 'broken: no findings on its good lines');
        } else {
          assert(s.includes(' 0 syntax errors'), `${id}: ${s}`);
        }
      }
    });

    // ---- Settings, .hadolint.yaml, sharing --------------------------------------------------

    await step('turning a rule off in the settings hides it, and the setting survives a reload', async () => {
      await editor.fill(APT);
      await page.locator('#findings li[data-code="DL3008"]').first().waitFor();
      const changed = async () => Number(((await page.locator('#open-settings').innerText()).match(/(\d+) changed/) ?? [0, 0])[1]);
      const changedBefore = await changed(); // the size steps left the requirements assumption changed
      await page.locator('#open-settings').click();
      await page.locator('#settings-title').waitFor();
      assert(page.url().endsWith('#/settings'), `settings at ${page.url()}`);
      await page.locator('#rule-on-DL3008').uncheck();
      await page.locator('a.nav-link', { hasText: 'Playground' }).click();
      await page.locator('#findings li[data-code="DL3015"]').waitFor();
      assert((await page.locator('#findings li[data-code="DL3008"]').count()) === 0, 'DL3008 still shows');
      assert((await changed()) === changedBefore + 1, `the settings button reads "${await page.locator('#open-settings').innerText()}"`);
      await page.waitForTimeout(400); // the autosave waits for a pause in typing
      await page.reload();
      await page.locator('#findings li[data-code="DL3015"]').waitFor();
      assert((await editor.inputValue()) === APT, 'the text was not kept');
      assert((await page.locator('#findings li[data-code="DL3008"]').count()) === 0, 'DL3008 is back after a reload');
    });

    const YAML = 'ignored:\n  - DL3015\noverride:\n  error:\n    - DL3008\ntrustedRegistries:\n  - docker.io\n';

    await step('a .hadolint.yaml import sets rules, severities and registries; a broken one is refused', async () => {
      await page.locator('#open-settings').click();
      await page.locator('#yaml-import').fill('ignored: [DL3008');
      await page.locator('#yaml-apply').click();
      const note = page.locator('#yaml-status');
      await note.filter({ hasText: 'Not imported' }).waitFor();
      assert(!(await page.locator('#rule-on-DL3008').isChecked()), 'a refused import changed the settings');
      await page.locator('#yaml-import').fill(YAML);
      await page.locator('#yaml-apply').click();
      await note.filter({ hasText: 'Imported' }).waitFor();
      assert((await note.innerText()).includes('1 rules off, 1 severity changes, 1 trusted registries'), await note.innerText());
      assert(await page.locator('#rule-on-DL3008').isChecked(), 'the import did not replace the rules that are off');
      assert(!(await page.locator('#rule-on-DL3015').isChecked()), 'DL3015 is not off');
      assert((await page.locator('tr[data-code="DL3008"] select').inputValue()) === 'error', 'DL3008 is not an error');
      assert((await page.locator('#trusted').inputValue()) === 'docker.io', 'no trusted registry');
      const exported = await page.locator('#yaml-export').innerText();
      assert(exported.includes('ignored:\n  - DL3015') && exported.includes('trustedRegistries:\n  - docker.io'), exported);
      await page.locator('a.nav-link', { hasText: 'Playground' }).click();
      const dl3008 = page.locator('#findings li[data-code="DL3008"]').first();
      await dl3008.waitFor();
      assert((await dl3008.locator('.sev-badge').innerText()).toLowerCase() === 'error', 'DL3008 is not shown as an error');
      assert((await page.locator('#findings li[data-code="DL3015"]').count()) === 0, 'DL3015 still shows');
    });

    await step('a share link holds the text and the settings: a new browser opens the same state', async () => {
      await page.locator('#copy-link').click();
      await page.locator('#share-status').filter({ hasText: 'copied' }).waitFor();
      const link = await page.locator('#share-link').inputValue();
      assert(link.startsWith(url) && link.includes('#/share/'), `link: ${link}`);
      assert((await page.evaluate(() => navigator.clipboard.readText())) === link, 'the clipboard holds something else');
      await page.locator('#copy-markdown').click();
      await page.locator('#share-status').filter({ hasText: 'Markdown copied' }).waitFor();
      const md = await page.evaluate(() => navigator.clipboard.readText());
      assert(md.startsWith(`[Open this Dockerfile in the shipshape playground](${link})`), md.slice(0, 120));
      assert(md.includes('- **DL3008** error (line 4'), `markdown: ${md}`);
      // A browser that has never seen the page: nothing saved, only the link.
      const fresh = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      try {
        const other = await (await fresh.newContext({ serviceWorkers: 'block' })).newPage();
        other.on('pageerror', (e) => problems.push(`pageerror (shared page): ${e.message}`));
        await other.goto(link);
        await other.locator('.page-notice').filter({ hasText: 'Opened a shared Dockerfile' }).waitFor();
        assert((await other.locator('#editor').inputValue()) === APT, 'another text opened');
        await other.locator('#findings li[data-code="DL3008"]').first().waitFor();
        assert((await other.locator('#findings li[data-code="DL3008"] .sev-badge').first().innerText()).toLowerCase() === 'error',
          'the severity override did not travel');
        assert((await other.locator('#findings li[data-code="DL3015"]').count()) === 0, 'the ignored rule did not travel');
        assert(new URL(other.url()).hash === '#/', `the address stays ${other.url()}`);
        await other.locator('#open-settings').click();
        assert((await other.locator('#trusted').inputValue()) === 'docker.io', 'the registries did not travel');
      } finally {
        await fresh.close();
      }
      // Back to the defaults for the steps that follow.
      await page.locator('#open-settings').click();
      await page.locator('#settings-reset').click();
      await page.locator('a.nav-link', { hasText: 'Playground' }).click();
      await page.locator('#open-settings').filter({ hasText: /^Settings$/ }).waitFor();
    });

    await step('build arguments in the settings change what DL3008 names, are saved, and travel in a share link', async () => {
      const BUILD = [
        'FROM debian:12',
        'ARG PKGS="curl wget"',
        'RUN apt-get update && apt-get install -y --no-install-recommends $PKGS && rm -rf /var/lib/apt/lists/*',
        '',
      ].join('\n');
      const messages = (p) => p.locator('#findings li[data-code="DL3008"] .message').allInnerTexts();
      await editor.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      await page.keyboard.type(BUILD, { delay: 5 });
      assert((await editor.inputValue()) === BUILD, `typed: ${JSON.stringify(await editor.inputValue())}`);
      await page.locator('#findings li[data-code="DL3008"] .message', { hasText: 'from ARG PKGS' }).first().waitFor();
      let shown = await messages(page);
      assert(shown.length === 2 && shown[0].startsWith('Pin the version of curl (from ARG PKGS on line 2'), `DL3008: ${shown.join(' | ')}`);
      // In the settings: a line without `=` is shown as an error, not applied; then PKGS=git.
      await page.locator('#open-settings').click();
      await page.locator('#build-args').click();
      await page.keyboard.type('PKGS', { delay: 15 });
      const note = page.locator('#build-args-note');
      await note.filter({ hasText: 'Not applied' }).waitFor();
      assert((await note.getAttribute('role')) === 'alert', 'the error is not announced');
      assert((await note.innerText()).includes('line 1 `PKGS`: no `=`'), `note: ${await note.innerText()}`);
      assert((await page.locator('#build-args').getAttribute('aria-invalid')) === 'true', 'the field is not marked invalid');
      await page.keyboard.type('=git', { delay: 15 });
      await note.filter({ hasNotText: 'Not applied' }).waitFor();
      assert((await page.locator('#build-args').getAttribute('aria-invalid')) === 'false', 'the field stays invalid');
      await page.locator('a.nav-link', { hasText: 'Playground' }).click();
      await page.locator('#findings li[data-code="DL3008"] .message', { hasText: 'git' }).waitFor();
      shown = await messages(page);
      assert(shown.length === 1 && shown[0].startsWith('Pin the version of git (from the build argument PKGS)'), `DL3008: ${shown.join(' | ')}`);
      assert(/1 changed/.test(await page.locator('#open-settings').innerText()), `settings button: ${await page.locator('#open-settings').innerText()}`);
      // The same as `shipshape check --build-arg PKGS=git`.
      const cli = JSON.parse(
        execFileSync(CLI, ['check', '--format', 'json', '--no-fail', '--build-arg', 'PKGS=git', '-'], { input: BUILD, encoding: 'utf8' }),
      ).filter((d) => d.code === 'DL3008');
      assert(cli.length === 1 && cli[0].message.replaceAll('`', '') === shown[0], `cli: ${cli.map((d) => d.message)}`);
      // Saved with the other settings.
      await page.waitForTimeout(400); // the autosave waits for a pause in typing
      await page.reload();
      await page.locator('#findings li[data-code="DL3008"] .message', { hasText: 'from the build argument PKGS' }).waitFor();
      // A share link carries it; a new browser opens it with the build argument.
      await page.locator('#copy-link').click();
      await page.locator('#share-status').filter({ hasText: 'copied' }).waitFor();
      const link = await page.locator('#share-link').inputValue();
      // A link in the format made before build arguments existed (no build-arg line) still opens.
      const OLD = `# shared before build arguments\n${BUILD}`;
      const old = `shipshape 1\noverride.error=DL3008\n---\n${OLD}`;
      const oldLink = `${url}#/share/${deflateRawSync(Buffer.from(old)).toString('base64url')}`;
      const fresh = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      try {
        const other = await (await fresh.newContext({ serviceWorkers: 'block' })).newPage();
        other.on('pageerror', (e) => problems.push(`pageerror (shared page): ${e.message}`));
        await other.goto(link);
        await other.locator('.page-notice').filter({ hasText: 'Opened a shared Dockerfile' }).waitFor();
        assert((await other.locator('#editor').inputValue()) === BUILD, 'another text opened');
        await other.locator('#findings li[data-code="DL3008"] .message', { hasText: 'git' }).waitFor();
        assert((await messages(other)).length === 1, 'the build argument did not travel');
        await other.locator('#open-settings').click();
        assert((await other.locator('#build-args').inputValue()) === 'PKGS=git', 'the settings field does not show it');
        await other.goto(oldLink);
        await other.waitForFunction((t) => document.querySelector('#editor')?.value === t, OLD);
        await other.locator('#findings li[data-code="DL3008"] .message', { hasText: 'from ARG PKGS on line 3' }).first().waitFor();
        assert((await messages(other)).length === 2, 'the old link does not use the ARG default');
        const badges = await other.locator('#findings li[data-code="DL3008"] .sev-badge').allInnerTexts();
        assert(badges.every((b) => b.toLowerCase() === 'error'), `the old link lost its settings: ${badges}`);
        await other.locator('#open-settings').click();
        assert((await other.locator('#build-args').inputValue()) === '', 'the old link brought a build argument');
      } finally {
        await fresh.close();
      }
      // Back to the defaults: Reset empties the field too.
      await page.locator('#open-settings').click();
      await page.locator('#settings-reset').click();
      assert((await page.locator('#build-args').inputValue()) === '', 'Reset left the build arguments');
      await page.locator('a.nav-link', { hasText: 'Playground' }).click();
      await page.locator('#open-settings').filter({ hasText: /^Settings$/ }).waitFor();
    });

    await step('a damaged share link, an unknown rule or example: a clear note, the text unchanged', async () => {
      const text = await editor.inputValue();
      for (const [hash, note] of [
        ['#/share/not-a-link', 'Could not open the shared link'],
        ['#/share/', 'Could not open the shared link'],
        ['#/try/DL9999', 'No rule is called DL9999'],
        ['#/example/nope', 'No example is called'],
      ]) {
        await page.goto(`${url}${hash}`);
        await page.locator('.page-notice').filter({ hasText: note }).waitFor();
        assert((await editor.inputValue()) === text, `${hash} changed the text`);
        assert(new URL(page.url()).hash === '#/', `${hash}: the address stays ${page.url()}`);
      }
    });

    // ---- Rules reference, lessons, theme ----------------------------------------------------

    await step('the rules reference is searchable, and "try it" opens a bad example in the playground', async () => {
      await page.locator('a.nav-link', { hasText: 'Rules' }).click();
      await page.locator('#rules-list li').first().waitFor();
      const all = await page.locator('#rules-list li').count();
      assert(all > 100, `${all} rules listed`);
      await page.locator('#rules-search').fill('add copy');
      await page.waitForFunction((n) => document.querySelectorAll('#rules-list li').length < n, all);
      await page.locator('#rules-list li[data-code="DL3020"] a').click();
      assert(page.url().endsWith('#/rules/DL3020'), `rule at ${page.url()}`);
      const detail = page.locator('#rule-detail');
      await detail.locator('.rule-why').waitFor();
      const bad = await detail.locator('pre.example.bad').innerText();
      assert(bad.includes('ADD'), `bad example: ${bad}`);
      await page.locator('#try-it').click();
      await page.locator('.page-notice').filter({ hasText: 'The bad example of DL3020' }).waitFor();
      assert((await editor.inputValue()).trim() === bad.trim(), 'another text opened');
      assert((await page.locator('#focus-chip').innerText()).includes('Only DL3020'), 'the rule is not brought forward');
      const codes = await page.locator('#findings li').evaluateAll((els) => els.map((e) => e.dataset.code));
      assert(codes.length > 0 && codes.every((c) => c === 'DL3020'), `shown: ${codes.join(',')}`);
      await page.locator('#finding-card').filter({ hasText: 'DL3020' }).waitFor();
      await page.locator('#focus-chip').click();
      await page.locator('#focus-chip').waitFor({ state: 'detached' });
      // A deep link works on its own too (a docs page can link to it).
      await page.goto(`${url}#/rules/DL3008`);
      await page.locator('#rule-detail .rule-why').waitFor();
      assert((await page.locator('#rule-detail h2').innerText()).includes('DL3008'), 'the deep link opened another rule');
    });

    await step('a lesson is done when its findings are gone and the file parses; progress is kept', async () => {
      await page.goto(`${url}#/learn`);
      await page.locator('#lessons-progress').filter({ hasText: '0 of 8 done' }).waitFor();
      await page.locator('li[data-lesson="entrypoint-cmd"] a').click();
      const state = page.locator('#lesson-status');
      await state.filter({ hasText: 'Still reported: DL3025' }).waitFor();
      const lessonEditor = page.locator('.lesson #editor');
      const start = await lessonEditor.inputValue();
      // A broken edit is not done, even with the finding gone.
      await lessonEditor.fill(start.replace('ENTRYPOINT gunicorn app.wsgi', 'ENTRYPOIN ["gunicorn", "app.wsgi"]'));
      await state.filter({ hasText: 'does not parse' }).waitFor();
      await lessonEditor.fill(
        start.replace('ENTRYPOINT gunicorn app.wsgi', 'ENTRYPOINT ["gunicorn", "app.wsgi"]').replace('CMD -b 0.0.0.0:8000', 'CMD ["-b", "0.0.0.0:8000"]'),
      );
      await page.locator('#lesson-status[data-state="done"]').waitFor();
      await page.locator('#lessons-progress').filter({ hasText: '1 of 8 done' }).waitFor();
      assert((await page.locator('li[data-lesson="entrypoint-cmd"]').getAttribute('class')).includes('done'), 'no check mark');
      await page.reload();
      await page.locator('#lesson-status[data-state="done"]').waitFor();
      await page.locator('#lessons-progress').filter({ hasText: '1 of 8 done' }).waitFor();
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-lesson.png'), fullPage: true });
    });

    await step('the dark theme: a toggle that is remembered, with readable contrast', async () => {
      await page.goto(url);
      await status.waitFor();
      // The contrast is read off the highlighted text: wait for the engine's first answer
      // (the step once read the page before the highlight was there).
      await page.locator('.highlight .tok-keyword').first().waitFor();
      const toggle = page.locator('#theme-toggle');
      // Contrast (WCAG 2 AA, 4.5:1): text on the page, muted text on panels, severity badges,
      // keywords in the editor; in the light theme, then in the dark one.
      const contrast = () => page.evaluate(() => {
        const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => {
          const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
        };
        const ratio = (a, b) => {
          const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        };
        const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
        const body = css('body', 'backgroundColor');
        return {
          bodyDark: lum(rgb(body)) < 0.05,
          text: ratio(css('body', 'color'), body),
          muted: ratio(css('.pane-title', 'color'), css('.pane', 'backgroundColor')),
          badge: Math.min(...[...document.querySelectorAll('.sev-badge')].map((b) => ratio(getComputedStyle(b).color, getComputedStyle(b).backgroundColor))),
          keyword: ratio(css('.tok-keyword', 'color'), css('.editor-box', 'backgroundColor')),
        };
      });
      for (const theme of ['light', 'dark']) {
        while (!(await toggle.innerText()).includes(theme)) await toggle.click();
        assert((await page.locator('html').getAttribute('data-theme')) === theme, `html is not ${theme}`);
        const ratios = await contrast();
        assert(ratios.bodyDark === (theme === 'dark'), `the page is not ${theme}`);
        for (const [what, r] of Object.entries(ratios)) {
          if (typeof r === 'number') assert(r >= 4.5, `${theme}: ${what} contrast ${r.toFixed(2)} < 4.5`);
        }
      }
      await page.screenshot({ path: SCREENSHOT.replace(/\.png$/, '-dark.png'), fullPage: true });
      await page.reload();
      await status.waitFor();
      assert((await page.locator('html').getAttribute('data-theme')) === 'dark', 'the theme was not kept');
      while (!(await toggle.innerText()).includes('system')) await toggle.click();
    });

    await step('without the engine workers (worker.js missing) the page lints and sizes on its own', async () => {
      const fresh = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
      try {
        const ctx = await fresh.newContext({ serviceWorkers: 'block' });
        await ctx.route('**/worker.js', (r) => r.fulfill({ status: 404, body: 'not here' }));
        const other = await ctx.newPage();
        other.on('pageerror', (e) => problems.push(`pageerror (no workers): ${e.message}`));
        await other.goto(url);
        // The counts come (not "Checking the Dockerfile…" for ever), with findings and sizes.
        await other.locator('#status').filter({ hasText: /\d+ instructions? · / }).waitFor();
        await other.locator('#findings li.finding').first().waitFor();
        await other.locator('#size-panel[data-state="ready"]').waitFor({ timeout: 20_000 });
        const before = Number(await other.locator('#size-before').getAttribute('data-expected'));
        assert(before > 0, `no estimate without workers: ${before}`);
        // Typing still lints.
        await other.locator('#editor').click();
        await other.keyboard.press('Control+End');
        await other.keyboard.type('\nMAINTAINER someone');
        await other.locator('#findings li[data-code="DL4000"]').waitFor();
      } finally {
        await fresh.close();
      }
    });

    await step('a first visit offline: the estimate shows with a clear note; Retry loads the table', async () => {
      // A new page has its own app: nothing loaded yet.
      const other = await context.newPage();
      other.setDefaultTimeout(STEP_TIMEOUT_MS);
      other.on('pageerror', (e) => problems.push(`pageerror (second page): ${e.message}`));
      const TABLE = '**/debian-bookworm.tsv.gz';
      await other.route(TABLE, (route) => route.abort('internetdisconnected'));
      try {
        await other.goto(url);
        await other.locator('#editor').fill(SIZED);
        const note = other.locator('#size-debian-error');
        await note.waitFor();
        assert((await note.innerText()).includes('Could not load the Debian package sizes'), `note: ${await note.innerText()}`);
        assert(Number(await other.locator('#size-before').getAttribute('data-expected')) > 0, 'no estimate offline');
        assert((await other.locator('#size-loading').count()) === 0, 'still "loading" after the failure');
        // Back online, on a slow line: Retry shows the loading note, then the real figures.
        await other.unroute(TABLE);
        await other.route(TABLE, async (route) => {
          await new Promise((ok) => setTimeout(ok, 600));
          await route.continue();
        });
        await note.locator('button.retry').click();
        const loading = other.locator('#size-loading');
        await loading.waitFor();
        assert((await loading.innerText()).includes('Loading package sizes'), `loading note: ${await loading.innerText()}`);
        assert(Number(await other.locator('#size-before').getAttribute('data-expected')) > 0, 'no estimate while loading');
        await loading.waitFor({ state: 'detached' });
        await other.waitForFunction(() => document.querySelector('#size-panel')?.dataset.state === 'ready');
        assert((await note.count()) === 0, 'the failure note stays');
        const cli = await cliSize(SIZED);
        const before = Number(await other.locator('#size-before').getAttribute('data-expected'));
        assert(before === cli.before.expected_bytes, `after Retry ${before}, cli ${cli.before.expected_bytes}`);
      } finally {
        await other.close();
      }
    });

    assert(offHost.length === 0, `requests left the machine: ${offHost.join(', ')}`);
    assert(problems.length === 0, problems.join('\n'));
    console.log('  ok   nothing left 127.0.0.1, no page or console errors');
  } finally {
    await context?.close().catch(() => {});
    server.close();
    await rm(profile, { recursive: true, force: true });
  }
}

await mkdir(join(ROOT, 'test-results'), { recursive: true });
console.log('e2e: shipshape playground');
await run(main);
