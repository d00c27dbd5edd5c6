import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { UsageError } from './errors.js';
import { sizeWorkerHeap, tuneForParallelScan } from './heap.js';
import type { Rule } from './rule.js';
import { stopSharing } from '../model/loc.js';
import { BatchPacker, unpackScans, type PackedBatch } from './hand-over.js';
import { scanFiles, scanOptions, serialScanner, type FileInput, type FileScan, type Scanner, type ScanSpec } from './scan-file.js';

/**
 * Scanning files on worker threads. Each worker parses and checks a batch of files and posts back
 * their facts; the main thread scans files too between gathering them, and the cross-file rules
 * run once, over the facts.
 * A worker that crashes, runs out of memory or hangs on a file costs that file an internal error
 * (exit code 2, the file named) and is replaced; the rest of the scan goes on.
 */

/**
 * Each thread that scans (the main thread and each worker) gets at least this many files: with
 * fewer, starting a worker costs more than it saves. On 2 cores, the default `check` with a worker
 * against without: 550 files 1.04× the time, 770 even, 1,100 0.91×, 3,300 0.87×.
 */
export const MIN_FILES_PER_THREAD = 500;
/** The environment variable that sets the number of worker threads (0: scan in the main thread). */
export const WORKERS_ENV = 'HARNESS_REGISTRY_GUARD_WORKERS';
const MAX_WORKERS = 8;
const BATCH = 64;
/**
 * Near the end of the queue batches shrink, down to this many files: the main thread cannot take
 * back files already posted, and it would wait while its worker scanned two full batches.
 */
const MIN_BATCH = 8;
/** Files the main thread scans between looks at its workers' messages. */
const MAIN_STEP = 4;
/** A file that takes longer than this is taken to hang its worker. */
export const FILE_TIMEOUT_MS = 30_000;

export interface PoolOptions {
  /** The worker entry: a script that calls `serveScans` with the rule registry; none: scan in this thread. */
  script: string | undefined;
  /** Number of workers; default from the environment, else the available parallelism. */
  workers?: number;
  /** Per-file time limit (tests shorten it). */
  fileTimeoutMs?: number;
  /** Heap limit of each worker in MB (default: V8's); a file that needs more is reported as an internal error. */
  heapMb?: number;
  /** Whether the main thread scans files too, beside its workers (default true; tests of worker failures turn it off). */
  mainThread?: boolean;
  /** Where the worker count may be set (`HARNESS_REGISTRY_GUARD_WORKERS`). */
  env?: NodeJS.ProcessEnv;
}

/**
 * How many worker threads to start for `files` files: none (scan in this thread) for small repos
 * and on a single core, where a worker only adds its start-up; else one per core beside the main
 * thread's (which scans too), up to 8, as long as each thread gets `MIN_FILES_PER_THREAD` files.
 */
export function workerCount(
  files: number,
  requested?: number,
  env: NodeJS.ProcessEnv = process.env,
  cores = os.availableParallelism(),
): number {
  const asked = requested ?? workersFromEnv(env);
  if (asked !== undefined) return Math.min(asked, MAX_WORKERS, files);
  return Math.max(0, Math.min(cores - 1, MAX_WORKERS, Math.floor(files / MIN_FILES_PER_THREAD) - 1));
}

/**
 * The number of workers `HARNESS_REGISTRY_GUARD_WORKERS` asks for; undefined when it is unset or
 * empty (as a workflow's `env:` leaves a variable it gives no value). Anything but digits is a usage
 * error: ignored, it would leave the user believing it took effect.
 */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env[WORKERS_ENV];
  if (value === undefined || !value.trim()) return undefined;
  if (!/^\d+$/.test(value.trim()))
    throw new UsageError(`${WORKERS_ENV} must be a whole number of worker threads, 0 or more (got ${JSON.stringify(value)})`);
  return Number(value);
}

/**
 * A scanner that spreads the files over worker threads beside this one, or scans in this thread
 * alone when no worker is called for. `rules` serves the in-thread case and must be the registry the script loads.
 */
export function poolScanner(rules: readonly Rule[], options: PoolOptions): Scanner {
  // Read here, before any file: a bad value is an error even where there is nothing to scan.
  const requested = options.workers ?? workersFromEnv(options.env);
  return async (inputs, spec) => {
    const n = workerCount(inputs.length, requested, {});
    const asked = requested !== undefined;
    if (n > 0 && !options.script && asked)
      throw new Error(
        `${n} worker thread${n === 1 ? ' was' : 's were'} asked for, but the worker script (dist/worker/index.js) is not there`,
      );
    if (n === 0 || !options.script) return serialScanner(rules)(inputs, spec);
    return runPool(rules, inputs, spec, n, { ...options, script: options.script });
  };
}

