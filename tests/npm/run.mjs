// The npm package as a user gets it: install the packed tarball (target/npm, made by
// `make npm`) into an empty project, then call it from Node, CommonJS and ESM, on three
// Dockerfiles. lint, fix and estimate must give what `shipshape check --format json`,
// `shipshape check --fix` and `shipshape size --format json` give; the results must have
// exactly the fields the package's TypeScript types declare; bad options must throw a clear
// error and a broken Dockerfile must not.
//
//   make npm && node tests/npm/run.mjs
//
// Prints one line per step and "npm: N passed, M failed"; exits 1 on failure.

import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { deepStrictEqual } from 'node:assert';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = process.env.SHIPSHAPE_BIN ?? join(ROOT, 'target', 'debug', 'shipshape');
const FILES = ['python-single', 'node', 'alpine'];

let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`  FAIL ${name}: ${err?.message ?? err}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
const cli = (args) => JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 }));

/** The field names of `export interface NAME { … }` in a .d.ts (one level). */
function declared(dts, name) {
  const m = dts.match(new RegExp(`export interface ${name}(?: extends [\\w, ]+)? \\{([\\s\\S]*?)\\n\\}`));
  assert(m, `interface ${name} is not in the types`);
  const body = m[1].replace(/\/\*\*[\s\S]*?\*\//g, '').replace(/\{[^{}]*\}/g, '{}');
  return [...body.matchAll(/(\w+)\??:/g)].map((x) => x[1]).sort();
}
const keys = (o) => Object.keys(o).sort();

const tarball = (await readdir(join(ROOT, 'target', 'npm'))).find((f) => f.endsWith('.tgz'));
assert(tarball, 'no tarball in target/npm: run `make npm` first');
const project = await mkdtemp(join(tmpdir(), 'shipshape-npm-'));
console.log(`npm: installing ${tarball} into an empty project`);
try {
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'user', version: '1.0.0', private: true }));
  const copy = join(project, tarball);
  await copyFile(join(ROOT, 'target', 'npm', tarball), copy);
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', copy], { cwd: project, stdio: 'inherit' });
  const require = createRequire(join(project, 'index.js'));
  const lib = require('shipshape');
  const esm = await import(pathToFileURL(join(project, 'node_modules', 'shipshape', 'node', 'shipshape.js')).href);
  const dts = await readFile(join(project, 'node_modules', 'shipshape', 'node', 'shipshape.d.ts'), 'utf8');
  const table = gunzipSync(await readFile(require.resolve('shipshape/debian-bookworm.tsv.gz'))).toString();
  lib.setDebianTable(table);

  await step('the package loads from CommonJS and ESM, with its version and TypeScript signatures', async () => {
    assert(typeof lib.lint === 'function' && typeof esm.lint === 'function', 'no lint in CommonJS or ESM');
    assert(/^\d+\.\d+\.\d+$/.test(lib.version()), `version ${lib.version()}`);
    for (const sig of [
      'export function lint(source: string, options?: Options | null): LintResult;',
      'export function fix(source: string, options?: FixOptions | null): FixResult;',
      'export function estimate(source: string, options?: EstimateOptions | null): Estimate;',
      'export function rules(): Rule[];',
      'export function explain(code: string): string | undefined;',
    ]) {
      assert(dts.replace(/\s+/g, ' ').includes(sig), `the types lack: ${sig}`);
    }
  });

  for (const name of FILES) {
    const path = join(ROOT, 'www', 'examples', `${name}.Dockerfile`);
    const source = await readFile(path, 'utf8');

    await step(`${name}: lint gives what \`shipshape check --format json\` gives, with the declared fields`, async () => {
      const got = lib.lint(source, { file: path });
      const want = cli(['check', '--format', 'json', '--no-fail', path]);
      assert(got.findings.length > 0, 'no findings');
      deepStrictEqual(got.findings, want);
      deepStrictEqual(keys(got), declared(dts, 'LintResult'));
      for (const f of got.findings) {
        deepStrictEqual(keys(f), declared(dts, 'Finding'));
        if (f.fix) deepStrictEqual(keys(f.fix), declared(dts, 'Fix'));
        // The UTF-16 columns index the JavaScript string: the line's text at them is the
        // byte range's text.
        const line = source.split('\n')[f.line - 1];
        if (f.line === f.end_line) {
          const bytes = Buffer.from(source, 'utf8').subarray(f.start, f.end).toString('utf8');
          assert(line.slice(f.column_utf16 - 1, f.end_column_utf16 - 1) === bytes, `${f.code}: columns and bytes disagree`);
        }
      }
      assert(got.fails === true && got.instructions > 3 && got.stages >= 1, `summary: ${JSON.stringify({ ...got, findings: [] })}`);
    });

    await step(`${name}: fix gives the text \`shipshape check --fix\` writes`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'shipshape-fix-'));
      try {
        const copy = join(dir, 'Dockerfile');
        await writeFile(copy, source);
        execFileSync(CLI, ['check', '--fix', '--no-fail', copy], { stdio: 'ignore' });
        const want = await readFile(copy, 'utf8');
        const got = lib.fix(source);
        deepStrictEqual(keys(got), declared(dts, 'FixResult'));
        for (const s of got.skipped) deepStrictEqual(keys(s), declared(dts, 'SkippedFix'));
        assert(got.output === want, 'the fixed text differs from the CLI');
        assert(got.changed === (want !== source) && got.applied.length > 0 === got.changed, `changed ${got.changed}, ${got.applied.length} applied`);
        deepStrictEqual(got.findings, lib.lint(got.output).findings);
        assert(got.findings.every((f) => f.fix?.applicability !== 'safe'), 'a safe fix is left');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    await step(`${name}: estimate gives what \`shipshape size --format json\` gives`, async () => {
      const got = lib.estimate(source);
      const want = cli(['size', '--format', 'json', path]);
      deepStrictEqual(got, want);
      deepStrictEqual(keys(got), declared(dts, 'Estimate'));
      assert(got.before.expected_bytes > 0 && got.before.low_bytes <= got.before.expected_bytes, 'no estimate');
      assert(got.after.expected_bytes <= got.before.expected_bytes, 'after is larger than before');
    });
  }

  await step('positions past non-ASCII text: UTF-16 columns index the JavaScript string, bytes the UTF-8', async () => {
    const src = 'FROM debian:bookworm\nRUN echo "café 𝄞" && apt-get install curl\n';
    const f = lib.lint(src).findings.find((x) => x.code === 'DL3008');
    assert(f, 'no DL3008');
    const line = src.split('\n')[f.line - 1];
    assert(line.slice(f.column_utf16 - 1, f.end_column_utf16 - 1) === 'curl', `UTF-16 columns give ${line.slice(f.column_utf16 - 1, f.end_column_utf16 - 1)}`);
    assert(Buffer.from(src).subarray(f.start, f.end).toString() === 'curl', 'the byte range is not `curl`');
    // é is one character and one UTF-16 unit, 𝄞 one character and two units.
    assert(f.column_utf16 === f.column + 1, `column ${f.column}, UTF-16 ${f.column_utf16}`);
    assert([...line].slice(f.column - 1, f.end_column - 1).join('') === 'curl', 'character columns');
  });

  await step('options: config, ignore, rules, failureThreshold, unsafe and platform change the results', async () => {
    const src = 'FROM debian\nRUN apt-get update && apt-get install curl\n';
    const codes = (r) => r.findings.map((f) => f.code);
    assert(codes(lib.lint(src)).includes('DL3006'), 'DL3006 is not reported');
    assert(!codes(lib.lint(src, { ignore: ['DL3006'] })).includes('DL3006'), 'ignore');
    assert(!codes(lib.lint(src, { config: 'ignored:\n  - DL3006\n' })).includes('DL3006'), 'config');
    assert(lib.lint(src, { rules: { DL3006: 'error' } }).findings.find((f) => f.code === 'DL3006').level === 'error', 'rules');
    assert(lib.lint(src, { failureThreshold: 'none' }).fails === false, 'failureThreshold');
    assert(lib.fix(src, { unsafe: true }).applied.length > lib.fix(src).applied.length, 'unsafe');
    const amd = lib.estimate('FROM python:3.12-slim\n');
    const arm = lib.estimate('FROM python:3.12-slim\n', { platform: 'linux/arm64' });
    // No arm64 figure for this image in the data: the amd64 one, with a wider range and why.
    assert(arm.before.low_bytes < amd.before.low_bytes, 'platform: same range');
    assert(arm.before.stages[0].base.reasons.some((r) => r.includes('arm64')), 'platform: no reason');
  });

  await step('buildArgs: lint, fix and estimate give what the CLI gives with --build-arg', async () => {
    const src = 'FROM debian:12\nARG PKGS="curl wget"\nRUN apt-get update && apt-get install -y $PKGS\n';
    const dir = await mkdtemp(join(tmpdir(), 'shipshape-build-args-'));
    try {
      const path = join(dir, 'Dockerfile');
      await writeFile(path, src);
      const dl3008 = (r) => r.findings.filter((f) => f.code === 'DL3008').map((f) => f.message);
      for (const buildArgs of [undefined, { PKGS: 'git' }, { PKGS: 'curl=7.88.1-10 wget=1.21.3-1+b2' }, { OTHER: 'x', PKGS: '' }]) {
        const flags = Object.entries(buildArgs ?? {}).flatMap(([n, v]) => ['--build-arg', `${n}=${v}`]);
        const got = lib.lint(src, { file: path, buildArgs });
        deepStrictEqual(got.findings, cli(['check', '--format', 'json', '--no-fail', ...flags, path]));
        deepStrictEqual(lib.estimate(src, { buildArgs }), cli(['size', '--format', 'json', ...flags, path]));
        const fixed = execFileSync(CLI, ['check', '--fix', '--unsafe-fixes', '--no-fail', ...flags, '-'], { input: src, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
        assert(lib.fix(src, { unsafe: true, buildArgs }).output === fixed, `fix with ${JSON.stringify(buildArgs)} differs from the CLI`);
      }
      const named = (buildArgs) => dl3008(lib.lint(src, { buildArgs }));
      assert(named()[0].startsWith('Pin the version of `curl` (from ARG PKGS on line 2'), `default: ${named()}`);
      deepStrictEqual(named({ PKGS: 'git' }), ['Pin the version of `git` (from the build argument PKGS): `apt-get install git=<version>`']);
      deepStrictEqual(named({ PKGS: 'curl=7.88.1-10 wget=1.21.3-1+b2' }), []);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  await step('fix never breaks the build: the apt case merges and cleans up; a refused fix comes with its reason and detail', async () => {
    const cliFix = (src) => execFileSync(CLI, ['check', '--fix', '--unsafe-fixes', '--no-fail', '-'], { input: src, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
    const seed = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\n';
    const fixed = lib.fix(seed, { unsafe: true });
    assert(fixed.output === 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n', `output: ${JSON.stringify(fixed.output)}`);
    assert(fixed.output === cliFix(seed), 'the fixed text differs from the CLI');
    assert(fixed.skipped.every((s) => s.detail === null), `skipped: ${JSON.stringify(fixed.skipped)}`);

    const src = 'FROM debian:12\nRUN apt-get update\nRUN apt-get install -y gcc\nCOPY x /x\nRUN apt-get install -y make\n';
    const got = lib.fix(src, { unsafe: true });
    const refused = got.skipped.filter((s) => s.reason === 'not applied: it would break the build');
    deepStrictEqual(refused, [{
      applicability: 'unsafe',
      code: 'DL3009',
      detail: 'SS6001 on line 4: `apt-get install` finds no package: the lists were removed on line 2',
      reason: 'not applied: it would break the build',
      title: 'Remove `/var/lib/apt/lists/*` at the end of the RUN',
    }]);
    deepStrictEqual(keys(refused[0]), declared(dts, 'SkippedFix'));
    assert(got.output === 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gcc\nCOPY x /x\nRUN apt-get install -y --no-install-recommends make\n', `output: ${JSON.stringify(got.output)}`);
    assert(got.output === cliFix(src), 'the fixed text differs from the CLI');
    assert(!got.findings.some((f) => f.level === 'error'), `errors left: ${got.findings.map((f) => f.code)}`);
    // Safe fixes only: nothing is refused, the unsafe ones wait for `unsafe: true`.
    const safe = lib.fix(src);
    assert(safe.skipped.some((s) => s.reason === 'unsafe: needs --unsafe-fixes' && s.detail === null), `skipped: ${JSON.stringify(safe.skipped)}`);
  });

  await step('bad options throw an Error that names them; a broken Dockerfile does not throw', async () => {
    const throws = (fn, text) => {
      try {
        fn();
      } catch (e) {
        assert(e instanceof Error && e.message.includes(text), `message: ${e.message}`);
        return;
      }
      throw new Error(`no error (${text})`);
    };
    throws(() => lib.lint('FROM alpine\n', { ignored: ['DL3006'] }), 'unknown option `ignored`');
    throws(() => lib.lint('FROM alpine\n', { rules: { DL3006: 'loud' } }), 'rules.DL3006');
    throws(() => lib.lint('FROM alpine\n', { config: 'ignored: [' }), 'config');
    throws(() => lib.lint('FROM alpine\n', { buildArgs: ['PKGS=git'] }), 'buildArgs: expected an object');
    throws(() => lib.lint('FROM alpine\n', { buildArgs: { '': 'git' } }), 'buildArgs: a build argument needs a name');
    throws(() => lib.estimate('FROM alpine\n', { buildArgs: { PKGS: 3 } }), 'buildArgs.PKGS: expected a string');
    const broken = lib.lint('FROM alpine\nRUNN echo hi\nRUN apt-get install curl\n');
    assert(broken.findings.some((f) => f.line === 2) && broken.findings.some((f) => f.line === 3 && f.code === 'DL3014'), `findings: ${broken.findings.map((f) => `${f.line}:${f.code}`)}`);
  });

  await step('tokens() colours a Dockerfile: sorted, apart, each class one the types declare', async () => {
    const src = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n# a comment\nRUN echo "hi" $USER\n';
    const list = lib.tokens(src);
    const text = (t) => Buffer.from(src).subarray(t.start, t.end).toString();
    const pairs = list.map((t) => `${t.class}:${text(t)}`);
    for (const want of ['keyword:FROM', 'flag:--platform=$BUILDPLATFORM', 'keyword:AS', 'comment:# a comment', 'keyword:RUN', 'string:"hi"', 'variable:$USER']) {
      assert(pairs.includes(want), `${want} missing from ${pairs.join(', ')}`);
    }
    assert(list.every((t, i) => t.start < t.end && (i === 0 || list[i - 1].end <= t.start)), 'tokens overlap or are out of order');
    const classes = dts.match(/class: ([^;]+);/)[1].match(/"([a-z-]+)"/g).map((c) => c.slice(1, -1));
    assert(list.every((t) => classes.includes(t.class)), `a class the types do not declare: ${list.map((t) => t.class)}`);
    deepStrictEqual(keys(list[0]), declared(dts, 'Token'));
  });

  await step('rules() and explain() document every rule', async () => {
    const all = lib.rules();
    deepStrictEqual(all, cli(['rules', '--format', 'json']));
    deepStrictEqual(keys(all[0]), declared(dts, 'Rule'));
    assert(lib.explain('DL3008').startsWith('# DL3008'), 'explain DL3008');
    assert(lib.explain('NOPE') === undefined, 'explain NOPE');
  });
} finally {
  await rm(project, { recursive: true, force: true });
}
console.log(`npm: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
