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
