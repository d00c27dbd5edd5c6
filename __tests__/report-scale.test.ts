import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { runInChild } from './helpers/child.js';
import { cleanup, connector, pipeline, repo, reportOf } from './migration/repo-fixture.js';

// The migration report's costs grow with the repositories and uses, not with their square. A size
// that took a minute when a cost was quadratic runs in a child process (jest cannot stop a
// synchronous test), killed at a bound far above the linear run and far below the quadratic one.

afterAll(cleanup);

describe('report --merge', () => {
  test('6,000 repositories sharing a connector (each with its copy and uses) merge without judging each use against every copy', () => {
    // Each use was judged against every repository's copy of the connector: 400 repositories of
    // 1,000 uses each took 70 s to merge, these 80 s.
    const cloud = (i: number) =>
      `pipeline:\n  name: p${i}\n  identifier: p${i}\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n` +
      `    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n` +
      `          platform:\n            os: Linux\n            arch: Amd64\n          runtime:\n            type: Cloud\n            spec: {}\n` +
      `          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n` +
      `                  spec:\n                    connectorRef: account.c\n                    image: alpine:3\n                    command: echo\n`;
    const files: Record<string, string> = { 'c.yaml': connector('c', 'https://registry.example.com', '    executeOnDelegate: true\n') };
    for (let i = 0; i < 5; i++) files[`p${i}.yaml`] = cloud(i);
    const script = `
      import { mergeReports } from './src/migration/merge.ts';
      import { renderOrgMarkdown } from './src/migration/org-markdown.ts';
      let text = '';
      for await (const chunk of process.stdin) text += chunk;
      const base = JSON.parse(text);
      const reports = Array.from({ length: 6000 }, (_, i) => ({
        name: \`r\${i}.json\`,
        report: { ...base, source: { ...base.source, repository: \`acme/repo-\${i}\` } },
      }));
      const org = mergeReports(reports);
      const c = org.connectors.find((x) => x.ref === 'account.c');
      const md = renderOrgMarkdown(org);
      console.log(JSON.stringify([c.repositories.length, c.usedBy.length, c.failingUses, [...new Set(c.usedBy.map((u) => u.failing))], md.length > 0]));`;
    const out = runInChild(script, { input: JSON.stringify(reportOf(repo(files))), limitMs: 20_000 });
    expect(JSON.parse(out)).toEqual([6000, 30_000, 30_000, ['connects through a delegate'], true]);
  }, 60_000);
  test('1,000 repositories each referring to 10 connectors Harness holds merge without searching the connectors for each', () => {
    // What Harness says of each connector, and each check's connector, were searched for among all
    // of them: 10,000 connectors took 90 s.
    const script = `
      import { mergeReports } from './src/migration/merge.ts';
      let text = '';
      for await (const chunk of process.stdin) text += chunk;
      const base = JSON.parse(text);
      const use = { ownerKind: 'pipeline', owner: 'p', stage: 's', how: 'step', step: 'r', file: 'p.yaml', line: 1 };
      const reports = Array.from({ length: 1000 }, (_, i) => {
        const refs = Array.from({ length: 10 }, (_, k) => \`account.x\${i}_\${k}\`);
        const report = {
          ...base,
          source: { ...base.source, repository: \`acme/repo-\${i}\` },
          externalConnectors: refs.map((ref) => ({ ref, scope: 'account', usedBy: [use] })),
          harnessConnectors: refs.map((ref) => ({ ref, scope: 'account', type: 'DockerRegistry', url: 'https://r.example.com', connectivity: 'platform' })),
          harnessSteps: refs.map((ref) => ({ subject: ref, scope: 'account', action: 'Check it.', reason: 'Not in the repo.', places: [{ file: 'p.yaml', line: 1 }] })),
        };
        return { name: \`r\${i}.json\`, report };
      });
      const org = mergeReports(reports);
      const x = org.connectors.find((c) => c.ref === 'account.x7_3');
      console.log(JSON.stringify([org.connectors.length, org.harnessSteps.length, x.harness.map((h) => h.repositories), x.repositories]));`;
    const out = runInChild(script, {
      input: JSON.stringify(reportOf(repo({ 'p.yaml': pipeline('p', 'account.docker') }))),
      limitMs: 20_000,
    });
    expect(JSON.parse(out)).toEqual([10_000, 10_000, [['acme/repo-7']], ['acme/repo-7']]);
  }, 60_000);
});

describe('report: what a connector with findings affects', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-report-scale-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a connector overridden by 20,000 input sets lists their pipelines without searching the input sets for each', () => {
    // Each use's input set was searched for among all of them: 80 s here, where identifiers that
    // differ only at their end make each comparison of the search cost their length.
    const n = 20_000;
    const id = (i: number) => `set_${'x'.repeat(2000)}_${String(i).padStart(5, '0')}`;
    fs.mkdirSync(path.join(dir, 'sets'));
    fs.writeFileSync(path.join(dir, 'c.yaml'), connector('harnessImage', 'https://app.harness.io/registry'));
    for (let i = 0; i < n; i++)
      fs.writeFileSync(
        path.join(dir, 'sets', `i${i}.yaml`),
        `inputSet:\n  name: i${i}\n  identifier: ${id(i)}\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipeline:\n    identifier: gone${i}\n` +
          `    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            infrastructure:\n              spec:\n` +
          `                harnessImageConnectorRef: account.harnessImage\n`,
      );
    const script = `
      import { buildReport } from './src/migration/index.ts';
      import { lint } from './__tests__/helpers/lint.ts';
      const report = buildReport(lint({ cwd: ${JSON.stringify(dir)}, paths: ['.'], images: true }));
      const radius = report.changes.find((c) => c.target.kind === 'connector').blastRadius.pipelines;
      console.log(JSON.stringify([radius.length, radius[0], radius.at(-1)]));`;
    expect(JSON.parse(runInChild(script, { limitMs: 30_000 }))).toEqual([n, 'gone0', 'gone9999']);
  }, 120_000);
});
