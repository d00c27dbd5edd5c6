import { afterAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { lint } from '../../src/engine/lint.js';
import { rules } from '../../src/rules/index.js';

// Its own file: the heap tuning keeps its state in the module, and nothing here has scanned a file before.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-heap-big-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pipeline = (id: string, padding: number) =>
  `pipeline:\n  identifier: ${id}\n  name: ${id}\n  # ${'x'.repeat(padding)}\n  stages: []\n`;

describe('the heap tuning on a large file', () => {
  it('slows the old generation growth when a file of 1 MB or more is read, not for small files', async () => {
    const flags: string[] = [];
    const [setFlags, heapStatistics] = [v8.setFlagsFromString, v8.getHeapStatistics];
    v8.setFlagsFromString = (f: string) => void flags.push(f);
    // The test runner's own heap may hold over 100 MB already, which slows the growth too.
    v8.getHeapStatistics = () => ({ ...heapStatistics(), used_heap_size: 0 });
    try {
      fs.writeFileSync(path.join(dir, 'small.yaml'), pipeline('small', 100));
      await lint({ cwd: dir, paths: ['small.yaml'], rules });
      const growth = () => flags.filter((f) => f.startsWith('--heap-growing-percent'));
      expect(flags[0]).toBe('--no-allocation-site-pretenuring --no-minor-gc-task');
      expect(growth()).toEqual([]);
      fs.writeFileSync(path.join(dir, 'big.yaml'), pipeline('big', 2 ** 20));
      await lint({ cwd: dir, paths: ['big.yaml'], rules });
      expect(growth()).toEqual(['--heap-growing-percent=50']);
      await lint({ cwd: dir, paths: ['big.yaml'], rules });
      expect(growth()).toHaveLength(1);
    } finally {
      [v8.setFlagsFromString, v8.getHeapStatistics] = [setFlags, heapStatistics];
    }
  });
});
