import { afterAll, describe, expect, test } from '@jest/globals';
import { renderMarkdown } from '../../src/migration/markdown.js';
import { mergeReports } from '../../src/migration/merge.js';
import { renderOrgMarkdown } from '../../src/migration/org-markdown.js';
import { rawTags } from '../helpers/render-markdown.js';
import { cleanup, pipeline, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

describe('what could not be checked is named, so the totals add up', () => {
  const broken = 'pipeline:\n  name: broken\n  identifier: "<img src=x>broken\n  stages: []\n';
  const report = reportOf(
    repo({ 'broken.yaml': broken, 'ok.yaml': pipeline('ok', 'account.x', 'app.harness.io/registry/harness/ci-addon:1.0') }),
  );

  test('JSON: every error and warning is a change item or a row of notChecked', () => {
    const items = report.changes.flatMap((c) => c.items);
    const all = [...items, ...report.notChecked!];
    expect(report.notChecked!.map((x) => [x.file, x.ruleId, x.severity])).toEqual([['broken.yaml', 'yaml-syntax', 'error']]);
    expect(all.filter((x) => x.severity === 'error')).toHaveLength(report.summary.findings.errors);
    expect(all.filter((x) => x.severity === 'warning')).toHaveLength(report.summary.findings.warnings);
  });

  test('Markdown: a "Not checked" section with file, line and message', () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/## Not checked\n[\s\S]*\| `broken\.yaml:\d+` \| `yaml-syntax` \| error \| \S/);
    expect(rawTags(md)).toEqual([]);
  });

  test('a repository whose only error is a file that does not parse does not say "nothing"', () => {
    const only = reportOf(repo({ 'broken.yaml': broken }));
    const md = renderMarkdown(only);
    expect(md).not.toContain('Nothing: no policy finding');
    expect(md).toContain('## Not checked');
    const org = mergeReports([{ name: 'a.json', report: only }]);
    expect(org.repositories[0]!.notChecked!.map((x) => [x.file, x.ruleId, x.link])).toEqual([
      ['broken.yaml', 'yaml-syntax', expect.stringMatching(/\/blob\/0123456789abcdef0123456789abcdef01234567\/broken\.yaml#L\d+$/)],
    ]);
    const orgMd = renderOrgMarkdown(org);
    expect(orgMd).toContain('Not checked');
    expect(orgMd).toContain('`yaml-syntax`');
    expect(orgMd).not.toContain('Nothing to change.');
  });
});
