import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { fitBlocks, MAX_MARKDOWN_BYTES } from '../../src/migration/budget.js';
import { renderMarkdown } from '../../src/migration/markdown.js';
import type { MigrationReport } from '../../src/migration/types.js';
import { toHtml } from '../helpers/render-markdown.js';
import { reportPieces } from '../../src/migration/index.js';
import { mergeReportFiles } from '../../src/migration/merge.js';
import { lint } from '../helpers/lint.js';
import { cleanup, connector, NOW, pipeline, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** A report as large as a 10,000-pipeline repository's: thousands of entries, each affecting hundreds of pipelines. */
function huge(): MigrationReport {
  const r = reportOf(repo({ 'p.yaml': pipeline('p', 'account.x', 'app.harness.io/registry/harness/ci-addon:1.0') }));
  const change = r.changes[0]!;
  const pipelines = Array.from({ length: 500 }, (_, i) => `pipeline_with_a_long_identifier_${i}`);
  r.changes = Array.from({ length: 3000 }, (_, i) => ({
    ...change,
    target: { kind: 'file', file: `.harness/pipelines/p${i}.yaml` },
    blastRadius: { pipelines },
  }));
  return r;
}

describe('the repository Markdown stays within a job summary', () => {
  test('What to change lists 100 entries and 20 pipelines each, and says how many more; the JSON keeps them all', () => {
    const r = huge();
    const md = renderMarkdown(r);
    expect(bytes(md)).toBeLessThan(MAX_MARKDOWN_BYTES);
    expect(md).toContain('### 100. ');
    expect(md).not.toContain('### 101. ');
    expect(md).toContain('2900 more entries (3000 in all) are in the JSON report');
    expect(md).toContain('Affects 500 pipelines: `pipeline_with_a_long_identifier_0`');
    expect(md).toContain('and 480 more.');
    expect(r.changes).toHaveLength(3000);
    // The sections after it are all there.
    for (const h of ['## Checks in Harness', '## Connectors', '## Stages', '## Images by registry', '## Diagram']) expect(md).toContain(h);
  });

  test('past the byte budget a block is cut at a line and the rest left out, each named', () => {
    const r = huge();
    const why = 'x'.repeat(3000);
    for (const c of r.changes) c.items = Array.from({ length: 50 }, () => ({ ...c.items[0]!, why }));
    const md = renderMarkdown(r);
    expect(bytes(md)).toBeLessThan(MAX_MARKDOWN_BYTES);
    expect(md).toMatch(
      /Cut short: what to change, entry \d+\. Left out: what to change, entries \d+ to 100; the checks in Harness; the connectors;/,
    );
    expect(md).toContain('the diagram.');
  });

  test('fitBlocks: a head larger than the budget (a huge Not checked table) is cut too, and says so', () => {
    const head = ['# T', '', ...Array.from({ length: 200 }, (_, i) => `| ${i} | ${'z'.repeat(200)} |`)];
    const md = fitBlocks(head, [{ section: 'b', lines: ['## B'] }], (s) => s, 20_000);
    expect(bytes(md)).toBeLessThan(20_000);
    expect(md).toContain('Cut short: the report’s first sections. Left out: b.');
  });

  test('fitBlocks: a cut table stays a table and the note is a paragraph of its own', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `| r${i} | ${'y'.repeat(100)} |`);
    const md = fitBlocks(
      ['# T', ''],
      [
        { section: 'a', lines: ['| A | B |', '|---|---|', ...rows] },
        { section: 'b', lines: ['## B'] },
      ],
      (s) => s,
      9000,
    );
    expect(bytes(md)).toBeLessThan(9000);
    const html = toHtml(md);
    expect(html).toContain('<td>r0</td>');
    expect(html).toMatch(/<blockquote>\n<p>This summary stops[\s\S]*?Cut short: a\. Left out: b\.<\/p>/);
  });
});

describe('the JSON report is written in pieces', () => {
  test('a connector used by 2,000 steps, and their images, are written use by use and image by image, never as one piece', () => {
    const step = (i: number) =>
      `              - step:\n                  type: Run\n                  name: r${i}\n                  identifier: r${i}\n` +
      `                  spec:\n                    connectorRef: account.x\n                    image: alpine:3.${i}\n                    command: echo\n`;
    const p =
      'pipeline:\n  name: p\n  identifier: p\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n' +
      '    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n' +
      '          infrastructure:\n            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n' +
      `          execution:\n            steps:\n${Array.from({ length: 2000 }, (_, i) => step(i)).join('')}`;
    const dir = repo({ 'c.yaml': connector('x', 'https://registry.example.com'), 'p.yaml': p });
    const pieces = [...reportPieces(lint({ cwd: dir, paths: ['.'], images: true }), 'json', { now: NOW })];
    const report = JSON.parse(pieces.join('')) as MigrationReport;
    expect(report.connectors.find((c) => c.identifier === 'x')!.usedBy).toHaveLength(2000);
    expect(report.registries.flatMap((r) => r.images)).toHaveLength(2000);
    // Each piece is about 64 KB: the connector (2,000 uses) and the registry (2,000 images) are 300–600 KB each.
    expect(Math.max(...pieces.map((s) => s.length))).toBeLessThan(70_000);
    // The organisation report too: the connector's uses, from the repository's report.
    fs.writeFileSync(path.join(dir, 'report.json'), pieces.join(''));
    const merged = [...mergeReportFiles([path.join(dir, 'report.json')], dir, 'json')];
    const org = JSON.parse(merged.join('')) as { connectors: Array<{ ref: string; usedBy: unknown[] }> };
    expect(org.connectors.find((c) => c.ref === 'account.x')!.usedBy).toHaveLength(2000);
    expect(Math.max(...merged.map((s) => s.length))).toBeLessThan(70_000);
  });
});