type ToWorker = { batch: number; inputs: FileInput[] };
/** A batch's scans, packed (see `packScans`). */
type FromWorker = PackedBatch & { batch: number };

/** A run of consecutive files: from index `first` of the inputs. */
type Batch = { id: number; first: number; inputs: FileInput[] };
/** Batches sent to a worker at once: the one it scans and the next, so it never waits for the main thread. */
const IN_FLIGHT = 2;

interface Slot {
  worker: Worker;
  /** Written by the worker: the id of the batch it is on and 1 + the index of its file there; [0, 0] before its first file. */
  progress: Int32Array;
  /** The batches sent to it whose results have not come back, oldest first. */
  batches: Batch[];
  /** When `progress` last moved, and to what: a file that holds it too long hangs the worker. */
  since: number;
  lastSeen: string;
}

/**
 * The worker script built beside a bundle (`dist/worker/index.js`), given the bundle's
 * `import.meta.url` and the script's path relative to it; undefined when it is not there, as when
 * the sources run under a test runner.
 */
export function workerScriptBeside(bundleUrl: string, relative: string): string | undefined {
  if (!bundleUrl.startsWith('file:')) return undefined;
  const script = path.resolve(path.dirname(fileURLToPath(bundleUrl)), relative);
  return fs.existsSync(script) ? script : undefined;
}

