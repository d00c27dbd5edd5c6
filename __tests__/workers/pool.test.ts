import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterAll, describe, expect, test } from '@jest/globals';
import { lint, type LintResult } from '../../src/engine/lint.js';
import { poolScanner, workerCount, WORKERS_ENV } from '../../src/engine/pool.js';
import { UsageError } from '../../src/engine/errors.js';
import { turbofanOffFor } from '../../src/engine/heap.js';
import { cli } from '../cli/helpers.js';
import { rules as registry } from '../../src/rules/index.js';
import { faulty } from './faulty-rule.js';

/**
 * The registry and the faulty rule, as the worker script loads them. The main thread scans files
 * too unless `mainThread: false`, which the failure tests set: the faulty rule must fail in a worker.
 */
const rules = [...registry, faulty];

// Worker threads cannot take Jest's module transform: the workers here load the sources through
// the module hooks of faulty-worker.mjs, which adds a rule that crashes, hangs or runs out of heap
// on files named for it.
const FAULTY = path.join(import.meta.dirname, 'faulty-worker.mjs');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const connector = (id: string) =>
  `connector:\n  name: ${id}\n  identifier: ${id}\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    auth:\n      type: Anonymous\n`;
const pipeline = (id: string) =>
  `pipeline:\n  name: ${id}\n  identifier: ${id}\n  projectIdentifier: p\n  orgIdentifier: o\n  stages:\n    - stage:\n        name: b\n        identifier: b\n        type: CI\n        spec:\n          cloneCodebase: false\n          runtime:\n            type: Cloud\n            spec: {}\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    connectorRef: account.c${Number(id.slice(1)) % 7}\n                    image: app.harness.io/registry/harness/ci-addon:1.0\n                    command: echo\n`;

/** A repo of `n` pipelines and 7 connectors, plus the named extra files. */
function repo(n: number, extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-pool-'));
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, '.harness'));
  for (let i = 0; i < 7; i++) fs.writeFileSync(path.join(dir, '.harness', `c${i}.yaml`), connector(`c${i}`));
  for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, '.harness', `p${String(i).padStart(4, '0')}.yaml`), pipeline(`p${i}`));
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, '.harness', name), text);
  return dir;
}

const plain = (r: LintResult) =>
  JSON.stringify({ findings: r.findings, scanned: r.filesScanned, entities: r.entities, errors: r.internalErrors });

/**
 * The V8 flags a pool run on a small repo sets. `--no-turbofan` and `--no-parallel-scavenge` are
 * only recorded, not set: they would stay off for the rest of this test process.
 */
async function flagsSetBy(options: { workers: number; mainThread?: boolean }): Promise<string[]> {
  const dir = repo(3);
  const flags: string[] = [];
  const setFlags = v8.setFlagsFromString;
  v8.setFlagsFromString = (f: string) => {
    flags.push(f);
    if (f !== '--no-turbofan' && f !== '--no-parallel-scavenge') setFlags(f);
  };
  try {
    await lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: FAULTY, ...options }) });
  } finally {
    v8.setFlagsFromString = setFlags;
  }
  return flags;
}

