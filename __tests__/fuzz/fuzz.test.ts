/**
 * Fuzz test: valid Harness YAML seeds (seeds.ts), mutated at the structure, text and byte level
 * (mutations.ts), are linted next to a valid connector and template. For every case:
 *   - lint() does not throw and reports no internal error; `check --format json` exits 0 or 1;
 *   - it answers within FUZZ_CASE_TIMEOUT_MS (lint runs in a child process that is killed on a hang,
 *     so a hang fails the test instead of stalling it);
 *   - every finding and related location names a file of the temp repo and a valid range in it;
 *   - no file of the temp repo is modified.
 *
 * `npm test` runs a fixed-seed sample. `npm run fuzz` runs FUZZ_RUNS (default 10,000) cases from
 * FUZZ_SEED (default: random, printed), keeps going after a failure, counts failures and saves each
 * failing repo under $TMPDIR/hrg-fuzz-failures/SEED/ (replay: `node dist/cli/index.js check DIR`).
 * Replay a fast-check counterexample with the FUZZ_SEED and FUZZ_PATH it prints.
 *
 * Bugs it found are regression tests in found-bugs.test.ts.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { build, describeCase, fuzzCase, type FuzzCase } from './mutations.js';
import { SUPPORT_FILES } from './seeds.js';

const env = process.env;
const RUNS = Number(env.FUZZ_RUNS ?? 250);
const FUZZING = env.FUZZ_RUNS !== undefined;
const SEED = env.FUZZ_SEED !== undefined ? Number(env.FUZZ_SEED) : FUZZING ? Date.now() % 2 ** 31 : 20240515;
const PATH = env.FUZZ_PATH;
const KEEP_GOING = env.FUZZ_KEEP_GOING === '1' && !PATH;
const CASE_TIMEOUT_MS = Number(env.FUZZ_CASE_TIMEOUT_MS ?? 15_000);

interface Pos {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface Reply {
  id: number;
  threw?: string;
  internalErrors?: string[];
  findings?: Array<Pos & { ruleId: string; message: string; related: Pos[] }>;
  lintMs: number;
  checkExit?: number;
  checkThrew?: string;
  checkErr?: string;
}
type Outcome = { reply: Reply; ms: number } | { failure: string; ms: number };

/** The child process that lints (child.mjs); restarted after a hang or a crash. */
class Linter {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private waiting?: (o: Outcome) => void;
  private stderr = '';
  private id = 0;

  private start() {
    this.stderr = '';
    const child = fork(path.resolve('__tests__/fuzz/child.mjs'), [], {
      execArgv: ['--import', path.resolve('__tests__/fuzz/ts-register.mjs')],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.ready = new Promise((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code, signal) => reject(new Error(`lint child exited before it was ready (${code ?? signal}): ${this.stderr}`)));
    });
    child.on('message', (m: Reply & { ready?: boolean }) => {
      if (!m.ready && m.id === this.id) this.settle({ reply: m, ms: 0 });
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      this.settle({ failure: `lint process died (exit ${code ?? ''}${signal ?? ''}): ${this.stderr.trim().slice(-2000)}`, ms: 0 });
    });
    this.child = child;
  }

  private settle(o: Outcome) {
    const w = this.waiting;
    this.waiting = undefined;
    w?.(o);
  }

  async run(dir: string): Promise<Outcome> {
    if (!this.child) this.start();
    await this.ready;
    const id = ++this.id;
    const started = performance.now();
    const outcome = await new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.stop();
        resolve({ failure: `no answer within ${CASE_TIMEOUT_MS} ms (hang?)`, ms: CASE_TIMEOUT_MS });
      }, CASE_TIMEOUT_MS);
      this.waiting = (o) => {
        clearTimeout(timer);
        resolve(o);
      };
      this.child!.send({ id, dir });
    });
    return { ...outcome, ms: performance.now() - started };
  }

  stop() {
    const child = this.child;
    this.child = undefined;
    this.waiting = undefined;
    child?.kill('SIGKILL');
  }
}

// ---------------------------------------------------------------------------------------------

