import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * V8 settings for a scan, which allocates a tree per file that dies at once and facts that live
 * on. Set from the first file scanned; V8 reads these flags as it goes, and they apply to every
 * thread of the process.
 *
 * - Pretenuring off. V8 may decide, from how many objects survived the first collections, to
 *   allocate the parser's objects in the old generation straight away. On the 10,000-pipeline repo
 *   it did so in about one run in three (it depends on timing), and those runs peaked at 310–420 MB
 *   instead of 205 MB: trees that die at once filled the old generation until a full collection.
 * - Once the heap holds over 100 MB, or a file of 1 MB or more is read (its tree takes about 12
 *   times that), the old generation may grow by half over what the last full collection kept.
 *   V8's own factor goes up to 4 for a heap that grows as fast as a scan's facts: on the
 *   100,000-pipeline repo the main thread ran no full collection between 136 MB and 340 MB of heap
 *   (300 MB of it facts). With this and `collectAfterScan`, that repo peaked at 550–566 MB instead
 *   of 620–629 (20% and 35% measured alike); each collection pauses 10–30 ms, the marking runs
 *   concurrently. Below 100 MB (the 10,000-pipeline repo peaks near 70) V8's factor costs no memory
 *   that counts, and the extra collections cost 4% of the time with a worker beside. A 50 MB file
 *   alone peaked at 564–648 MB without the second trigger (as V8 happened to collect), 570–581 MB
 *   with it.
 * - The young generation capped at 32 MB. Node 24's V8 lets it grow to 64 MB per semi-space on a
 *   64-bit machine (Node 22's stops at 16 MB); the facts that live on make it grow to its maximum
 *   and stay there: about 110 MB more peak RSS on the same repo, for no speed (measured).
 * - No scavenges run as tasks between messages. The main thread turns to its workers' messages
 *   every few files, and V8 ran a young collection there whenever the young generation was 80%
 *   full: on the 10,000-pipeline repo 73 of them instead of 63, each as costly.
 */
const YOUNG_CAP_BYTES = 32 * 2 ** 20;
const SLOW_GROWTH_ABOVE_BYTES = 100 * 2 ** 20;
/** How often (in calls: files scanned) the heap's size is looked at. */
const LOOK_EVERY = 32;
let capped = false;
let slowed = false;
let calls = 0;

/** Call once per file read, before it is parsed, with its size in bytes. */
export function tuneHeapForScan(bytes: number): void {
  if (calls === 0) v8.setFlagsFromString('--no-allocation-site-pretenuring --no-minor-gc-task');
  if (!slowed && bytes >= BIG_FILE_BYTES) slowHeapGrowth();
  if ((capped && slowed) || calls++ % LOOK_EVERY !== 0) return;
  if (!slowed && v8.getHeapStatistics().used_heap_size > SLOW_GROWTH_ABOVE_BYTES) slowHeapGrowth();
  if (capped) return;
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!space || space.space_size < YOUNG_CAP_BYTES) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  capped = true;
}

/**
 * Call before starting a scan worker. V8 makes a worker's heap with the flags of that moment, and
 * the cap above is a flag of the whole process: once the main thread has set it, a worker's young
 * generation never grew past the 4 MB it started with, and the worker ran 142 young collections
 * on the 10,000-pipeline repo where it now runs 69 (160 ms against 90). It starts at 8 MB instead.
 */
export function sizeWorkerHeap(): void {
  v8.setFlagsFromString(`--min-semi-space-size=${WORKER_SEMI_SPACE_MB}`);
}
const WORKER_SEMI_SPACE_MB = 8;

/**
 * Call before starting scan workers, with the number of files and of threads that scan them (the
 * workers and the main thread). V8's top compiler, TurboFan, is turned off for the rest of the run
 * when each thread gets fewer than 10,000 files. Each thread's isolate compiles the same hot code
 * again, on background threads that a parallel scan leaves no idle core for, and a short scan does
 * not earn those compiles back. Measured on 2 cores, paired, with TurboFan off against on:
 * - 11,000 files (the 10,000-pipeline repo): 0.92× the time;
 * - 33,000 files: even;
 * - 110,000 files: 1.14× the time.
 * In one thread the compiles run on the idle core, and TurboFan stays on (off: 1.08× the time).
 *
 * Young collections run on the thread that needs them alone, without V8's helper tasks, for the
 * same reason: with every core scanning, the helpers only wait for a core. On the 10,000-pipeline
 * repo the background threads' CPU time fell from 0.45–0.52 s to 0.29–0.35 s, and `check` took
 * 0.993× the time (16 pairs, 0.96–1.02).
 */
export function tuneForParallelScan(files: number, threads: number): void {
  if (turbofanOffFor(files, threads)) v8.setFlagsFromString('--no-turbofan');
  if (threads > 1) v8.setFlagsFromString('--no-parallel-scavenge');
}
export const turbofanOffFor = (files: number, threads: number): boolean => threads > 1 && files < TURBOFAN_MIN_FILES_PER_THREAD * threads;
const TURBOFAN_MIN_FILES_PER_THREAD = 10_000;

/** A file at least this large makes a large tree (see `tuneHeapForScan`). */
const BIG_FILE_BYTES = 2 ** 20;

/** Slows the old generation's growth for the rest of the run. */
function slowHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
  slowed = true;
}

/** Below this much heap in use, a collection between phases is not worth its pause. */
const COLLECT_ABOVE_BYTES = 128 * 2 ** 20;

/**
 * A full collection once the scan's facts are built: what the scan and the build left behind is
 * freed before the cross-file rules and the output allocate, so they reuse that space instead of
 * growing the heap past the scan's peak (on the 100,000-pipeline repo, 20–30 MB less peak RSS).
 */
export function collectAfterScan(above = COLLECT_ABOVE_BYTES): void {
  if (process.memoryUsage().heapUsed < above) return;
  // The flag stays on: contexts made after this (none in a run) would also get a global `gc`.
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}
