import { describe, expect, it } from '@jest/globals';
import { collectAfterScan } from '../../src/engine/heap.js';

/** Unreachable garbage: 40,000 arrays of 100 numbers (about 35 MB), made and dropped at once. */
function makeGarbage(): void {
  let keep: number[][] = [];
  for (let i = 0; i < 40_000; i++) keep.push(Array.from({ length: 100 }, (_, j) => i + j + 0.5));
  keep = [];
  void keep;
}

describe('collectAfterScan', () => {
  it('frees what the scan left behind once the heap is over the bound', () => {
    makeGarbage();
    const before = process.memoryUsage().heapUsed;
    collectAfterScan(0);
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(20 * 2 ** 20);
  });

  it('leaves a small heap alone (a small repo does not pay for a collection)', () => {
    makeGarbage();
    const before = process.memoryUsage().heapUsed;
    collectAfterScan(Number.MAX_SAFE_INTEGER);
    expect(before - process.memoryUsage().heapUsed).toBeLessThan(5 * 2 ** 20);
  });
});
