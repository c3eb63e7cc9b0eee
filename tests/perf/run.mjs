// Playground performance in headless Chromium (run by `make bench`, not by `make test`:
// timings are benchmarks, not pass/fail tests). Prints one line per measure.
//
//   make dist && node tests/perf/run.mjs
//
// 1. Keystroke → markers on a 200-line Dockerfile: for each of 40 typed characters, the
//    main-thread time from the `input` event (captured before the app sees it) until the
//    task that handles it and renders is over (a MessageChannel message posted at the
//    event runs right after it), checking that the highlight layer already shows the
//    character; plus the task that takes the lint worker's answer and draws the markers
//    (timed the same way from the worker's `message` event). Medians, 95th percentiles,
//    and the wall time from the keystroke to the drawn answer. The size estimate runs
//    later (debounced).
// 2. Wall time from a keystroke until the size panel shows the estimate of the new text.
// 3. Pasting a 5,000-line Dockerfile: the longest main-thread task (Long Tasks API) until
//    the page shows it; typing in it; then the longest task of "Estimate now".
// 4. The same paste into a bare textarea: what the browser alone takes.

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../serve.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = process.env.SHIPSHAPE_DIST ?? join(ROOT, 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** One stage of a realistic service image (about 40 lines), numbered so stages differ. */
function stage(i) {
  return [
    `# ---- stage ${i}: build the service`,
    `FROM python:3.12-slim AS build${i}`,
    'ARG DEBIAN_FRONTEND=noninteractive',
    'ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1',
    'WORKDIR /src',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends \\',
    '       build-essential libpq-dev curl ca-certificates git \\',
    '    && rm -rf /var/lib/apt/lists/*',
    'COPY requirements.txt requirements-dev.txt ./',
    'RUN pip install --upgrade pip wheel \\',
    '    && pip wheel --wheel-dir /wheels -r requirements.txt',
    'COPY pyproject.toml setup.cfg ./',
    `COPY src/ ./src/`,
    'RUN python -m compileall -q src \\',
    '    && find . -name "*.pyc" -delete',
    `LABEL org.opencontainers.image.title="service-${i}" \\`,
    '      org.opencontainers.image.source="https://example.com/repo"',
    `# ---- stage ${i}: run it`,
    `FROM python:3.12-slim AS run${i}`,
    'RUN useradd --create-home --uid 10001 app',
    'WORKDIR /app',
    `COPY --from=build${i} /wheels /wheels`,
    'RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels',
    `COPY --from=build${i} --chown=app:app /src/src ./src`,
    'ENV PORT=8000 WORKERS=2',
    'EXPOSE 8000',
    'HEALTHCHECK --interval=30s --timeout=3s CMD curl -fsS http://localhost:8000/health || exit 1',
    'USER app',
    'RUN echo $HOME $(whoami) && cd /tmp && ls',
    'ADD app.tar.gz /opt/',
    'RUN apt-get update && apt-get install -y jq',
    'RUN pip install requests',
    'MAINTAINER someone@example.com',
    'WORKDIR relative/path',
    'EXPOSE 80000',
    'RUN wget -qO- https://example.com/install.sh | sh',
    `ENTRYPOINT ["gunicorn", "--bind", "0.0.0.0:8000", "svc${i}.wsgi"]`,
    'CMD ["--workers", "2"]',
    '',
  ].join('\n');
}

/** About `lines` lines of Dockerfile. */
function dockerfile(lines) {
  let out = '# syntax=docker/dockerfile:1\n';
  for (let i = 0; out.split('\n').length < lines; i++) out += stage(i);
  return out.split('\n').slice(0, lines).join('\n') + '\n';
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x) => `${x.toFixed(1)} ms`;

const { server, url } = await serve(DIST);
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
try {
  // A real paste (Ctrl+V from the clipboard): Playwright's insertText goes through an
  // editing path that takes 46 s for 200 KB even in an empty page.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'],
    // No service worker: its first-visit download of the whole site would run during the timings.
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  // The lint answer's task: from the worker's message (this listener runs before the
  // page's own) until the task that handles it and renders is over.
  await page.addInitScript(() => {
    window.__answer = [];
    window.__wall = [];
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', () => {
          const t0 = performance.now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            window.__answer.push(performance.now() - t0);
            if (window.__lastInput !== undefined) window.__wall.push(performance.now() - window.__lastInput);
          };
          ch.port2.postMessage(0);
        });
      }
    };
  });
  await page.goto(url);
  await page.locator('#status').waitFor();
  const settled = () =>
    page.waitForFunction(() => {
      const panel = document.querySelector('#size-panel');
      return panel?.getAttribute('aria-busy') === 'false' && panel.dataset.state !== 'loading';
    }, null, { timeout: 60_000 });

  // 1. Keystrokes on 200 lines.
  const text200 = dockerfile(200);
  await page.locator('#editor').fill(text200);
  await settled();
  await page.evaluate(() => {
    window.__busy = [];
    window.__answer = [];
    window.__wall = [];
    window.__seen = [];
    window.addEventListener('input', () => {
      const t0 = performance.now();
      window.__lastInput = t0;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        window.__busy.push(performance.now() - t0);
        const ta = document.querySelector('#editor');
        const layer = document.querySelector('.hl-inner').textContent;
        window.__seen.push(layer.includes(ta.value.split('\n')[3]));
      };
      ch.port2.postMessage(0);
    }, true);
  });
  // Type on line 4 (in view), one character at a time, as a person would.
  await page.locator('#editor').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  for (let i = 0; i < 40; i++) {
    await page.keyboard.type(i % 2 ? 'x' : ' ');
    await page.waitForTimeout(30);
  }
  const busy = await page.evaluate(() => window.__busy);
  const answer = await page.evaluate(() => window.__answer);
  const seen = await page.evaluate(() => window.__seen);
  // Main-thread time per keystroke: the keystroke's own task (the text drawn at once) plus
  // the task that takes the worker's answer and draws the markers (none without a worker).
  const wall = await page.evaluate(() => window.__wall);
  if (wall.length) console.log(`perf: keystroke → markers, 200 lines: median ${ms(quantile(wall, 0.5))} wall, p95 ${ms(quantile(wall, 0.95))} (the last keystroke until its answer is drawn; no debounce on the lint)`);
  const sum = quantile(busy, 0.5) + (answer.length ? quantile(answer, 0.5) : 0);
  console.log(
    `perf: keystroke → markers, 200 lines: median ${ms(sum)} main-thread (keystroke task ${ms(quantile(busy, 0.5))}, p95 ${ms(quantile(busy, 0.95))}; worker answer task ${answer.length ? `${ms(quantile(answer, 0.5))}, p95 ${ms(quantile(answer, 0.95))}, ${answer.length} answers` : 'none: no worker'}; ${busy.length} keystrokes, text drawn in ${seen.filter(Boolean).length})`,
  );

  // 2. Keystroke → size estimate of the new text (debounce included).
  const walls = [];
  for (let i = 0; i < 8; i++) {
    await settled();
    const t0 = Date.now();
    await page.keyboard.type('y');
    await page.waitForFunction(() => document.querySelector('#size-panel')?.getAttribute('aria-busy') === 'true', null, { timeout: 5000 }).catch(() => {});
    await settled();
    walls.push(Date.now() - t0);
  }
  console.log(`perf: keystroke → size estimate, 200 lines: median ${ms(quantile(walls, 0.5))} wall (debounce 100 ms included)`);

  // 3. Paste 1,000 lines (sized as usual), then 5,000 lines (the size estimate of a file
  //    that large waits for "Estimate now").
  const text5k = dockerfile(5000);
  // One observer for the whole run; each measure starts from an empty list.
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const longTasks = () => page.evaluate(() => { window.__long = []; });
  const report = async (what, t0) => {
    await page.waitForTimeout(300);
    const long = await page.evaluate(() => window.__long);
    const longest = long.length ? Math.max(...long) : 0;
    console.log(
      `perf: ${what}: longest main-thread task ${ms(longest)} (${long.length} over 50 ms: ${long.map((d) => d.toFixed(0)).join(', ') || 'none'}); done after ${Date.now() - t0} ms`,
    );
  };
  await longTasks();
  await page.evaluate((t) => navigator.clipboard.writeText(t), dockerfile(1000));
  await page.locator('#editor').click();
  await page.keyboard.press('Control+A');
  let t1 = Date.now();
  await page.keyboard.press('Control+V');
  await page.locator('#status').filter({ hasText: /^\d{3} instructions/ }).waitFor({ timeout: 60_000 });
  await settled();
  await report('paste 1,000 lines (lint, highlight, findings, size estimate)', t1);
  await longTasks();
  await page.locator('#editor').click();
  await page.keyboard.press('Control+A');
  await page.evaluate((t) => navigator.clipboard.writeText(t), text5k);
  let t0 = Date.now();
  await page.keyboard.press('Control+V');
  await page.locator('#size-large').waitFor({ timeout: 60_000 });
  await report('paste 5,000 lines (lint, highlight, findings)', t0);
  // Typing in the large file.
  const big = [];
  await page.evaluate(() => { window.__busy = []; window.__answer = []; });
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  for (let i = 0; i < 10; i++) {
    await page.keyboard.type('z');
    await page.waitForTimeout(50);
  }
  const bigBusy = await page.evaluate(() => window.__busy);
  const bigAnswer = await page.evaluate(() => window.__answer);
  const bigSum = quantile(bigBusy, 0.5) + (bigAnswer.length ? quantile(bigAnswer, 0.5) : 0);
  console.log(`perf: keystroke → markers, 5,000 lines: median ${ms(bigSum)} main-thread (keystroke task ${ms(quantile(bigBusy, 0.5))}; answer task ${bigAnswer.length ? ms(quantile(bigAnswer, 0.5)) : 'none'}, ${bigAnswer.length} answers to 10 keystrokes)`);
  await longTasks();
  t0 = Date.now();
  await page.locator('#estimate-now').click();
  await page.waitForFunction(() => document.querySelector('#size-panel')?.dataset.state === 'ready' && !document.querySelector('#size-large'), null, { timeout: 120_000 });
  await report('"Estimate now" on 5,000 lines', t0);

  // 4. The browser's own floor: the same paste into a bare textarea with the editor's font
  //    and no app at all (the page's content replaced; styles set through CSSOM, which
  //    the Content-Security-Policy allows).
  await page.evaluate(() => {
    document.body.replaceChildren();
    const ta = document.createElement('textarea');
    ta.id = 'bare';
    Object.assign(ta.style, { width: '800px', height: '600px', font: '13.5px/20px monospace', whiteSpace: 'pre' });
    ta.spellcheck = false;
    document.body.append(ta);
  });
  await page.evaluate((t) => navigator.clipboard.writeText(t), text5k);
  await page.locator('#bare').click();
  await longTasks();
  t0 = Date.now();
  await page.keyboard.press('Control+V');
  await page.waitForFunction((n) => document.querySelector('#bare').value.length === n, text5k.length);
  await report('paste 5,000 lines into a bare textarea (the browser alone, for comparison)', t0);
} finally {
  await browser.close();
  server.close();
}
