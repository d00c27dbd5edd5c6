import v8 from 'node:v8';

/**
 * V8 settings for a scan, which allocates a tree per file that dies at once and facts that live
 * on. Set from the first file scanned; V8 reads both flags as it goes, and they apply to every
 * thread of the process.
 *
 * - Pretenuring off. V8 may decide, from how many objects survived the first collections, to
 *   allocate the parser's objects in the old generation straight away. On the 10,000-pipeline repo
 *   it did so in about one run in three (it depends on timing), and those runs peaked at 310–420 MB
 *   instead of 205 MB: trees that die at once filled the old generation until a full collection.
 * - The young generation capped at 32 MB. Node 24's V8 lets it grow to 64 MB per semi-space on a
 *   64-bit machine (Node 22's stops at 16 MB); the facts that live on make it grow to its maximum
 *   and stay there: about 110 MB more peak RSS on the same repo, for no speed (measured).
 */
const YOUNG_CAP_BYTES = 32 * 2 ** 20;
/** How often (in calls: files scanned) the young generation's size is looked at. */
const LOOK_EVERY = 32;
let capped = false;
let calls = 0;

/** Call once per file scanned. */
export function tuneHeapForScan(): void {
  if (calls === 0) v8.setFlagsFromString('--no-allocation-site-pretenuring');
  if (capped || calls++ % LOOK_EVERY !== 0) return;
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!space || space.space_size < YOUNG_CAP_BYTES) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  capped = true;
}
