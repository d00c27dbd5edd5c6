import { afterAll, describe, expect, test } from '@jest/globals';
import { MAX_MARKDOWN_BYTES } from '../../src/migration/budget.js';
import { mergeReports } from '../../src/migration/merge.js';
import { renderOrgMarkdown } from '../../src/migration/org-markdown.js';
import { rawTags } from '../helpers/render-markdown.js';
import { cleanup, connector, pipeline, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

describe('values from the merged reports cannot add HTML to the organisation Markdown', () => {
  test('a lone CR and the Unicode line breaks in a text field end no table row: they become spaces, as a newline does', () => {
    const report = reportOf(
      repo({ 'c.yaml': connector('mirror', 'https://app.harness.io/registry'), 'p.yaml': pipeline('p', 'account.mirror') }),
    );
    const items = report.changes.flatMap((c) => c.items);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) item.title = 'cr\r| x | ls\u2028| y | ps\u2029| z |';
    const md = renderOrgMarkdown(mergeReports([{ name: 'a.json', report }]));
    expect(md).toContain('cr \\| x \\| ls \\| y \\| ps \\| z \\|');
    expect(md).not.toMatch(/[\r\u2028\u2029]/);
  });

  test('connector identifiers and types from repository YAML', () => {
    const a = repo({
      'c1.yaml': connector('a`<img src=https://example.com/pixel.png>`b', 'https://app.harness.io/registry'),
      'c2.yaml':
        'connector:\n  name: d\n  identifier: d\n  type: "DockerRegistry<img src=x onerror=alert(2)>"\n  spec:\n' +
        '    dockerRegistryUrl: https://app.harness.io/registry\n    auth:\n      type: Anonymous\n',
      'p.yaml': pipeline('p', 'account.d'),
    });
    const md = renderOrgMarkdown(mergeReports([{ name: 'a.json', report: reportOf(a) }]));
    expect(md).toContain('pixel.png');
    expect(md).toContain('onerror');
    expect(rawTags(md)).toEqual([]);
  });

  test('every text field a report file carries: titles, severities, fixes, actions, reasons, versions, dates', () => {
    const report = reportOf(
      repo({ 'c.yaml': connector('mirror', 'https://app.harness.io/registry'), 'p.yaml': pipeline('p', 'account.mirror') }),
    );
    const tag = (s: string) => `${s}<img src=x onerror=alert(1)>`;
    report.tool.version = tag('1.0.0');
    report.eol.since = tag('1 year');
    for (const item of report.changes.flatMap((c) => c.items)) {
      item.title = tag('t');
      (item as { severity: string }).severity = tag('error');
      (item as { fix: string }).fix = tag('safe');
    }
    report.harnessSteps.push({
      subject: 'account.x',
      scope: 'account',
      action: tag('check'),
      reason: tag('why'),
      places: [{ file: 'p.yaml', line: 1 }],
    });
    for (const c of report.connectors) {
      c.type = tag('DockerRegistry');
      (c as { connectivity: string }).connectivity = tag('delegate');
      c.findings = [tag('rule')];
      for (const u of c.usedBy) {
        u.failing = tag('reason');
        (u as { how: string }).how = tag('how');
        (u as { ownerKind: string }).ownerKind = tag('kind');
      }
    }
    report.harnessConnectors = [{ ref: 'account.mirror', scope: 'account', type: tag('Docker'), connectivity: tag('platform') }];
    const md = renderOrgMarkdown(mergeReports([{ name: 'a.json', report }]));
    expect(md.match(/onerror/g)?.length).toBeGreaterThan(10);
    expect(rawTags(md)).toEqual([]);
  });

  test('a use whose `how` is an Object.prototype member (toString) is shown as written, not as function source', () => {
    const report = reportOf(
      repo({ 'c.yaml': connector('mirror', 'https://app.harness.io/registry'), 'p.yaml': pipeline('p', 'account.mirror') }),
    );
    for (const u of report.connectors.flatMap((c) => c.usedBy)) (u as { how: string }).how = 'toString';
    const md = renderOrgMarkdown(mergeReports([{ name: 'a.json', report }]));
    expect(md).toContain('toString');
    expect(md).not.toContain('[native code]');
  });
});

describe('the organisation Markdown within a job summary', () => {
  test('checks in Harness come first; a block that does not fit is cut, and what is left out is named', () => {
    const base = reportOf(
      repo({ 'c.yaml': connector('mirror', 'https://app.harness.io/registry'), 'p.yaml': pipeline('p', 'account.mirror') }),
    );
    const item = base.changes[0]!.items[0]!;
    const inputs = Array.from({ length: 60 }, (_, i) => {
      const report = structuredClone(base);
      report.source = { ...report.source!, repository: `acme/repo-${String(i).padStart(2, '0')}` };
      report.changes = [
        { ...report.changes[0]!, items: Array.from({ length: 150 }, (_, k) => ({ ...item, line: k + 1, title: 't'.repeat(80) })) },
      ];
      return { name: `${i}.json`, report };
    });
    const md = renderOrgMarkdown(mergeReports(inputs));
    expect(Buffer.byteLength(md)).toBeLessThan(MAX_MARKDOWN_BYTES);
    expect(md.indexOf('## Checks in Harness')).toBeGreaterThan(0);
    expect(md.indexOf('## Checks in Harness')).toBeLessThan(md.indexOf('## Account and org connectors'));
    const note = md.split('\n').find((l) => l.startsWith('> This summary stops'))!;
    expect(note).toMatch(
      /Cut short: what to change in `acme\/repo-\d\d`\. Left out: what to change in \d+ repositories \(`acme\/repo-\d\d`, /,
    );
    expect(note).toContain('`acme/repo-59`');
    expect(rawTags(md)).toEqual([]);
  });
});
