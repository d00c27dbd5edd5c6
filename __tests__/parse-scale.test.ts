import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { lint } from './helpers/lint.js';
import { runInChild } from './helpers/child.js';

// Parsing and placing costs grow with the input, not with its square. A size that took minutes
// when a cost was quadratic runs in a child process (jest cannot stop a synchronous test), killed
// at a bound far above the linear run and far below the quadratic one.

const BAD = 'app.harness.io/registry/harness/delegate:1';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-scale-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
};

/** Findings as `file:line:column ruleId`, sorted. */
const summary = (findings: { file: string; line: number; column: number; ruleId: string }[]) =>
  findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId}`).sort();

/** Lints the temp repo in a child process that is killed after `limit` ms. */
function lintInChild(limit = 60_000): string[] {
  const script = `
    import { lint } from './__tests__/helpers/lint.ts';
    const r = lint({ cwd: ${JSON.stringify(dir)}, paths: ['.'] });
    if (r.internalErrors.length) throw new Error(JSON.stringify(r.internalErrors));
    console.log(JSON.stringify(r.findings.map((f) => \`\${f.file}:\${f.line}:\${f.column} \${f.ruleId}\`).sort()));`;
  return JSON.parse(runInChild(script, { limitMs: limit })) as string[];
}

const keys = (n: number, indent: string) => Array.from({ length: n }, (_, i) => `${indent}K${i}: v${i}\n`).join('');

const pipeline = (envVariables: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: Run
                  name: r
                  identifier: r
                  spec:
                    image: ${BAD}
                    envVariables:
${envVariables}`;

describe('big maps', () => {
  test('a big map in a file with a registry image, and a step with many variables, are placed as small ones', () => {
    write({ 'values.yaml': `image: ${BAD}\nconfig:\n${keys(40, '  ')}`, 'p.yaml': pipeline(keys(40, '                      ')) });
    expect(summary(lint({ cwd: dir, paths: ['.'] }).findings)).toEqual([
      'p.yaml:17:28 no-app-harness-registry',
      'values.yaml:1:8 no-app-harness-registry',
    ]);
  });

  test('every key of a map holding 100,000 keys is found in constant time, not by listing the map again', () => {
    // Each string scalar was placed by listing its map's keys: about 26 s for 16,000 keys, hours here.
    write({ 'values.yaml': `image: ${BAD}\nconfig:\n${keys(100_000, '  ')}`, 'p.yaml': pipeline(keys(100_000, '                      ')) });
    expect(lintInChild()).toEqual(['p.yaml:17:28 no-app-harness-registry', 'values.yaml:1:8 no-app-harness-registry']);
  }, 90_000);

  test('findings under the 20,000 keys of a map, and of a list item, are named without listing the map for each', () => {
    // Each finding's path found its key, and whether a list item has a single key, by listing the map.
    const n = 20_000;
    const entries = (indent: string) => Array.from({ length: n }, (_, i) => `${indent}K${i}:\n${indent}  image: ${BAD}\n`).join('');
    write({ 'values.yaml': `config:\n${entries('  ')}`, 'list.yaml': `list:\n  -${entries('    ').slice(3)}` });
    const found = lintInChild();
    expect(found.length).toBe(2 * n);
    expect(found.filter((f) => /:(3|40001):/.test(f))).toEqual([
      'list.yaml:3:14 no-app-harness-registry',
      'list.yaml:40001:14 no-app-harness-registry',
      'values.yaml:3:12 no-app-harness-registry',
      'values.yaml:40001:12 no-app-harness-registry',
    ]);
  }, 90_000);
});

describe('many documents', () => {
  test('a pipeline followed by 130,000 small documents is read whole, not reported as nested too deeply', () => {
    write({ 'p.yaml': pipeline(keys(2, '                      ')) + Array.from({ length: 130_000 }, (_, i) => `---\na: ${i}\n`).join('') });
    expect(summary(lint({ cwd: dir, paths: ['.'] }).findings)).toEqual(['p.yaml:17:28 no-app-harness-registry']);
  }, 60_000);
});

describe('anchors and aliases', () => {
  const anchored = (n: number) =>
    `x-images:\n  bad: &bad ${BAD}\n` +
    Array.from({ length: n }, (_, i) => `a${i}: &x${i} v\n`).join('') +
    Array.from({ length: n }, (_, i) => `b${i}: *x${i}\n`).join('') +
    pipeline(keys(2, '                      ')).replace(`image: ${BAD}`, 'image: *bad');

  test('an alias is what the last anchor of its name before it holds', () => {
    write({ 'p.yaml': anchored(3).replace('a1: &x1 v', 'a1: &x1 v\nimg: &bad node:20') });
    // `*bad` follows the second `&bad`: the image is node:20, and the registry image is not used.
    expect(summary(lint({ cwd: dir, paths: ['.'] }).findings)).toEqual(['p.yaml:2:13 no-app-harness-registry']);
  });
});