let dir: string;
const linter = new Linter();
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-fuzz-'));
  for (const [name, text] of Object.entries(SUPPORT_FILES)) write(name, Buffer.from(text));
});
afterAll(() => {
  linter.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, bytes: Buffer) {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
}

/** The lines of a file as the tool numbers them: UTF-8 text without its BOM, split at \n and a lone \r (CRLF's \r stays on its line). */
function linesOf(bytes: Buffer): string[] {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.replace(/^\uFEFF/, '').split(/\n|\r(?!\n)/);
}

/** What is wrong with a position in one of `files`, if anything. */
function badPosition(p: Pos, files: Map<string, string[]>): string | undefined {
  const lines = files.get(p.file);
  if (!lines) return `file ${JSON.stringify(p.file)} is not one of the scanned files`;
  const ints = [p.line, p.column, p.endLine, p.endColumn];
  if (!ints.every((n) => Number.isInteger(n))) return `non-integer position ${ints.join(',')}`;
  if (p.line < 1 || p.line > lines.length) return `line ${p.line} outside 1..${lines.length}`;
  if (p.endLine < p.line || p.endLine > lines.length) return `endLine ${p.endLine} outside ${p.line}..${lines.length}`;
  if (p.column < 1 || p.column > lines[p.line - 1]!.length + 1)
    return `column ${p.column} outside 1..${lines[p.line - 1]!.length + 1} on line ${p.line}`;
  if (p.endColumn < 1 || p.endColumn > lines[p.endLine - 1]!.length + 1)
    return `endColumn ${p.endColumn} outside 1..${lines[p.endLine - 1]!.length + 1} on line ${p.endLine}`;
  if (p.endLine === p.line && p.endColumn < p.column) return `ends (${p.endLine}:${p.endColumn}) before it starts (${p.line}:${p.column})`;
  return undefined;
}

const stats = {
  cases: 0,
  failures: 0,
  slowestMs: 0,
  totalMs: 0,
  byRule: {} as Record<string, number>,
  withRuleFinding: 0,
};
const failuresDir = path.join(os.tmpdir(), 'hrg-fuzz-failures', String(SEED));

/** Runs one case; returns what is wrong with it. */
async function problemsOf(c: FuzzCase): Promise<string[]> {
  const { file, bytes } = build(c);
  const written = new Map<string, Buffer>(Object.entries(SUPPORT_FILES).map(([n, t]) => [n, Buffer.from(t)]));
  written.set(file, bytes);
  for (const f of listFiles(dir)) if (!written.has(f)) fs.rmSync(path.join(dir, f));
  write(file, bytes);

  const outcome = await linter.run(dir);
  stats.cases++;
  stats.totalMs += outcome.ms;
  stats.slowestMs = Math.max(stats.slowestMs, outcome.ms);
  if (FUZZING && stats.cases % 500 === 0) process.stderr.write(`fuzz: ${stats.cases}/${RUNS} cases, ${stats.failures} failures\n`);
  if ('failure' in outcome) return [outcome.failure];
  return problemsIn(outcome.reply, file, written);
}

/** What is wrong in one reply of the linter, and with the files it was given. */
function problemsIn(r: Reply, file: string, written: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  if (r.threw) problems.push(`lint() threw: ${r.threw}`);
  if (r.internalErrors?.length) problems.push(`internal errors: ${r.internalErrors.join('\n')}`);
  if (r.checkThrew) problems.push(`check threw: ${r.checkThrew}`);
  else if (r.checkExit !== 0 && r.checkExit !== 1) problems.push(`check exited ${r.checkExit}: ${r.checkErr}`);

  const files = new Map([...written].map(([n, b]) => [n, linesOf(b)]));
  let ruleFinding = false;
  for (const f of r.findings ?? []) {
    stats.byRule[f.ruleId] = (stats.byRule[f.ruleId] ?? 0) + 1;
    if (f.file === file && !['yaml-syntax', 'schema', 'unresolved-reference'].includes(f.ruleId)) ruleFinding = true;
    for (const [what, p] of [['finding', f], ...f.related.map((rel) => ['related location', rel] as const)] as const) {
      const bad = badPosition(p, files);
      if (bad)
        problems.push(
          `${what} of ${f.ruleId} at ${p.file}:${p.line}:${p.column}-${p.endLine}:${p.endColumn} (${f.message.slice(0, 120)}): ${bad}`,
        );
    }
  }
  if (ruleFinding) stats.withRuleFinding++;
  for (const [name, b] of written) {
    let now: Buffer | undefined;
    try {
      now = fs.readFileSync(path.join(dir, name));
    } catch {
      now = undefined;
    }
    if (!now || !now.equals(b)) problems.push(`${name} was ${now ? 'modified' : 'removed'} by lint/check`);
  }
  return problems;
}

function listFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

function saveFailure(c: FuzzCase, problems: string[]) {
  const out = path.join(failuresDir, String(stats.failures));
  fs.mkdirSync(out, { recursive: true });
  for (const f of listFiles(dir)) {
    fs.mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
    fs.copyFileSync(path.join(dir, f), path.join(out, f));
  }
  fs.writeFileSync(path.join(out, 'case.json'), JSON.stringify({ case: c, problems }, null, 2));
  return out;
}

test(
  `lint never crashes, hangs, reports internal errors or invalid positions on mutated Harness YAML (${RUNS} cases, seed ${SEED})`,
  async () => {
    const started = performance.now();
    if (FUZZING)
      console.log(`fuzz: ${RUNS} cases from seed ${SEED}; replay this run with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} npm run fuzz`);
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const problems = await problemsOf(c);
        if (!problems.length) return;
        stats.failures++;
        if (!KEEP_GOING) throw new Error(problems.join('\n'));
        const saved = saveFailure(c, problems);
        failures.push(`${saved}: ${describeCase(c)}\n    ${problems.join('\n    ')}`);
      }),
      { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH, endOnFailure: true } : {}), verbose: 1 },
    );
    const wall = (performance.now() - started) / 1000;
    if (FUZZING)
      console.log(
        [
          `fuzz: ${stats.cases} cases, ${stats.failures} failures, ${wall.toFixed(1)} s wall ` +
            `(mean ${(stats.totalMs / Math.max(1, stats.cases)).toFixed(1)} ms, slowest ${stats.slowestMs.toFixed(0)} ms per case)`,
          `fuzz: ${stats.withRuleFinding} cases still got a policy finding in the mutated file; findings by rule: ${JSON.stringify(stats.byRule)}`,
          ...(failures.length ? [`fuzz: failing repos saved under ${failuresDir}`, ...failures.slice(0, 20)] : []),
        ].join('\n'),
      );
    expect(failures).toEqual([]);
  },
  FUZZING ? 2 ** 31 - 1 : 120_000,
);