function runPool(
  rules: readonly Rule[],
  inputs: readonly FileInput[],
  spec: ScanSpec,
  n: number,
  options: PoolOptions & { script: string },
): Promise<FileScan[]> {
  const results: FileScan[] = new Array(inputs.length);
  const timeout = options.fileTimeoutMs ?? FILE_TIMEOUT_MS;
  // Work still to hand out, as runs of consecutive files; a lost worker's unscanned files go first.
  const queue: Array<{ first: number; inputs: FileInput[] }> = [];
  for (let i = 0; i < inputs.length; i += BATCH) queue.push({ first: i, inputs: inputs.slice(i, i + BATCH) });
  let pending = inputs.length;
  /** Files in the queue. */
  let queued = inputs.length;
  let batchIds = 0;

  return new Promise((resolve, reject) => {
    const slots = new Set<Slot>();
    let finished = false;
    const finish = () => {
      finished = true;
      clearInterval(watchdog);
      for (const s of slots) void s.worker.terminate();
      resolve(results);
    };
    /** Tops up a worker's batches from the queue. */
    const give = (slot: Slot) => {
      while (slot.batches.length < IN_FLIGHT) {
        const work = queue[0];
        if (!work) return;
        // A share of what is left for each thread, so all finish together.
        const size = Math.max(MIN_BATCH, Math.min(BATCH, Math.ceil(queued / (4 * (slots.size + 1)))));
        if (work.inputs.length <= size) queue.shift();
        const batch = { id: ++batchIds, first: work.first, inputs: work.inputs.splice(0, size) };
        work.first += batch.inputs.length;
        queued -= batch.inputs.length;
        slot.batches.push(batch);
        slot.worker.postMessage({ batch: batch.id, inputs: batch.inputs } satisfies ToWorker);
      }
    };
    const feedIdle = () => {
      for (const s of slots) if (queue.length) give(s);
    };
    /** A worker was lost: the file it was on is an internal error, the other files it held are queued again. */
    const lost = (slot: Slot, why: (file: string) => string) => {
      if (finished || !slots.has(slot)) return;
      slots.delete(slot);
      void slot.worker.terminate();
      const onBatch = Atomics.load(slot.progress, 0);
      const onFile = Atomics.load(slot.progress, 1);
      if (slot.batches.length && onBatch === 0) {
        // It died before its first file: nothing to blame on the input, and a replacement would die too.
        finished = true;
        clearInterval(watchdog);
        for (const s of slots) void s.worker.terminate();
        return reject(new Error(`a scan worker failed before scanning a file: ${why('(no file)')}`));
      }
      // The batch it was on; when it died between batches, the first it still held (so a crash always costs a file).
      const on = slot.batches.findIndex((b) => b.id === onBatch);
      const current = slot.batches[Math.max(0, on)];
      const requeue: Array<{ first: number; inputs: FileInput[] }> = [];
      for (const batch of slot.batches) {
        if (batch !== current) {
          requeue.push(batch);
          continue;
        }
        const at = on < 0 ? 0 : Math.min(onFile - 1, batch.inputs.length - 1);
        const input = batch.inputs[at]!;
        results[batch.first + at] = crashed(input, why(input.shown));
        pending--;
        // The files before it were scanned but their results went down with the worker.
        if (at > 0) requeue.push({ first: batch.first, inputs: batch.inputs.slice(0, at) });
        if (at + 1 < batch.inputs.length) requeue.push({ first: batch.first + at + 1, inputs: batch.inputs.slice(at + 1) });
      }
      slot.batches = [];
      queue.unshift(...requeue);
      for (const work of requeue) queued += work.inputs.length;
      if (pending === 0) return finish();
      if (queue.length) start();
      feedIdle();
    };
    const start = () => {
      const progress = new Int32Array(new SharedArrayBuffer(8));
      sizeWorkerHeap();
      const worker = new Worker(options.script, {
        workerData: { spec, progress },
        ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
      });
      const slot: Slot = { worker, progress, batches: [], since: Date.now(), lastSeen: '' };
      slots.add(slot);
      worker.on('message', (msg: FromWorker) => {
        const batch = slot.batches[0];
        if (finished || !batch || msg.batch !== batch.id) return;
        const scans = unpackScans(msg);
        scans.forEach((scan, i) => (results[batch.first + i] = scan));
        pending -= scans.length;
        slot.batches.shift();
        if (pending === 0) return finish();
        give(slot);
      });
      worker.on('error', (e) => lost(slot, (file) => `scanning ${file} crashed its worker: ${e.message}`));
      worker.on('exit', (code) => lost(slot, (file) => `the worker scanning ${file} exited with code ${code}`));
      give(slot);
    };
    const watchdog = setInterval(
      () => {
        const now = Date.now();
        for (const slot of [...slots]) {
          if (!slot.batches.length) continue;
          const onBatch = Atomics.load(slot.progress, 0);
          const seen = `${onBatch}:${Atomics.load(slot.progress, 1)}`;
          // Batch 0: still starting up; the clock runs from its first file.
          if (onBatch === 0 || seen !== slot.lastSeen) {
            slot.lastSeen = seen;
            slot.since = now;
          } else if (now - slot.since > timeout)
            lost(slot, (file) => `scanning ${file} did not finish within ${Math.round(timeout / 1000)} s; the file was skipped`);
        }
      },
      Math.min(1000, timeout / 4),
    );
    watchdog.unref();
    try {
      tuneForParallelScan(inputs.length, n + (options.mainThread === false ? 0 : 1));
      for (let i = 0; i < n && queue.length; i++) start();
    } catch (e) {
      clearInterval(watchdog);
      return reject(e);
    }
    if (options.mainThread === false) return;
    // The main thread scans too, a few files at a time from the end of the queue, so it is never
    // idle and answers the workers' messages between its own files.
    const local = scanOptions(rules, spec);
    const scanHere = () => {
      if (finished) return;
      const last = queue.at(-1);
      if (!last) return;
      const take = last.inputs.splice(-MAIN_STEP, MAIN_STEP);
      const first = last.first + last.inputs.length;
      if (!last.inputs.length) queue.pop();
      queued -= take.length;
      scanFiles(take, local).forEach((scan, i) => (results[first + i] = scan));
      pending -= take.length;
      if (pending === 0) return finish();
      setImmediate(scanHere);
    };
    setImmediate(scanHere);
  });
}

/** The scan of a file whose worker was lost: an internal error naming it, so the run exits 2. */
function crashed(input: FileInput, message: string): FileScan {
  return { file: input.shown, parsed: false, harness: false, findings: [], entities: [], directives: [], internalErrors: [message] };
}

/**
 * The worker side: scans each batch it is sent with the given rule registry, and records which
 * file it is on so a crash or hang can be blamed on it. Call it from the worker entry script.
 */
export function serveScans(rules: readonly Rule[]): void {
  if (isMainThread || !parentPort) throw new Error('serveScans runs in a worker thread');
  const { spec, progress } = workerData as { spec: ScanSpec; progress: Int32Array };
  const options = scanOptions(rules, spec);
  stopSharing();
  const port = parentPort;
  port.on('message', (msg: ToWorker) => {
    const packer = new BatchPacker();
    const scans = scanFiles(msg.inputs, { ...options, facts: packer.facts }, (i) => {
      Atomics.store(progress, 0, msg.batch);
      Atomics.store(progress, 1, i + 1);
    });
    port.postMessage({ batch: msg.batch, ...packer.finish(scans) } satisfies FromWorker);
  });
}
