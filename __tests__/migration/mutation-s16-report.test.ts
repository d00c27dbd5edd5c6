import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fitBlocks, someOf } from '../../src/migration/budget.js';
import { buildReport, detectSource, endOfLife } from '../../src/migration/index.js';
import { githubRepository } from '../../src/migration/source.js';
import { renderMarkdown } from '../../src/migration/markdown.js';
import { harnessConnectorsOf, harnessLookupsOf } from '../../src/migration/harness-side.js';
import type { Inventory } from '../../src/migration/inventory.js';
import { buildDiagram } from '../../src/migration/mermaid.js';
import { usedByStages } from '../../src/migration/steps.js';
import type { ConnectorUse, ExternalConnector } from '../../src/migration/types.js';
import type { HarnessFacts } from '../../src/model/harness-side.js';
import { lint } from '../helpers/lint.js';
import { fromHarness, harnessConnector } from '../helpers/rule-tester.js';
import { cleanup, connector, NOW, pipeline, repo, reportOf } from './repo-fixture.js';

// What the single-repository migration report (src/migration/*.ts but merge and org-*) decides, pinned
// through its builders and renderers. Each case was found by mutation testing: a change to the
// decision it names left every other test passing.

afterAll(cleanup);

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

describe('the end of life', () => {
  it('before 15 May 2024 is 0 days away, never a negative count of days or months', () => {
    expect(endOfLife(new Date('2024-01-10T00:00:00Z'))).toEqual({ date: '2024-05-15', daysSince: 0, since: '0 days' });
  });
});

describe('the report’s source', () => {
  it('run from the folder that holds the checkout: `directory` is `..` and `checkout` the way down to it', () => {
    const parent = repo({ 'svc/.harness/p.yaml': 'pipeline: {}\n' });
    const dir = path.join(parent, 'svc');
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'init');
    expect(detectSource(dir, parent, {})).toMatchObject({ repository: 'svc', directory: '..', checkout: 'svc' });
  });

  it.each([
    ['https://www.github.com/acme/payments.git', 'acme/payments'],
    ['git://github.com/acme/payments.git', 'acme/payments'],
    ['git@GitHub.com:acme/payments.git', 'acme/payments'],
  ])('the GitHub remote %s is owner/name %s', (remote, expected) => {
    expect(githubRepository(remote)).toBe(expected);
  });
});

describe('the Markdown size budget (fitBlocks)', () => {
  /** A budget of `room` bytes for the text: fitBlocks keeps 8 KiB for its closing note. */
  const max = (room: number) => 8 * 1024 + room;
  const note = (md: string) => md.slice(md.indexOf('> This summary stops'));
  const name = (section: string, _labels: string[], cut: boolean) => `${section}${cut ? ' (cut)' : ''}`;

  it('stops the head at the first line that does not fit: no later, shorter line is let in after it', () => {
    const md = fitBlocks(['# T', 'y'.repeat(200), 'tail'], [{ section: 'b', lines: ['## B'] }], name, max(100));
    expect(md).not.toContain('tail');
    expect(note(md)).toContain('Cut short: the report’s first sections. Left out: b.');
  });

  it('cuts a block at the first line that does not fit: no later, shorter line is let in after it', () => {
    const md = fitBlocks(['# T'], [{ section: 'a', lines: ['| a |', 'y'.repeat(200), 'tail'] }], name, max(100));
    expect(md.split('\n').slice(0, 2)).toEqual(['# T', '| a |']);
    expect(md).not.toContain('tail');
  });

  it('a block that fits to the byte is kept whole, with no closing note', () => {
    // `\nabc` is 4 bytes: exactly the room there is.
    expect(fitBlocks([], [{ section: 'a', lines: ['abc'] }], name, max(4))).toBe('abc\n');
  });

  it('a block that must stay whole is left out, not said to be cut short', () => {
    const md = fitBlocks(['# T'], [{ section: 'd', lines: ['```mermaid', 'y'.repeat(200), '```'], whole: true }], name, max(100));
    expect(md).not.toContain('mermaid');
    expect(note(md)).toBe(
      '> This summary stops at GitHub’s job summary size; the JSON report (`--format json`) has everything. Left out: d.\n',
    );
  });

  it('the last block cut short: the note says so and names nothing left out', () => {
    const md = fitBlocks(['# T'], [{ section: 'a', lines: ['| a |', 'y'.repeat(200)] }], name, max(100));
    expect(note(md)).toBe(
      '> This summary stops at GitHub’s job summary size; the JSON report (`--format json`) has everything. Cut short: a (cut).\n',
    );
  });

  it('someOf names all of exactly `max` names, with no "and 0 more"', () => {
    expect(someOf(['a', 'b'], 2)).toBe('a, b');
    expect(someOf(['a', 'b', 'c'], 2)).toBe('a, b and 1 more');
  });
});

