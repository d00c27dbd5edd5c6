import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

// Sizes that took minutes (or hours) before each fix and well under a few seconds after. Jest cannot
// stop a synchronous run, so the CLI runs in a child process, killed at a bound far above the linear
// run and far below the super-linear one.
const CLI = path.resolve('src/cli/index.ts');
const REGISTER = path.resolve('__tests__/fuzz/ts-register.mjs');
const BAD = 'app.harness.io/registry/harness/ci-addon:1.16.22';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-scale-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

function cli(args: string[], cwd = dir): unknown {
  const res = spawnSync(process.execPath, ['--import', REGISTER, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 1 << 28,
  });
  expect([res.signal, res.stderr]).toEqual([null, '']);
  return JSON.parse(res.stdout);
}
const check = (cwd = dir) =>
  cli(['check', '.', '--format', 'json', '--fail-on', 'never'], cwd) as { findings: Array<Record<string, unknown>> };

const head = (id: string) =>
  `pipeline:\n  name: ${id}\n  identifier: ${id}\n  orgIdentifier: default\n  projectIdentifier: proj\n  stages:\n`;
const steps = (image: string) =>
  `      execution:\n        steps:\n          - step:\n              type: Run\n              name: r\n              identifier: r\n              spec:\n                image: ${image}\n`;
const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);
const stage = (id: string, infra: string) =>
  `    - stage:\n        name: ${id}\n        identifier: ${id}\n        type: CI\n        spec:\n${infra}` +
  indent(steps('node:20'), '    ');
const k8s =
  '          infrastructure:\n            type: KubernetesDirect\n            spec:\n              connectorRef: account.cluster\n              namespace: ci\n              harnessImageConnectorRef: org.mirror\n              os: Linux\n';
const useFrom = (id: string) => `          infrastructure:\n            useFromStage: ${id}\n`;

describe('costs linear in the input', () => {
  test.each([
    ['backward', (i: number) => (i === 0 ? k8s : useFrom(`s${i - 1}`))],
    ['forward', (i: number, n: number) => (i === n - 1 ? k8s : useFrom(`s${i + 1}`))],
  ])(
    'a %s chain of 6,000 useFromStage stages is followed once (minutes before)',
    (_, infra) => {
      const n = 6000;
      const text = head('p') + Array.from({ length: n }, (_, i) => stage(`s${i}`, infra(i, n))).join('');
      write('.harness/pipelines/p.yaml', text);
      const line = text.split('\n').findIndex((l) => l.includes('harnessImageConnectorRef')) + 1;
      const { findings } = check();
      // Every stage runs on the first (or last) stage's infrastructure: one finding, at its override.
      expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['require-account-image-connector', line]]);
    },
    120_000,
  );

  // Correctness of the indexed lookup; the cost (800 versions: 38 s before, 8 s after, n² by nature:
  // each pipeline runs one stage per version) is measured, not tested.
  test('100 versions of a Stage template used with no versionLabel by 100 pipelines: each version checked once per pipeline', () => {
    const n = 100;
    for (let i = 0; i < n; i++) {
      write(
        `.harness/templates/t/v${i}.yaml`,
        `template:\n  name: t\n  identifier: t\n  versionLabel: v${i}\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n    type: CI\n    spec:\n` +
          k8s.replace(/^ {4}/gm, '').replace(/org\.mirror/, `org.mirror${i}`) +
          steps(BAD),
      );
      write(
        `.harness/pipelines/p${i}.yaml`,
        head(`p${i}`) + '    - stage:\n        name: b\n        identifier: b\n        template:\n          templateRef: t\n',
      );
    }
    const { findings } = check();
    expect(findings.length).toBe(2 * n);
    expect(findings.filter((f) => f.ruleId === 'require-account-image-connector').length).toBe(n);
  }, 120_000);
});

describe('folders', () => {
  test('a folder reached through real folders is not asked its real path (cubic in the depth before)', async () => {
    const { lint } = await import('./helpers/lint.js');
    const { jest } = await import('@jest/globals');
    write('a/b/c/d/p.yaml', head('p') + stage('s', k8s));
    fs.symlinkSync('a/b', path.join(dir, 'link'));
    const spy = jest.spyOn(fs, 'realpathSync');
    try {
      const files = new Set(lint({ cwd: dir, paths: ['.'] }).findings.map((f) => f.file));
      // The link leads to a folder checked under its own name: the file is checked once.
      expect(files).toEqual(new Set(['a/b/c/d/p.yaml']));
      // The root and the link are asked; a/, a/b/, a/b/c/ and a/b/c/d/ are not.
      expect(spy.mock.calls.map(([p]) => path.relative(dir, String(p)))).not.toContain(path.join('a', 'b', 'c'));
    } finally {
      spy.mockRestore();
    }
  });
});
