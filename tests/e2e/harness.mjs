// What the browser tests share: numbered steps that print "ok" or "FAIL", an assert, and a
// runner that prints the closing line ("<title>: N passed, M failed", which CI reads), sets
// the exit code and stops a run that hangs.

/**
 * A suite: `step(name, fn)` runs one step. With `stopOnFailure` the first failure ends
 * the suite (the later steps build on the earlier ones).
 */
export function suite(title, { timeoutMs, stopOnFailure = true }) {
  let passed = 0;
  let failed = 0;

  async function step(name, fn) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ok   ${name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`  FAIL ${name}: ${String(err?.message ?? err).split('\n').slice(0, 4).join(' / ')}`);
      if (stopOnFailure) throw err;
    }
  }

  /** Runs `main(step)`, prints the closing line and sets the exit code. */
  async function run(main) {
    const timer = setTimeout(() => {
      console.log(`${title}: timed out after ${timeoutMs / 1000} s (${passed} passed, ${failed} failed)`);
      process.exit(1);
    }, timeoutMs);
    try {
      await main(step);
      console.log(`${title}: ${passed} passed, ${failed} failed`);
      process.exitCode = failed ? 1 : 0;
    } catch (err) {
      if (!failed) console.log(`  FAIL ${err?.message ?? err}`);
      console.log(`${title}: ${passed} passed, ${Math.max(failed, 1)} failed`);
      process.exitCode = 1;
    } finally {
      clearTimeout(timer);
    }
  }

  return { step, run };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** The browser: Debian's chromium unless $CHROMIUM says otherwise. */
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Chromium's flags for these tests: no sandbox (root in CI), nothing that calls home. */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Records, for every page of `context`, what the site must never do: a request to another
 * origin, a failed response, a violation of its Content-Security-Policy, and (for the pages
 * given to `page()`) a page or console error. `assertClean()` fails on any of them.
 */
export async function watch(context, origin) {
  const seen = { requests: [], offOrigin: [], failed: [], violations: [], problems: [] };
  context.on('request', (r) => {
    const u = new URL(r.url());
    seen.requests.push(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) seen.offOrigin.push(r.url());
  });
  context.on('response', (r) => r.status() >= 400 && seen.failed.push(`${r.status()} ${r.url()}`));
  await context.exposeBinding('__cspViolation', (_source, v) => seen.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolation(`${e.violatedDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  seen.page = (page, label = '') => {
    const where = label ? ` (${label})` : '';
    page.on('pageerror', (e) => seen.problems.push(`pageerror${where}: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && seen.problems.push(`console.error${where}: ${m.text()}`));
  };
  seen.assertClean = () => {
    assert(seen.offOrigin.length === 0, `requests left the origin: ${seen.offOrigin.join(', ')}`);
    assert(seen.violations.length === 0, `CSP violations: ${seen.violations.join('; ')}`);
    assert(seen.failed.length === 0, `failed requests: ${seen.failed.join(', ')}`);
    assert(seen.problems.length === 0, seen.problems.join('\n'));
  };
  return seen;
}
