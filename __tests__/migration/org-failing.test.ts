import { afterAll, describe, expect, test } from '@jest/globals';
import { mergeReports } from '../../src/migration/merge.js';
import { renderOrgMarkdown } from '../../src/migration/org-markdown.js';
import { cleanup, connector, pipeline, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

const cloud = '          runtime:\n            type: Cloud\n            spec: {}\n';

describe('uses of a shared connector are judged against its definition in another repository', () => {
  // acme/platform keeps account.mirror (app.harness.io, through a delegate) in Git; acme/app only refers to it.
  const platform = reportOf(
    repo({ 'c.yaml': connector('mirror', 'https://app.harness.io/registry'), 'p.yaml': pipeline('p', 'account.mirror') }),
    'acme/platform',
  );
  const app = reportOf(
    repo({ 'k.yaml': pipeline('k8s', 'account.mirror'), 'c.yaml': pipeline('cloud', 'account.mirror', 'alpine:3', cloud) }),
    'acme/app',
  );
  const org = mergeReports([
    { name: 'platform.json', report: platform },
    { name: 'app.json', report: app },
  ]);
  const mirror = org.connectors.find((c) => c.ref === 'account.mirror')!;

  test('the referencing repository’s own report cannot tell', () => {
    expect(app.externalConnectors.flatMap((x) => x.usedBy).filter((u) => u.failing)).toEqual([]);
  });

  test('the merge marks them failing, with the reasons, and counts them', () => {
    const reasons = Object.fromEntries(mirror.usedBy.map((u) => [`${u.repository} ${u.owner}`, u.failing]));
    expect(reasons).toEqual({
      'acme/platform p': 'app.harness.io registry',
      'acme/app k8s': 'app.harness.io registry',
      'acme/app cloud': 'app.harness.io registry; connects through a delegate',
    });
    expect(mirror.failingUses).toBe(3);
    expect(renderOrgMarkdown(org)).toContain('✗ app.harness.io registry; connects through a delegate');
  });

  test('a repository with its own definition is judged by every copy too, as the others are (they differ)', () => {
    const clean = reportOf(
      repo({
        'c.yaml': connector('mirror', 'https://registry.example.com', '    executeOnDelegate: false\n'),
        'p.yaml': pipeline('q', 'account.mirror'),
      }),
      'acme/other',
    );
    const merged = mergeReports([
      { name: 'platform.json', report: platform },
      { name: 'other.json', report: clean },
    ]);
    const uses = merged.connectors.find((c) => c.ref === 'account.mirror')!.usedBy;
    // Either copy may be what Harness has: acme/other's use fails with acme/platform's, as a use without a copy would.
    expect(uses.map((u) => [u.repository, u.failing])).toEqual([
      ['acme/other', 'app.harness.io registry'],
      ['acme/platform', 'app.harness.io registry'],
    ]);
    expect(merged.connectors.find((c) => c.ref === 'account.mirror')!.definitionsDiffer).toBe(true);
  });
});
