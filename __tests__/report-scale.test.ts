import { afterAll, describe, expect, test } from '@jest/globals';
import { runInChild } from './helpers/child.js';
import { cleanup, connector, repo, reportOf } from './migration/repo-fixture.js';

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
});
