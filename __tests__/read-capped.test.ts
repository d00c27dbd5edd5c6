import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { lintSync } from '../src/engine/lint.js';
import { rules } from '../src/rules/index.js';

// How a file's bytes are read: once, to the end, whatever size the file system gives for it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The image on the last line breaks policy 1: its finding shows the file was read to the end.
const text = `pipeline:\n  name: p\n  identifier: p\n  stages:\n    - stage:\n        name: b\n        identifier: b\n        type: CI\n        spec:\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    image: app.harness.io/registry/harness/ci-addon:1.0\n`;

/** Checks the file with `fstatSync` giving `size` for it (procfs and some FUSE mounts say 0; a file may grow after). */
function checkWithSize(size: (real: number) => number) {
  const file = path.join(dir, 'p.yaml');
  fs.writeFileSync(file, text);
  const fstat = fs.fstatSync;
  fs.fstatSync = ((fd: number) => {
    const st = fstat(fd);
    return Object.assign(Object.create(Object.getPrototypeOf(st) as object) as fs.Stats, st, { size: size(st.size) });
  }) as typeof fs.fstatSync;
  try {
    return lintSync({ cwd: dir, paths: ['p.yaml'], rules, configPath: false });
  } finally {
    fs.fstatSync = fstat;
  }
}

describe('reading a file', () => {
  it.each([
    ['the size it has', (n: number) => n],
    ['0, as procfs says', () => 0],
    ['less than it holds (it grew)', (n: number) => n - 45],
    ['one byte less', (n: number) => n - 1],
    ['more than it holds (it shrank)', (n: number) => n + 50],
  ])('with the size given as %s, reads all of it', (_, size) => {
    const result = checkWithSize(size);
    expect(result.entities).toBe(1);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['no-app-harness-registry', 17]]);
  });
});