describe('the closing note of a Markdown report cut to size', () => {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  /** renderMarkdown with room for the text before `marker` and `more` bytes after it. */
  const upTo = (r: ReturnType<typeof reportOf>, marker: string, more: number) => {
    const md = renderMarkdown(r);
    return renderMarkdown(r, 8 * 1024 + bytes(md.slice(0, md.indexOf(marker))) + more);
  };

  it('"What to change" cut before its first entry is named as such, with no entry number', () => {
    const r = reportOf(repo({ 'p.yaml': pipeline('p', 'account.x') }));
    expect(r.changes).toEqual([]);
    expect(upTo(r, '## What to change', 5)).toContain('Cut short: what to change. Left out: the checks in Harness;');
  });

  it('one entry of "What to change" left out is "entry N", not "entries N"', () => {
    const r = reportOf(
      repo({
        'a.yaml': pipeline('a', 'account.x', 'app.harness.io/registry/harness/ci-addon:1.0'),
        'b.yaml': pipeline('b', 'account.x', 'app.harness.io/registry/harness/ci-addon:1.0'),
      }),
    );
    expect(r.changes.map((c) => c.target.file)).toEqual(['a.yaml', 'b.yaml']);
    expect(upTo(r, '### 1. ', 20)).toContain(
      'Cut short: what to change, entry 1. Left out: what to change, entry 2; the checks in Harness;',
    );
  });
});

/** An input set for pipeline `ghost`, which is not in the repo, setting stage `s`'s Override Image Connector to `ref`. */
const ghostInputSet = (id: string, ref: string) =>
  `inputSet:\n  name: ${id}\n  identifier: ${id}\n  orgIdentifier: default\n  projectIdentifier: proj\n  pipeline:\n    identifier: ghost\n` +
  `    stages:\n      - stage:\n          identifier: s\n          type: CI\n          spec:\n            infrastructure:\n` +
  `              type: KubernetesDirect\n              spec:\n                harnessImageConnectorRef: ${JSON.stringify(ref)}\n`;
const RETIRED = 'https://app.harness.io/registry';

describe('the inventory of connectors', () => {
  it('connectors in one file are listed in the order of their lines', () => {
    const r = reportOf(
      repo({
        'c.yaml': `${connector('zeta', 'https://registry.hub.docker.com')}---\n${connector('alpha', 'https://registry.hub.docker.com')}`,
      }),
    );
    expect(r.connectors.map((c) => [c.identifier, c.line])).toEqual([
      ['zeta', 1],
      ['alpha', 11],
    ]);
  });

  it('references not in the repo with the same text are ordered by the scope they resolve to', () => {
    const inProject = (id: string, project: string) =>
      pipeline(id, 'mirror').replace('projectIdentifier: proj', `projectIdentifier: ${project}`);
    const r = reportOf(repo({ 'a.yaml': inProject('a', 'zz'), 'b.yaml': inProject('b', 'aa') }));
    expect(r.externalConnectors.filter((x) => x.ref === 'mirror').map((x) => x.scope)).toEqual([
      'project default/aa',
      'project default/zz',
    ]);
  });

  it('an input set for a pipeline not in the repo: its use names the stage, and a value left to run time is no reference', () => {
    const r = reportOf(repo({ 'one.yaml': ghostInputSet('one', 'account.from_set'), 'two.yaml': ghostInputSet('two', '<+input>') }));
    expect(r.externalConnectors.map((x) => x.ref)).toEqual(['account.from_set']);
    expect(r.externalConnectors[0]!.usedBy).toEqual([expect.objectContaining({ ownerKind: 'inputSet', owner: 'one', stage: 's' })]);
  });

  it('a template no pipeline uses, whose image connector is a runtime input: nothing in the repo fills it', () => {
    const tpl =
      'template:\n  name: t\n  identifier: t\n  versionLabel: v1\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n    type: CI\n    spec:\n' +
      '      infrastructure:\n        type: KubernetesDirect\n        spec:\n          connectorRef: account.k8s\n          namespace: ci\n          harnessImageConnectorRef: <+input>\n' +
      '      execution:\n        steps:\n          - step:\n              type: Run\n              name: r\n              identifier: r\n              spec:\n                image: alpine:3\n                command: echo\n';
    const r = reportOf(repo({ 't.yaml': tpl }));
    expect(r.stages.map((s) => [s.owner, s.imageConnectorUnknown])).toEqual([['t', 'runtime-input']]);
  });
});