describe('the worker pool', () => {
  test('gives the same result as scanning in one thread, with 1, 2 and 3 workers beside the main thread, and with workers alone', async () => {
    // `.inf` and `.nan` are numbers JSON cannot carry: they must still reach the findings as numbers.
    const odd = pipeline('p9003').replace(
      'type: Cloud\n            spec: {}',
      'type: Docker\n            spec:\n              harnessImageConnectorRef: .inf',
    );
    const dir = repo(300, { 'odd.yaml': odd, 'nan.yaml': odd.replace('.inf', '.nan').replace('p9003', 'p9004') });
    const serial = await lint({ cwd: dir, paths: ['.'], rules });
    expect(serial.findings.filter((f) => /Infinity|NaN/.test(f.message)).length).toBe(2);
    expect(serial.findings.length).toBeGreaterThan(300);
    for (const [workers, mainThread] of [
      [1, true],
      [2, true],
      [3, true],
      [2, false],
    ] as const) {
      const parallel = await lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: FAULTY, workers, mainThread }) });
      expect([workers, mainThread, plain(parallel)]).toEqual([workers, mainThread, plain(serial)]);
    }
  }, 60_000);

  test("a worker's heap is made with a young generation of 8 MB, whatever the main thread's tuning has set for the process", async () => {
    // V8 makes a worker's heap from the process's flags of that moment: the pool must set the size
    // before each worker starts (the effect, 142 young collections against 69, is in bench/README.md).
    const flags = await flagsSetBy({ workers: 1, mainThread: false });
    expect(flags).toContain('--min-semi-space-size=8');
  });

  test('a parallel scan of under 10,000 files a thread runs without TurboFan; one thread, or more files a thread, keep it', async () => {
    const flags = await flagsSetBy({ workers: 1 });
    expect(flags).toContain('--no-turbofan');
    // Nor with V8's helper tasks for young collections; a worker scanning alone keeps them.
    expect(flags).toContain('--no-parallel-scavenge');
    expect(await flagsSetBy({ workers: 1, mainThread: false })).not.toContain('--no-parallel-scavenge');
    expect([turbofanOffFor(11_000, 2), turbofanOffFor(19_999, 2), turbofanOffFor(20_000, 2), turbofanOffFor(30_000, 4)]).toEqual([
      true,
      true,
      false,
      true,
    ]);
    expect([turbofanOffFor(11_000, 1), turbofanOffFor(10, 1)]).toEqual([false, false]);
  }, 30_000);

  test('the main thread scans files beside its worker, and none when told not to', async () => {
    const whoami = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`whoami${i}.yaml`, pipeline(`p${5000 + i}`)]));
    const dir = repo(0, whoami);
    const threads = async (mainThread: boolean) => {
      const r = await lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: FAULTY, workers: 1, mainThread }) });
      const counts: Record<string, number> = {};
      for (const f of r.findings.filter((x) => x.ruleId === 'faulty')) counts[f.message] = (counts[f.message] ?? 0) + 1;
      return counts;
    };
    const both = await threads(true);
    expect(both['scanned on the main thread']).toBeGreaterThan(0);
    expect(both['scanned on the worker thread']).toBeGreaterThan(0);
    expect(both['scanned on the main thread']! + both['scanned on the worker thread']!).toBe(200);
    expect(await threads(false)).toEqual({ 'scanned on the worker thread': 200 });
  }, 60_000);

  test('a worker that dies on a file costs that file an internal error naming it; the rest is scanned', async () => {
    const dir = repo(150, { 'crash-me.yaml': pipeline('p9000') });
    const r = await lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: FAULTY, workers: 2, mainThread: false }) });
    expect(r.internalErrors).toEqual([expect.stringMatching(/^the worker scanning \.harness\/crash-me\.yaml exited with code 3$/)]);
    expect(r.filesScanned).toBe(157);
    expect(r.findings.filter((f) => f.file === '.harness/p0149.yaml').length).toBeGreaterThan(0);
  }, 60_000);

  test('a worker lost between two batches costs one file an internal error; every other file is scanned', async () => {
    // The worker exits right after sending back the batch that holds this file: whether its message
    // or its exit comes first, one file (the next it held, or the last of the batch) is blamed.
    const dir = repo(150, { 'exit-after-batch.yaml': pipeline('p9005') });
    const r = await lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: FAULTY, workers: 1, mainThread: false }) });
    fs.rmSync(path.join(os.tmpdir(), `hrg-pool-exit-after-batch-${process.pid}`), { force: true });
    expect(r.internalErrors).toEqual([expect.stringMatching(/^the worker scanning \.harness\/\S+\.yaml exited with code 4$/)]);
    expect(r.filesScanned).toBe(157);
  }, 60_000);

  test('a worker that hangs on a file is stopped after the time limit; the file is named and the run ends', async () => {
    const dir = repo(150, { 'hang-here.yaml': pipeline('p9001') });
    const started = Date.now();
    const r = await lint({
      cwd: dir,
      paths: ['.'],
      rules,
      scanner: poolScanner(rules, { script: FAULTY, workers: 2, fileTimeoutMs: 1500, mainThread: false }),
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.internalErrors).toEqual(['scanning .harness/hang-here.yaml did not finish within 2 s; the file was skipped']);
    expect(r.filesScanned).toBe(157);
  }, 60_000);

  test('a worker that runs out of heap on a file is reported for that file', async () => {
    const dir = repo(20, { 'oom.yaml': pipeline('p9002') });
    const r = await lint({
      cwd: dir,
      paths: ['.'],
      rules,
      scanner: poolScanner(rules, { script: FAULTY, workers: 2, heapMb: 64, mainThread: false }),
    });
    expect(r.internalErrors).toHaveLength(1);
    expect(r.internalErrors[0]).toMatch(/\.harness\/oom\.yaml/);
    expect(r.filesScanned).toBe(27);
  }, 60_000);

  test('a worker script that cannot start fails the run with an error instead of restarting forever', async () => {
    const dir = repo(10);
    const script = path.join(import.meta.dirname, 'broken-worker.mjs');
    await expect(
      lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script, workers: 2, mainThread: false }) }),
    ).rejects.toThrow(/a scan worker failed before scanning a file: .*this worker cannot start/);
  }, 30_000);
});

