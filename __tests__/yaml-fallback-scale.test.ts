import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { lint } from './helpers/lint.js';
import { runInChild } from './helpers/child.js';

// Files the fast parser leaves to `yaml` (here: an anchor makes them take that path) cost what
// their size does. A size that took minutes when a cost was quadratic runs in a child process,
// killed at a bound far above the linear run and far below the quadratic one.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-fallback-scale-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
};

const findings = (r: { findings: { file: string; line: number; column: number; severity: string; ruleId: string; message: string }[] }) =>
  r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message}`).sort();

/** Lints the temp repo in a child process that is killed after `limit` ms. */
function lintInChild(limit = 60_000): string[] {
  const script = `
    import { lint } from './__tests__/helpers/lint.ts';
    const r = lint({ cwd: ${JSON.stringify(dir)}, paths: ['.'] });
    if (r.internalErrors.length) throw new Error(JSON.stringify(r.internalErrors));
    console.log(JSON.stringify(r.findings.map((f) => \`\${f.file}:\${f.line}:\${f.column} \${f.severity} \${f.ruleId} \${f.message}\`).sort()));`;
  return JSON.parse(runInChild(script, { limitMs: limit })) as string[];
}

/** A pipeline with an anchor, so that the fallback parser reads it. */
const HEAD = 'pipeline:\n  name: p\n  identifier: p\n  tags:\n    t: &t v\n';
const DUP = 'error yaml-syntax Map keys must be unique.';

describe('duplicate map keys', () => {
  test('are reported as yaml reported them: same keys, places, order and count', () => {
    // `yaml` compares keys by their values (`1`, `0x1` and `1.0` are equal; `1` and "1" are not),
    // never aliases or collections; `<<` is a plain key in YAML 1.2 and a merge (never equal) in 1.1.
    write({
      'top.yaml': HEAD + 'x: 1\npipeline: 2\n',
      'nested.yaml': HEAD + '  identifier: q\n',
      'flow.yaml': HEAD + '  vars: {a: 1, b: 2, a: 3}\n',
      'merge.yaml': HEAD + '  m: &m {a: 1}\n  y:\n    <<: *m\n    <<: *m\n',
      'merge11.yaml': '%YAML 1.1\n---\n' + HEAD + '  m: &m {a: 1}\n  y:\n    <<: *m\n    <<: *m\n    yes: 1\n    true: 2\n',
      'types.yaml':
        HEAD + '  k:\n    1: a\n    "1": b\n    true: c\n    "true": d\n    .nan: e\n    .nan: f\n    *t : g\n    *t : h\n    v: i\n',
      'equal.yaml':
        HEAD + '  k:\n    1: a\n    0x1: b\n    1.0: c\n    null: d\n    ~: e\n    !!str 1: f\n    "1": g\n    &x k: h\n    ? k\n    : i\n',
      'props.yaml': HEAD + '  k:\n    a: 1\n    &y a: 2\n    !!str a: 3\n    ? a\n    : 4\n    "a": 5\n',
      'complex.yaml': HEAD + '  k:\n    ? [a]\n    : 1\n    ? [a]\n    : 2\n',
      'three.yaml': HEAD + '  k: {a: 1}\n  k: 2\n  k: 3\n',
      // Ten syntax errors are reported per file, in the order `yaml` found them.
      'many.yaml':
        HEAD +
        '  k:\n' +
        Array.from({ length: 8 }, (_, i) => `    a${i}: 1\n    a${i}: 2\n`).join('') +
        '  bad: "x\n   y" z\n' +
        '  j:\n' +
        Array.from({ length: 4 }, (_, i) => `    b${i}: 1\n    b${i}: 2\n`).join(''),
      'docs.yaml': HEAD + '---\n' + HEAD + '  tags: 1\n',
    });
    expect(findings(lint({ cwd: dir, paths: ['.'] }))).toEqual([
      'complex.yaml:7:7 error yaml-syntax A map key is itself a map or a list, which Harness YAML cannot have; the file is not checked.',
      `docs.yaml:12:3 ${DUP}`,
      `equal.yaml:11:5 ${DUP}`,
      `equal.yaml:13:5 ${DUP}`,
      `equal.yaml:15:7 ${DUP}`,
      `equal.yaml:8:5 ${DUP}`,
      `equal.yaml:9:5 ${DUP}`,
      `flow.yaml:6:22 ${DUP}`,
      `many.yaml:10:5 ${DUP}`,
      `many.yaml:12:5 ${DUP}`,
      `many.yaml:14:5 ${DUP}`,
      `many.yaml:16:5 ${DUP}`,
      `many.yaml:18:5 ${DUP}`,
      `many.yaml:20:5 ${DUP}`,
      `many.yaml:22:5 ${DUP}`,
      'many.yaml:24:7 error yaml-syntax Unexpected scalar at node end.',
      `many.yaml:27:5 ${DUP}`,
      `many.yaml:8:5 ${DUP}`,
      `merge.yaml:9:5 ${DUP}`,
      `merge11.yaml:13:5 ${DUP}`,
      `nested.yaml:6:3 ${DUP}`,
      `props.yaml:10:7 ${DUP}`,
      `props.yaml:12:5 ${DUP}`,
      `props.yaml:8:8 ${DUP}`,
      `props.yaml:9:11 ${DUP}`,
      `three.yaml:7:3 ${DUP}`,
      `three.yaml:8:3 ${DUP}`,
      `top.yaml:7:1 ${DUP}`,
    ]);
  });

  test('in a map of 200,000 keys are found without comparing each key with all before it', () => {
    // `yaml`'s own check did that: 111 s for 100,000 keys, about four times as long here.
    const n = 200_000;
    write({ 'p.yaml': HEAD + '  k:\n' + Array.from({ length: n }, (_, i) => `    K${i}: v\n`).join('') + '    K7: again\n' });
    expect(lintInChild()).toEqual([`p.yaml:${7 + n}:5 ${DUP}`]);
  }, 90_000);
});

describe('big maps', () => {
  const BAD = 'app.harness.io/registry/harness/delegate:1';

  test('findings at the 200,000 keys of a map, and under the 100,000 keys of another, are named without searching the map for each', () => {
    // A finding's path found its key among the map's entries one by one: about 13 s for 80,000
    // scalars and 60 s for 80,000 maps, minutes here. The first file is over the 10 MiB default cap.
    const n = 100_000;
    write({
      'scalars.yaml': 'a: &a 1\nimages:\n' + Array.from({ length: 2 * n }, (_, i) => `  K${i}: ${BAD}\n`).join(''),
      'maps.yaml': 'a: &a 1\nconfig:\n' + Array.from({ length: n }, (_, i) => `  K${i}:\n    image: ${BAD}\n`).join(''),
    });
    const script = `
      import { lint } from './__tests__/helpers/lint.ts';
      const r = lint({ cwd: ${JSON.stringify(dir)}, paths: ['.'], maxFileSize: 64 << 20 });
      if (r.internalErrors.length) throw new Error(JSON.stringify(r.internalErrors));
      const found = r.findings.map((f) => \`\${f.file}:\${f.line}:\${f.column} \${f.identity.path}\`);
      console.log(JSON.stringify([found.length, ...found.filter((f) => /^(maps\\.yaml:4|scalars\\.yaml:3|\\w+\\.yaml:${2 * n + 2}):/.test(f)).sort()]));`;
    const last = `K${2 * n - 1}`;
    expect(JSON.parse(runInChild(script, { limitMs: 60_000 }))).toEqual([
      3 * n,
      ...[
        'maps.yaml:4:12 config/K0/image',
        `maps.yaml:${2 * n + 2}:12 config/K${n - 1}/image`,
        'scalars.yaml:3:7 images/K0',
        `scalars.yaml:${2 * n + 2}:${last.length + 5} images/${last}`,
      ].sort(),
    ]);
  }, 90_000);
});

describe('aliases', () => {
  test('40,000 anchors, each used once, are resolved without scanning the anchors before each alias', () => {
    // `yaml`'s `Alias.resolve` scanned every anchor and alias before the one it resolved: about 2
    // minutes here. The last alias still refers to its own anchor, and a finding through it sits there.
    const n = 40_000;
    const BAD = 'app.harness.io/registry/harness/delegate:1';
    write({
      'x.yaml':
        Array.from({ length: n }, (_, i) => `a${i}: &x${i} v${i}\n`).join('') +
        `last: &y ${BAD}\n` +
        Array.from({ length: n }, (_, i) => `b${i}: *x${i}\n`).join('') +
        'image: *y\n',
    });
    expect(lintInChild(30_000)).toEqual([
      `x.yaml:${n + 1}:10 warning no-app-harness-registry Image \`${BAD}\` is pulled from the app.harness.io registry, which reached end of life on 15 May 2024; pull it from \`https://registry.hub.docker.com\` instead.`,
    ]);
  }, 60_000);
});

describe('aliases of empty collections', () => {
  test('100,000 aliases of a list of 100,000 empty lists end in the alias limit, not in hours of counting', () => {
    // yaml counted such an anchor's aliases again on every alias (an empty collection counts 0,
    // so it never reached its limit): 20,000 took 8 s, 100,000 more than 2 minutes.
    const n = 100_000;
    const list = (item: string) => `[${Array.from({ length: n }, () => item).join(', ')}]`;
    write({ 'p.yaml': `pipeline:\n  name: p\n  identifier: p\n  tags:\n    a: &a ${list('[]')}\n    b: ${list('*a')}\n` });
    expect(lintInChild(30_000)).toEqual([
      'p.yaml:1:1 error yaml-syntax Document not checked: Excessive alias count indicates a resource exhaustion attack.',
    ]);
  }, 60_000);
});