describe('who a change affects (blast radius)', () => {
  it('a connector used only by an input set names the input set’s pipeline, even when that pipeline is not in the repo', () => {
    const r = reportOf(repo({ 'mirror.yaml': connector('mirror', RETIRED), 'set.yaml': ghostInputSet('set', 'account.mirror') }));
    expect(r.changes.find((c) => c.target.kind === 'connector')?.blastRadius).toEqual({ pipelines: ['ghost'] });
  });

  it('account.harnessImage in the repo: the change says every stage without an override, and every Cloud stage, pulls through it', () => {
    const r = reportOf(repo({ 'img.yaml': connector('harnessImage', RETIRED) }));
    expect(r.changes.find((c) => c.target.kind === 'connector')?.blastRadius).toEqual({
      pipelines: [],
      note: 'Every stage without an Override Image Connector, and every Harness Cloud stage, pulls Harness images through this connector.',
    });
  });
});

describe('suppressed findings', () => {
  it('a suppressed policy finding is no change to make, and is counted as none', () => {
    const suppressed = pipeline('p', 'account.x', 'app.harness.io/registry/harness/ci-addon:1.0').replace(
      '                    image:',
      '                    # harness-registry-guard-disable-next-line no-app-harness-registry -- moved next sprint\n                    image:',
    );
    const r = reportOf(repo({ 'p.yaml': suppressed }));
    expect(r.changes).toEqual([]);
    expect(r.summary).toMatchObject({ changes: 0, safeFixes: 0 });
  });
});

describe('suppressed findings that are no policy finding', () => {
  it('are not listed as not checked', () => {
    const bad =
      'pipeline:\n  name: p\n  identifier: p\n  # harness-registry-guard-disable-next-line schema -- generated, fixed upstream\n  stages: 5\n';
    const r = reportOf(repo({ 'p.yaml': bad }));
    expect(r.notChecked).toEqual([]);
  });
});

describe('usedByStages', () => {
  it('a connector used only in a template’s own stage counts that stage', () => {
    const use = { ownerKind: 'template', owner: 't', stage: 's', how: 'step', cloud: true, file: 't.yaml', line: 1 } as const;
    expect(usedByStages([use], () => false)).toBe('used by 1 stage, 1 on Harness Cloud');
  });
});

describe('the diagram’s caption', () => {
  it('says how the diagram is drawn for each size of repo', () => {
    const r = reportOf(repo({ 'p.yaml': pipeline('p', 'account.x') }));
    const caption = (mode: 'stages' | 'pipelines' | 'capped') => {
      const md = renderMarkdown({ ...r, diagram: { ...r.diagram, mode, pipelinesTotal: 120, pipelinesShown: 24 } });
      return md.split('\n')[md.split('\n').indexOf('## Diagram') + 2];
    };
    expect(caption('pipelines')).toBe(
      'One node per pipeline; with 120 pipelines, stages are not drawn. Red edges marked ✗ break a policy (0).',
    );
    expect(caption('capped')).toBe(
      '120 pipelines: the 24 with failing edges are drawn, the others are grouped. Red edges marked ✗ break a policy (0).',
    );
  });
});

