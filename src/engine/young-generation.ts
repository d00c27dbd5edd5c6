import v8 from 'node:v8';

/**
 * Node 24's V8 lets the young generation grow to 64 MB per semi-space on a 64-bit machine (Node 22's
 * stops at 16 MB). A scan allocates facts that live on, so the young generation grows to its
 * maximum and stays there: about 110 MB more peak RSS on the 10,000-pipeline repo, for no speed
 * (measured). Once it reaches this size, it stops growing.
 */
const CAP_BYTES = 32 * 2 ** 20;
/** How often (in calls: files scanned) the young generation's size is looked at. */
const LOOK_EVERY = 32;
let capped = false;
let calls = 0;

/** Stops the young generation's growth once it is past the cap; call it once per file scanned. */
export function capYoungGeneration(): void {
  if (capped || calls++ % LOOK_EVERY !== 0) return;
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (!space || space.space_size < CAP_BYTES) return;
  // V8 reads this flag each time the new space grows; set while running, it applies from then on (every thread).
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  capped = true;
}