describe('how many workers', () => {
  test.each([
    // files, requested, env, cores -> workers
    [20, undefined, {}, 4, 0],
    [999, undefined, {}, 4, 0],
    [1_000, undefined, {}, 4, 1],
    [1_100, undefined, {}, 2, 1],
    [1_499, undefined, {}, 4, 1],
    [1_500, undefined, {}, 4, 2],
    [4_000, undefined, {}, 4, 3],
    [4_000, undefined, {}, 2, 1],
    [4_000, undefined, {}, 64, 7],
    [10_000, undefined, {}, 1, 0],
    [10_000, undefined, {}, 2, 1],
    [10_000, undefined, {}, 4, 3],
    [10_000, undefined, {}, 64, 8],
    [100_000, undefined, {}, 64, 8],
    [10_000, undefined, { [WORKERS_ENV]: '1' }, 4, 1],
    [10_000, undefined, { [WORKERS_ENV]: '0' }, 4, 0],
    [10_000, undefined, { [WORKERS_ENV]: '3' }, 2, 3],
    [10_000, undefined, { [WORKERS_ENV]: ' 3 ' }, 2, 3],
    // Empty is unset, as a workflow's `env:` leaves a variable it gives no value.
    [10_000, undefined, { [WORKERS_ENV]: '' }, 2, 1],
    [10_000, undefined, { [WORKERS_ENV]: ' ' }, 2, 1],
    [5, 4, {}, 2, 4],
    [2, 4, {}, 2, 2],
  ])('%i files, asked %p, env %p, %i cores: %i', (files, requested, env, cores, expected) => {
    expect(workerCount(files, requested, env, cores)).toBe(expected);
  });

  test.each(['many', '-1', '1.5', '1e3', '0x10'])('%j workers is a usage error naming the variable, not ignored', (value) => {
    const message = `HARNESS_REGISTRY_GUARD_WORKERS must be a whole number of worker threads, 0 or more (got ${JSON.stringify(value)})`;
    expect(() => workerCount(10_000, undefined, { [WORKERS_ENV]: value }, 2)).toThrow(new UsageError(message));
    // Before any file is scanned, so an empty repo does not hide it.
    expect(() => poolScanner(rules, { script: undefined, env: { [WORKERS_ENV]: value } })).toThrow(message);
  });

  test('the CLI exits 2 with one line naming the variable when it is not a number of workers', async () => {
    const dir = repo(1);
    const r = await cli(['check', '.'], dir, { env: { [WORKERS_ENV]: 'abc' } });
    expect(r).toEqual({
      code: 2,
      out: '',
      err: 'harness-registry-guard: HARNESS_REGISTRY_GUARD_WORKERS must be a whole number of worker threads, 0 or more (got "abc")\n',
    });
  });

  test('0 workers scans in this thread and needs no worker script', async () => {
    const dir = repo(5);
    const r = await lint({
      cwd: dir,
      paths: ['.'],
      rules,
      scanner: poolScanner(rules, { script: '/nonexistent/worker.js', env: { [WORKERS_ENV]: '0' } }),
    });
    expect(r.internalErrors).toEqual([]);
    expect(r.filesScanned).toBe(12);
  });
});

describe('the built CLI', () => {
  const BIN = path.join(import.meta.dirname, '..', '..', 'dist', 'cli', 'index.js');
  const run = (dir: string, workers: string, ...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'check', '.', '--fail-on', 'never', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, [WORKERS_ENV]: workers },
    });

  test('scans on 1, 2 and 4 worker threads (dist/worker/index.js) with output identical to the main thread alone, run after run', () => {
    const dir = repo(450);
    for (const format of ['json', 'sarif']) {
      const serial = run(dir, '0', '--format', format);
      expect(serial.status).toBe(0);
      for (const workers of ['1', '2', '4']) {
        const parallel = run(dir, workers, '--format', format);
        expect(parallel.stderr).toBe('');
        expect(parallel.stdout).toBe(serial.stdout);
      }
      expect(run(dir, '2', '--format', format).stdout).toBe(serial.stdout);
    }
  }, 120_000);
});

test('asking for workers where there is no worker script is an error, not a silent single thread', async () => {
  const dir = repo(5);
  await expect(
    lint({ cwd: dir, paths: ['.'], rules, scanner: poolScanner(rules, { script: undefined, env: { [WORKERS_ENV]: '2' } }) }),
  ).rejects.toThrow('2 worker threads were asked for, but the worker script (dist/worker/index.js) is not there');
});