describe('what Harness answered', () => {
  /** The report of `files`, made with Harness's answers and the account's image overrides. */
  const withLookups = (files: Record<string, string>, facts: HarnessFacts) =>
    buildReport(lint({ cwd: repo(files), paths: ['.'], images: true, harnessFacts: facts }), {
      now: NOW,
      harnessOverrides: { overrides: [], unread: [] },
    });

  it('connectors Harness holds: connectivity as Harness has it, ordered by scope and then reference', () => {
    const facts = fromHarness([
      harnessConnector('b', { level: 'account' }, { executeOnDelegate: true }),
      harnessConnector('a', { level: 'org', org: 'default' }),
      harnessConnector('a', { level: 'account' }, { executeOnDelegate: false }),
    ]);
    expect(harnessConnectorsOf(facts).map((c) => [c.ref, c.scope, c.connectivity])).toEqual([
      ['account.a', 'account', 'platform'],
      ['account.b', 'account', 'delegate'],
      ['org.a', 'org default', 'delegate (default)'],
    ]);
  });

  it('a reference Harness has no connector for needs no check in Harness; references it could not answer do', () => {
    const facts: HarnessFacts = {
      ...fromHarness([], [{ identifier: 'gone', scope: { level: 'account' } }]),
    };
    facts.lookups.push({ ...facts.lookups[0]!, identifier: 'unread', answer: { kind: 'failed', reason: 'timed out' } });
    const cloud = '          runtime:\n            type: Cloud\n            spec: {}\n';
    const r = withLookups(
      { 'a.yaml': pipeline('a', 'account.gone', 'alpine:3', cloud), 'b.yaml': pipeline('b', 'account.unread', 'alpine:3', cloud) },
      facts,
    );
    expect(r.harnessSteps.map((s) => s.subject)).toEqual(['account.harnessImage', 'account.unread']);
  });

  it('a connector only Harness holds is judged as Harness has it: a Cloud stage’s use of one on a delegate fails', () => {
    const facts = fromHarness([harnessConnector('hub', { level: 'account' }, { executeOnDelegate: true })]);
    const cloud = '          runtime:\n            type: Cloud\n            spec: {}\n';
    const r = withLookups({ 'p.yaml': pipeline('p', 'account.hub', 'alpine:3', cloud) }, facts);
    expect(r.externalConnectors.find((x) => x.ref === 'account.hub')?.usedBy.map((u) => u.failing)).toEqual([
      'connects through a delegate',
    ]);
  });

  it('the lookups’ JSON: the larger request count (the overrides are read last), the references not found in order, what was not read', () => {
    const facts = fromHarness(
      [],
      [
        { identifier: 'zz', scope: { level: 'account' } },
        { identifier: 'aa', scope: { level: 'account' } },
      ],
    );
    const lookups = harnessLookupsOf(facts, { overrides: [], unread: ['VM: HTTP 403'], requests: 9 });
    expect(lookups.summary).toContain('9 requests');
    expect(lookups.notFound.map((x) => x.ref)).toEqual(['account.aa', 'account.zz']);
    expect(lookups.overridesUnread).toEqual(['VM: HTTP 403']);
  });
});

describe('the diagram (buildDiagram)', () => {
  /** A use of a connector by stage `s` of `owner`; `failing` marks it as breaking a policy. */
  const use = (owner: string, failing?: string, ownerKind: ConnectorUse['ownerKind'] = 'pipeline'): ConnectorUse => ({
    ownerKind,
    owner,
    stage: 's',
    how: 'step',
    cloud: false,
    ...(failing ? { failing } : {}),
    file: `${owner}.yaml`,
    line: 1,
  });
  const external = (ref: string, usedBy: ConnectorUse[]): ExternalConnector => ({ ref, scope: 'account', usedBy });
  const inv = (...ext: ExternalConnector[]) => ({ connectors: [], external: ext }) as unknown as Inventory;
  /** `n` pipelines p000…, each with one stage `s`. */
  const pipelines = (n: number) =>
    new Map(Array.from({ length: n }, (_, i) => [`p${String(i).padStart(3, '0')}`, [{ stage: 's', infrastructure: 'Cloud' }]]));

  it('draws stages up to 30 pipelines and one node per pipeline up to 100', () => {
    expect(buildDiagram(inv(), pipelines(30)).mode).toBe('stages');
    expect(buildDiagram(inv(), pipelines(31)).mode).toBe('pipelines');
    expect(buildDiagram(inv(), pipelines(100)).mode).toBe('pipelines');
  });

  it('past 100 pipelines draws at most 50 with failing edges, and groups the rest', () => {
    const ps = pipelines(120);
    const d = buildDiagram(
      inv(
        external(
          'account.x',
          [...ps.keys()].slice(0, 60).map((p) => use(p, 'bad')),
        ),
      ),
      ps,
    );
    expect(d).toMatchObject({ mode: 'capped', pipelinesShown: 50, pipelinesTotal: 120 });
    expect(d.mermaid).toContain('more["70 more pipelines without failing edges"]');
  });

  it('two uses from one stage are one edge without a count; only the grouped node’s edges count their uses', () => {
    const d = buildDiagram(inv(external('account.x', [use('p000'), use('p000')])), pipelines(1));
    expect(d.mermaid).toContain('  p0s0 -->|"step"| x0\n');
  });

  it('a connector only a template uses is not drawn, even failing; with no failing edge no class is assigned', () => {
    const d = buildDiagram(
      inv(external('account.ok', [use('p000')]), external('account.t', [use('p000', 'bad', 'template')])),
      pipelines(1),
    );
    expect(d.mermaid).not.toContain('x1');
    expect(d.mermaid).not.toMatch(/^ {2}class /m);
    expect(d.failingEdges).toBe(0);
  });
});
