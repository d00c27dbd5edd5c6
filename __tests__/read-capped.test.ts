import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { lintSync } from '../src/engine/lint.js';
import { rules } from '../src/rules/index.js';
import { scanFile, scanFiles, scanOptions } from '../src/engine/scan-file.js';
import type { Rule } from '../src/engine/rule.js';

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

// Files are read a run at a time ahead of their parses (system calls run warm back to back), but
// never more than 16 files or 1 MB of them are held unparsed, and a hang is blamed on its file.
describe('reading ahead', () => {
  /** Scan options with one file rule, a probe that calls `checkFile` with the file it checks. */
  const probing = (checkFile: (file: string) => void) =>
    scanOptions(
      [
        {
          id: 'probe',
          severity: 'error',
          messages: {},
          checkFile: (ctx: { file: { path: string } }) => checkFile(ctx.file.path),
        } as unknown as Rule,
      ],
      { fileRules: [{ id: 'probe', options: {} }], ruleIds: ['probe'], maxFileSize: 10 * 2 ** 20 },
    );

  /** Scans `files` (names and sizes) with the reads and the scans logged in the order they happen. */
  function scanLogged(files: Array<[string, number]>, onFile?: (i: number) => void) {
    const sub = fs.mkdtempSync(path.join(dir, 'ahead-'));
    const inputs = files.map(([name, size]) => {
      const absPath = path.join(sub, name);
      if (size >= 0) fs.writeFileSync(absPath, `a: ${'x'.repeat(Math.max(0, size - 4))}\n`);
      return { shown: name, absPath };
    });
    const log: string[] = [];
    const open = fs.openSync;
    fs.openSync = ((p: fs.PathLike, ...rest: unknown[]) => {
      log.push(`read ${path.basename(String(p))}`);
      return (open as (...a: unknown[]) => number)(p, ...rest);
    }) as typeof fs.openSync;
    try {
      const scans = scanFiles(
        inputs,
        probing((file) => log.push(`scan ${path.basename(file)}`)),
        onFile,
      );
      return { log, scans };
    } finally {
      fs.openSync = open;
    }
  }
  /** The most files read and not yet scanned at any moment. */
  const mostHeld = (log: string[]) => {
    let held = 0;
    let most = 0;
    for (const entry of log) most = Math.max(most, (held += entry.startsWith('read') ? 1 : -1));
    return most;
  };

  it('reads small files sixteen at a time, each before it is scanned', () => {
    const names = Array.from({ length: 40 }, (_, i): [string, number] => [`f${String(i).padStart(2, '0')}.yaml`, 100]);
    const { log, scans } = scanLogged(names);
    expect(scans.map((s) => s.file)).toEqual(names.map(([n]) => n));
    expect(log.slice(0, 17)).toEqual([...names.slice(0, 16).map(([n]) => `read ${n}`), `scan ${names[0]![0]}`]);
    expect(mostHeld(log)).toBe(16);
    for (const [n] of names) expect(log.indexOf(`read ${n}`)).toBeLessThan(log.indexOf(`scan ${n}`));
  });

  it('holds no more than about 1 MB read ahead', () => {
    const { log } = scanLogged(Array.from({ length: 6 }, (_, i): [string, number] => [`big${i}.yaml`, 700_000]));
    expect(log.slice(0, 3)).toEqual(['read big0.yaml', 'read big1.yaml', 'scan big0.yaml']);
    expect(mostHeld(log)).toBe(2);
  });

  it('reports a file that cannot be read in its place, and scans the others of its run', () => {
    const { scans } = scanLogged([
      ['a.yaml', 100],
      ['gone.yaml', -1],
      ['c.yaml', 100],
    ]);
    expect(scans.map((s) => [s.file, s.parsed, s.findings.map((f) => f.message)])).toEqual([
      ['a.yaml', true, []],
      ['gone.yaml', false, ['File cannot be read (ENOENT).']],
      ['c.yaml', true, []],
    ]);
  });

  it("lets go of a file's bytes before its rules run", () => {
    const file = path.join(dir, 'held.yaml');
    fs.writeFileSync(file, 'a: 1\n');
    const ahead = { bytes: fs.readFileSync(file) as Buffer | undefined };
    const heldDuringRules: boolean[] = [];
    const scan = scanFile(
      { shown: 'held.yaml', absPath: file },
      probing(() => heldDuringRules.push(ahead.bytes !== undefined)),
      ahead,
    );
    expect(scan.parsed).toBe(true);
    expect(heldDuringRules).toEqual([false]);
  });

  it('tells which file it is on while reading and again while scanning', () => {
    const seen: number[] = [];
    scanLogged(
      Array.from({ length: 18 }, (_, i): [string, number] => [`g${i}.yaml`, 100]),
      (i) => seen.push(i),
    );
    const run = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
    expect(seen).toEqual([...run(0, 16), ...run(0, 16), 16, 17, 16, 17]);
  });
});
