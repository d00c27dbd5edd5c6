import { afterAll, describe, expect, test } from '@jest/globals';
import { mergeReportFiles, mergeReports } from '../../src/migration/merge.js';
import { renderOrgMarkdown } from '../../src/migration/org-markdown.js';
import type { OrgReport } from '../../src/migration/org-types.js';
import type { ChangeItem, ConnectorEntry, ConnectorUse, MigrationReport } from '../../src/migration/types.js';
import { cli } from '../cli/helpers.js';
import { cleanup, repo } from './repo-fixture.js';

// `report --merge` behaviour that no test pinned down, found by mutation testing: what the merge
// reads and refuses, the links it makes, how it merges connectors, checks and counts, and the
// organisation Markdown. In process (the CLI tests of merge.test.ts run the built dist/).

afterAll(cleanup);

const SHA = '0123456789abcdef0123456789abcdef01234567';

/** A `report --format json` of a repository with nothing in it; `more` adds to it. */
function report(repository: string | undefined, more: Partial<MigrationReport> = {}): MigrationReport {
  return {
    schemaVersion: 1,
    tool: { name: 'harness-registry-guard', version: '1.0.0' },
    generatedAt: '2026-02-01T00:00:00.000Z',
    ...(repository ? { source: { repository, commit: SHA, serverUrl: 'https://github.com' } } : {}),
    eol: { date: '2024-05-15', daysSince: 627, since: '1 year, 8 months' },
    replacementRegistryUrl: 'https://registry.hub.docker.com',
    summary: {
      files: 0,
      pipelines: 0,
      templates: 0,
      inputSets: 0,
      triggers: 0,
      connectors: 0,
      externalConnectors: 0,
      stages: 0,
      cloudStages: 0,
      images: 0,
      findings: { errors: 0, warnings: 0, notices: 0 },
      changes: 0,
      safeFixes: 0,
      suggestions: 0,
      manual: 0,
      harnessSteps: 0,
    },
    changes: [],
    notChecked: [],
    harnessSteps: [],
    connectors: [],
    externalConnectors: [],
    stages: [],
    registries: [],
    diagram: { mode: 'stages', pipelinesShown: 0, pipelinesTotal: 0, failingEdges: 0, mermaid: '' },
    ...more,
  };
}

/** A change item (one policy finding) at `file:line`. */
const item = (file: string, line: number, more: Partial<ChangeItem> = {}): ChangeItem => ({
  ruleId: 'no-app-harness-registry',
  severity: 'error',
  file,
  line,
  column: 1,
  why: 'why',
  fix: 'safe',
  title: 'title',
  edits: [],
  docs: 'https://example.com',
  ...more,
});
const withItems = (...items: ChangeItem[]): Partial<MigrationReport> => ({
  changes: [{ target: { kind: 'file', file: items[0]!.file }, items, blastRadius: { pipelines: [] } }],
});

/** A use of a connector by stage `stage` of pipeline `owner`. */
const use = (owner: string, stage: string, more: Partial<ConnectorUse> = {}): ConnectorUse => ({
  ownerKind: 'pipeline',
  owner,
  stage,
  how: 'step',
  step: 'r',
  cloud: false,
  file: `${owner}.yaml`,
  line: 10,
  ...more,
});

/** A connector kept in the repository's Git. */
const inGit = (identifier: string, more: Partial<ConnectorEntry> = {}): ConnectorEntry => ({
  ref: `account.${identifier}`,
  identifier,
  scope: { level: 'account' },
  type: 'DockerRegistry',
  urls: ['https://registry.example.com'],
  connectivity: 'platform',
  delegateSelectors: [],
  usedBy: [],
  findings: [],
  file: `connectors/${identifier}.yaml`,
  line: 1,
  ...more,
});

const merge = (...reports: MigrationReport[]) => mergeReports(reports.map((r, i) => ({ name: `${i}.json`, report: r })));

/** Writes each report as a file in a folder of its own and runs `report --merge` on them in process. */
async function mergeFiles(files: Record<string, unknown>, ...args: string[]) {
  const dir = repo(Object.fromEntries(Object.entries(files).map(([name, v]) => [name, typeof v === 'string' ? v : JSON.stringify(v)])));
  return { dir, ...(await cli(['report', '--merge', ...Object.keys(files), ...args], dir)) };
}
const refused = async (files: Record<string, unknown>, message: string) => {
  const r = await mergeFiles(files);
  expect([r.code, r.out, r.err.split('\n')[0]]).toEqual([2, '', `harness-registry-guard: ${message}`]);
};
const merged = async (files: Record<string, unknown>) => {
  const r = await mergeFiles(files, '--format', 'json');
  expect([r.code, r.err]).toEqual([0, '']);
  return JSON.parse(r.out) as OrgReport;
};

describe('what --merge reads and what it refuses, naming the file', () => {
  test('no file at all is a usage error', () => {
    expect(() => mergeReportFiles([], process.cwd(), 'json')).toThrow('--merge needs the JSON reports to merge');
  });

  test('a folder is refused as a folder, not read', async () => {
    const dir = repo({ 'reports/a.json': JSON.stringify(report('acme/a')) });
    const r = await cli(['report', '--merge', 'reports'], dir);
    expect([r.code, r.err.split('\n')[0]]).toEqual([
      2,
      'harness-registry-guard: reports: a folder; --merge takes the JSON report files of `report --format json`, not folders to scan',
    ]);
  });

  test('a device is refused as not a regular file', async () => {
    const r = await cli(['report', '--merge', '/dev/null'], process.cwd());
    expect([r.code, r.err.split('\n')[0]]).toEqual([2, 'harness-registry-guard: /dev/null: cannot be read (not a regular file)']);
  });

  test('a report saved with a byte order mark merges', async () => {
    const org = await merged({ 'a.json': `\uFEFF${JSON.stringify(report('acme/a'))}` });
    expect(org.repositories.map((r) => r.repository)).toEqual(['acme/a']);
  });

  test('nesting: 64 levels merge, 65 are refused (within a report, far from a stack overflow)', async () => {
    const nested = (arrays: number) =>
      JSON.stringify(report('acme/a')).replace(/^\{/, `{"extra": ${'['.repeat(arrays)}${']'.repeat(arrays)},`);
    expect((await mergeFiles({ 'a.json': nested(63) }, '--format', 'json')).code).toBe(0);
    await refused({ 'a.json': nested(64) }, 'a.json: nests deeper than 64 levels; --merge takes the output of `report --format json`');
  });

  test.each([
    ['null', null, 'a.json: not a harness-registry-guard migration report; --merge takes the output of `report --format json`'],
    [
      'a report of another tool',
      { ...report('acme/a'), tool: { name: 'other-tool', version: '1' } },
      'a.json: not a harness-registry-guard migration report; --merge takes the output of `report --format json`',
    ],
    [
      'a report without schemaVersion',
      (({ schemaVersion: _, ...r }) => r)(report('acme/a')),
      'a.json: not a harness-registry-guard migration report; --merge takes the output of `report --format json`',
    ],
    ['another schemaVersion', { ...report('acme/a'), schemaVersion: 2 }, 'a.json: has schemaVersion 2; this version ('],
  ])('%s is no migration report', async (_, json, message) => {
    const r = await mergeFiles({ 'a.json': json });
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toContain(message);
  });

  test('an organisation report given back is refused as one', async () => {
    const org = merge(report('acme/a'));
    await refused(
      { 'org.json': org },
      'org.json: is an organisation report (the output of `report --merge`); merge the repositories’ own reports',
    );
  });

  test.each([
    ['a line too large for a number (1e999)', '"line":10', '"line":1e999', 'connectors[0].usedBy[0].line is not a number'],
    ['a count that is not whole', '"files":0', '"files":1.5', 'summary.files is not a count'],
    ['a use whose failing is not text', '"cloud":false', '"cloud":false,"failing":5', 'connectors[0].usedBy[0].failing is not a string'],
    ['a use whose cloud is not true or false', '"cloud":false', '"cloud":"yes"', 'connectors[0].usedBy[0].cloud is not true or false'],
    ['a generatedAt that is no date', '"generatedAt":"2026-02-01T00:00:00.000Z"', '"generatedAt":"soon"', 'generatedAt is not a date'],
    ['a source.repository of spaces', '"repository":"acme/a"', '"repository":"  "', 'source.repository is empty'],
    [
      'a notChecked item without its message',
      '"notChecked":[]',
      '"notChecked":[{"file":"a.yaml","line":1,"ruleId":"x","severity":"error"}]',
      'notChecked[0].message is not a string',
    ],
    [
      'a connector of an unknown scope',
      '"level":"account"',
      '"level":"global"',
      'connectors[0].scope.level is not account, org or project',
    ],
    [
      'a Harness connector whose ref is not text',
      '"stages":[]',
      '"stages":[],"harnessConnectors":[{"ref":1,"scope":"account"}]',
      'harnessConnectors[0].ref is not a string',
    ],
  ])('%s is refused, naming the field', async (_, from, to, field) => {
    const text = JSON.stringify(report('acme/a', { connectors: [inGit('c', { usedBy: [use('p', 's')] })] }));
    expect(text).toContain(from);
    await refused({ 'a.json': text.replace(from, to) }, `a.json: ${field}`);
  });

  test('a report made before notChecked existed merges', async () => {
    const { notChecked: _, ...old } = report('acme/a');
    expect((await merged({ 'a.json': old })).repositories[0]!.notChecked).toBeUndefined();
  });
});

describe('which repository a report is, and the links to its lines', () => {
  const BLOB = `https://github.com/acme/a/blob/${SHA}/`;
  /** The link the merge makes to each change item of a one-report merge. */
  const links = (r: MigrationReport, name = 'a.json') => mergeReports([{ name, report: r }]).repositories[0]!.changes.map((c) => c.link);
  const at = (file: string, line = 3) => withItems(item(file, line));

  test('a report without source is named after its file, without .json, and marked sourceMissing, without links', () => {
    const org = mergeReports([{ name: 'reports/legacy-search.JSON', report: report(undefined, at('p.yaml')) }]);
    expect(org.repositories[0]).toMatchObject({ repository: 'legacy-search', sourceMissing: true });
    expect(org.repositories[0]!.changes[0]!.link).toBeUndefined();
    expect(renderOrgMarkdown(org)).toContain(
      'Reports without `source` (made before it existed), named after their files and without links: `legacy-search`.',
    );
    expect(merge(report('acme/a')).repositories[0]!.sourceMissing).toBeUndefined();
  });

  test('the repository name is trimmed', () => {
    const r = report('acme/a', at('p.yaml'));
    r.source!.repository = ' acme/a\n';
    expect(mergeReports([{ name: 'a.json', report: r }]).repositories[0]!.repository).toBe('acme/a');
  });

  test('a link goes to the line at the commit scanned; a line below 1 links to line 1', () => {
    expect(links(report('acme/a', at('.harness/p.yaml', 7)))).toEqual([`${BLOB}.harness/p.yaml#L7`]);
    expect(links(report('acme/a', at('p.yaml', 0)))).toEqual([`${BLOB}p.yaml#L1`]);
  });

  test('a SHA-256 commit (64 hex digits) makes links too', () => {
    const r = report('acme/a', at('p.yaml'));
    r.source!.commit = 'ab'.repeat(32);
    expect(links(r)).toEqual([`https://github.com/acme/a/blob/${'ab'.repeat(32)}/p.yaml#L3`]);
  });

  test('no link without a commit, for a name that is not owner/name, or for a server URL that could break the link', () => {
    const noCommit = report('acme/a', at('p.yaml'));
    delete noCommit.source!.commit;
    const notRepo = report('just a folder', at('p.yaml'));
    const evil = report('acme/a', at('p.yaml'));
    evil.source!.serverUrl = 'https://evil.example/)x';
    for (const r of [noCommit, notRepo, evil]) expect(links(r)).toEqual([undefined]);
    expect(mergeReports([{ name: 'a.json', report: evil }]).repositories[0]!.url).toBeUndefined();
  });

  test('each path segment is percent-encoded in the link', () => {
    expect(links(report('acme/a', at('my dir/p#1.yaml')))).toEqual([`${BLOB}my%20dir/p%231.yaml#L3`]);
  });

  test('paths outside the repository get no link: above it, or absolute', () => {
    expect(links(report('acme/a', at('../other/p.yaml')))).toEqual([undefined]);
    expect(links(report('acme/a', at('/etc/p.yaml')))).toEqual([undefined]);
  });

  test('a scan of a subfolder (source.directory) links from the repository root', () => {
    const r = report('acme/a', at('p.yaml'));
    r.source!.directory = 'services/a';
    expect(links(r)).toEqual([`${BLOB}services/a/p.yaml#L3`]);
  });

  test('a scan from above the checkout (source.checkout) links only the paths inside it', () => {
    const r = report('acme/a', withItems(item('repos/a/p.yaml', 3), item('repos/b/q.yaml', 4)));
    r.source!.checkout = 'repos/a';
    expect(links(r)).toEqual([`${BLOB}p.yaml#L3`, undefined]);
  });

  test('the repository URL is the tree at the commit', () => {
    expect(merge(report('acme/a')).repositories[0]).toMatchObject({ commit: SHA, url: `https://github.com/acme/a/tree/${SHA}` });
  });
});

describe('how repositories merge', () => {
  test('a repository given twice, whatever the case of its name, is a usage error naming both files', () => {
    for (const second of ['acme/a', 'Acme/A'])
      expect(() =>
        mergeReports([
          { name: 'one.json', report: report('acme/a') },
          { name: 'two.json', report: report(second) },
        ]),
      ).toThrow(`two.json: repository ${second} is already merged from one.json; give each repository once`);
  });

  test('repositories are in name order, whatever the order given', () => {
    expect(merge(report('acme/b'), report('acme/c'), report('acme/a')).repositories.map((r) => r.repository)).toEqual([
      'acme/a',
      'acme/b',
      'acme/c',
    ]);
  });

  test('scanned spans the oldest to the newest report, and the end of life comes from the newest', () => {
    const at = (repository: string, generatedAt: string, daysSince: number) =>
      report(repository, { generatedAt, eol: { date: '2024-05-15', daysSince, since: `${daysSince} days` } });
    const org = merge(
      at('acme/a', '2026-02-03T00:00:00.000Z', 629),
      at('acme/b', '2026-02-01T00:00:00.000Z', 627),
      at('acme/c', '2026-02-05T00:00:00.000Z', 631),
    );
    expect(org.scanned).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-02-05T00:00:00.000Z' });
    expect(org.eol.daysSince).toBe(631);
    expect(renderOrgMarkdown(org)).toContain('3 repositories scanned from 2026-02-01 to 2026-02-05 by');
  });

  test('reports are ordered by the time they were made, not by the text of their dates (offsets differ)', () => {
    const at = (repository: string, generatedAt: string, daysSince: number) =>
      report(repository, { generatedAt, eol: { date: '2024-05-15', daysSince, since: `${daysSince} days` } });
    // 10:00 at +05:00 is 05:00 UTC: earlier than 06:00 UTC, though its text sorts after it.
    const org = merge(at('acme/a', '2026-02-03T10:00:00+05:00', 629), at('acme/b', '2026-02-03T06:00:00.000Z', 630));
    expect(org.scanned).toEqual({ from: '2026-02-03T10:00:00+05:00', to: '2026-02-03T06:00:00.000Z' });
    expect(org.eol.daysSince).toBe(630);
  });

  test('totals add up each summary field', () => {
    const a = report('acme/a');
    const b = report('acme/b');
    Object.assign(a.summary, { files: 3, pipelines: 1, stages: 4, cloudStages: 2, images: 5 });
    Object.assign(b.summary, { files: 10, pipelines: 2, stages: 6, cloudStages: 1, images: 7 });
    expect(merge(a, b).totals).toMatchObject({ files: 13, pipelines: 3, stages: 10, cloudStages: 3, images: 12 });
  });

  test('a repository’s changes are in file and line order; findings by rule count each item, rules and repositories in order', () => {
    const a = report('acme/a', withItems(item('a.yaml', 3, { ruleId: 'z-rule' }), item('b.yaml', 2), item('a.yaml', 9)));
    const b = report('acme/b', withItems(item('x.yaml', 1)));
    const org = merge(b, a);
    expect(org.repositories[0]!.changes.map((c) => `${c.file}:${c.line}`)).toEqual(['a.yaml:3', 'a.yaml:9', 'b.yaml:2']);
    expect(org.rules).toEqual([
      {
        ruleId: 'no-app-harness-registry',
        total: 3,
        repositories: [
          { repository: 'acme/a', count: 2 },
          { repository: 'acme/b', count: 1 },
        ],
      },
      { ruleId: 'z-rule', total: 1, repositories: [{ repository: 'acme/a', count: 1 }] },
    ]);
  });
});

describe('account and org connectors, once for the account', () => {
  const ext = (ref: string, scope: string, ...usedBy: ConnectorUse[]) => ({ externalConnectors: [{ ref, scope, usedBy }] });

  test('account connectors come before org connectors, each in identifier order; sharedConnectors counts those of more than one repository', () => {
    const a = report('acme/a', {
      externalConnectors: [
        { ref: 'org.b', scope: 'org default', usedBy: [use('p', 's')] },
        { ref: 'account.z', scope: 'account', usedBy: [use('p', 's')] },
        { ref: 'account.y', scope: 'account', usedBy: [use('p', 's')] },
      ],
    });
    const b = report('acme/b', ext('account.y', 'account', use('q', 's')));
    const org = merge(a, b);
    expect(org.connectors.map((c) => [c.ref, c.repositories])).toEqual([
      ['account.y', ['acme/a', 'acme/b']],
      ['account.z', ['acme/a']],
      ['org.b', ['acme/a']],
    ]);
    expect(org.totals).toMatchObject({ connectors: 3, sharedConnectors: 1 });
  });

  test('a reference whose scope does not match its level, or whose org is unknown, is no account or org connector', () => {
    const org = merge(
      report('acme/a', {
        externalConnectors: [
          { ref: 'account.x', scope: 'org default', usedBy: [use('p', 's')] },
          { ref: 'org.hub', scope: 'org ?', usedBy: [use('p', 's')] },
        ],
      }),
    );
    expect(org.connectors).toEqual([]);
  });

  test('a scope text is read whatever the spaces around it; one of more than two words is no org', () => {
    const org = merge(
      report('acme/a', {
        externalConnectors: [
          { ref: 'org.hub', scope: ' org  default ', usedBy: [use('p', 's')] },
          { ref: 'org.two', scope: 'org a b', usedBy: [use('p', 's')] },
        ],
      }),
    );
    expect(org.connectors.map((c) => [c.ref, c.scope])).toEqual([['org.hub', { level: 'org', org: 'default' }]]);
  });

  test('a connector kept twice in one repository, and by another that a third uses: definitions in file order, repositories in name order', () => {
    const org = merge(
      report('acme/b', { connectors: [inGit('x', { file: 'z.yaml' }), inGit('x', { file: 'a.yaml' })] }),
      report('acme/a', { externalConnectors: [{ ref: 'account.x', scope: 'account', usedBy: [use('p', 's')] }] }),
    );
    const x = org.connectors[0]!;
    expect(x.definitions.map((d) => `${d.repository} ${d.file}`)).toEqual(['acme/b a.yaml', 'acme/b z.yaml']);
    expect(x.repositories).toEqual(['acme/a', 'acme/b']);
  });

  test('uses: each once, in order; a pipeline’s stages each once, in order', () => {
    const twice = use('p', 'b', { line: 4 });
    const a = report(
      'acme/a',
      ext('account.x', 'account', use('q', 's'), twice, use('p', 'a', { line: 9 }), twice, use('p', 'b', { line: 5, step: 'other' })),
    );
    const x = merge(a).connectors[0]!;
    expect(x.usedBy.map((u) => `${u.owner}/${u.stage}:${u.line}`)).toEqual(['p/a:9', 'p/b:4', 'p/b:5', 'q/s:10']);
    expect(x.affects).toEqual([
      { repository: 'acme/a', ownerKind: 'pipeline', owner: 'p', stages: ['a', 'b'] },
      { repository: 'acme/a', ownerKind: 'pipeline', owner: 'q', stages: ['s'] },
    ]);
  });

  test('copies that agree, URLs in any order, do not differ; without Harness’s answer there is no `harness`', () => {
    const urls = ['https://a.example.com', 'https://b.example.com'];
    const org = merge(
      report('acme/a', { connectors: [inGit('x', { urls })] }),
      report('acme/b', { connectors: [inGit('x', { urls: [...urls].reverse() })] }),
    );
    const x = org.connectors[0]!;
    expect(x.definitions.map((d) => d.repository)).toEqual(['acme/a', 'acme/b']);
    expect(x.definitionsDiffer).toBeUndefined();
    expect(x.harness).toBeUndefined();
    expect(renderOrgMarkdown(org)).toContain('| `account.x` | account | 2 | 0 | 0 | 0 | 2 |');
  });

  test('a repository whose lookups name a connector missing twice is listed once', () => {
    const lookups = (repository: string) =>
      report(repository, {
        ...ext('account.gone', 'account', use('p', 's')),
        harnessLookups: {
          host: 'app.harness.io',
          summary: '',
          found: 0,
          failed: 0,
          notFound: [
            { ref: 'account.gone', scope: 'account' },
            { ref: 'account.gone', scope: 'account' },
          ],
        },
      });
    expect(merge(lookups('acme/b'), lookups('acme/a')).connectors[0]!.notInHarness).toEqual(['acme/a', 'acme/b']);
  });

  test('a check for a connector no repository keeps in Git says nothing of Git (no definedIn)', () => {
    const step = {
      subject: 'account.x',
      scope: 'account',
      action: 'Check it.',
      reason: 'Not in the repo.',
      places: [{ file: 'p.yaml', line: 1 }],
    };
    const org = merge(report('acme/a', { ...ext('account.x', 'account', use('p', 's')), harnessSteps: [step] }));
    expect(org.harnessSteps[0]!.definedIn).toBeUndefined();
    expect(renderOrgMarkdown(org)).not.toContain('Its YAML is in Git');
    const kept = merge(report('acme/a', { connectors: [inGit('x')], harnessSteps: [step] }));
    expect(kept.harnessSteps[0]!.definedIn).toEqual([
      { repository: 'acme/a', file: 'connectors/x.yaml', line: 1, link: `https://github.com/acme/a/blob/${SHA}/connectors/x.yaml#L1` },
    ]);
    expect(renderOrgMarkdown(kept)).toContain('<br>Its YAML is in Git: `acme/a` [`connectors/x.yaml:1`]');
  });
});

describe('uses judged the same way in every repository', () => {
  test('without Harness’s answer, a use keeps its own report’s verdict, and the copies add no reason the reference alone gives', () => {
    // acme/a keeps org.hub in Git and overrides an image connector with it: its own report says why.
    const hub = inGit('hub', {
      ref: 'org.hub',
      scope: { level: 'org', org: 'default' },
      usedBy: [use('p', 's', { how: 'overrideImageConnector', failing: 'not an account-scope reference' })],
    });
    const x = merge(report('acme/a', { connectors: [hub] })).connectors[0]!;
    expect(x.usedBy.map((u) => u.failing)).toEqual(['not an account-scope reference']);
    expect(x.failingUses).toBe(1);
  });

  test('with Harness’s answer, an image connector override of an org connector fails, and a step using it does not', () => {
    const facts = { ref: 'org.hub', scope: 'org default', type: 'DockerRegistry', url: 'https://r.example.com', connectivity: 'platform' };
    const uses = [use('p', 's', { how: 'overrideImageConnector' }), use('q', 's')];
    for (const order of [uses, [...uses].reverse()]) {
      const org = merge(
        report('acme/a', { externalConnectors: [{ ref: 'org.hub', scope: 'org default', usedBy: order }], harnessConnectors: [facts] }),
      );
      expect(org.connectors[0]!.usedBy.map((u) => [u.owner, u.failing ?? null])).toEqual([
        ['p', 'not an account-scope connector'],
        ['q', null],
      ]);
    }
  });

  test('Harness saying it connects through a delegate fails the Cloud use only, whichever comes first', () => {
    const facts = { ref: 'account.x', scope: 'account', url: 'https://r.example.com', connectivity: 'delegate' };
    for (const cloudFirst of [true, false]) {
      const usedBy = [use('p', 's', { cloud: cloudFirst }), use('q', 's', { cloud: !cloudFirst })];
      const org = merge(
        report('acme/a', { externalConnectors: [{ ref: 'account.x', scope: 'account', usedBy }], harnessConnectors: [facts] }),
      );
      expect(org.connectors[0]!.usedBy.map((u) => [u.cloud, u.failing ?? null])).toEqual([
        [cloudFirst, cloudFirst ? 'connects through a delegate' : null],
        [!cloudFirst, cloudFirst ? null : 'connects through a delegate'],
      ]);
    }
  });

  test.each([
    ['URLs some of which are not text', { urls: [5, 'https://app.harness.io/registry'] }, false, 'app.harness.io registry'],
    ['its URLs', { urls: ['https://app.harness.io/registry'] }, false, 'app.harness.io registry'],
    ['its URL', { url: 'https://app.harness.io/registry', connectivity: 'platform' }, false, 'app.harness.io registry'],
    ['connecting through a delegate', { url: 'https://r.example.com', connectivity: 'delegate' }, true, 'connects through a delegate'],
    ['connecting through the platform', { url: 'https://r.example.com', connectivity: 'platform' }, true, null],
  ])('Harness’s answer judges a use by %s', (_, fields, cloud, failing) => {
    const facts = { ref: 'account.x', scope: 'account', type: 'DockerRegistry', ...fields };
    const org = merge(
      report('acme/a', {
        externalConnectors: [{ ref: 'account.x', scope: 'account', usedBy: [use('p', 's', { cloud })] }],
        harnessConnectors: [facts],
      }),
    );
    expect(org.connectors[0]!.usedBy.map((u) => u.failing ?? null)).toEqual([failing]);
  });
});

describe('checks in Harness, once for the account', () => {
  const step = (subject: string, scope: string | undefined, action = 'Check it.') => ({
    subject,
    ...(scope ? { scope } : {}),
    action,
    reason: 'Not in the repo.',
    places: [{ file: 'p.yaml', line: 1 }],
  });

  test('account checks come first, then org checks, then each repository’s own', () => {
    const org = merge(
      report('acme/a', {
        harnessSteps: [step('a_project', 'project default/p'), step('org.b', 'org default'), step('account.z', 'account')],
      }),
    );
    expect(org.harnessSteps.map((s) => [s.subject, s.scope])).toEqual([
      ['account.z', 'account'],
      ['org.b', 'org default'],
      ['a_project', 'repository acme/a, project default/p'],
    ]);
  });

  test('an org check in an org the report does not know stays the repository’s', () => {
    expect(merge(report('acme/a', { harnessSteps: [step('org.hub', 'org ?')] })).harnessSteps.map((s) => s.scope)).toEqual([
      'repository acme/a',
    ]);
  });

  test('checks of one scope in subject order; what one asks, and where from, in order', () => {
    const org = merge(
      report('acme/a', {
        harnessSteps: [step('account.z', 'account'), step('account.y', 'account', 'B.'), step('account.y', 'account', 'A.')],
      }),
      report('acme/b', { harnessSteps: [step('account.y', 'account', '0.')] }),
    );
    expect(org.harnessSteps.map((s) => [s.subject, s.actions, s.from.map((f) => f.action)])).toEqual([
      ['account.y', ['0.', 'A.', 'B.'], ['A.', 'B.', '0.']],
      ['account.z', ['Check it.'], ['Check it.']],
    ]);
  });

  test('an org check takes the scope the check carries; a value set at run time stays the repository’s, without a project', () => {
    const org = merge(
      report('acme/a', {
        externalConnectors: [{ ref: 'org.hub', scope: 'org default', usedBy: [use('p', 's')] }],
        harnessSteps: [step('org.hub', 'org other'), step('<+pipeline.variables.hub>', 'project default/p')],
      }),
    );
    expect(org.harnessSteps.map((s) => [s.subject, s.scope])).toEqual([
      ['org.hub', 'org other'],
      ['<+pipeline.variables.hub>', 'repository acme/a'],
    ]);
  });

  test('a connector only Harness holds: a check only when its findings ask a change, placed at its own findings', () => {
    const hub = {
      ref: 'account.hub',
      scope: 'account',
      url: 'https://app.harness.io/registry',
      harnessUrl: 'https://app.harness.io/ng/hub',
    };
    const fine = { ref: 'account.ok', scope: 'account', url: 'https://r.example.com', harnessUrl: 'https://app.harness.io/ng/ok' };
    const r = report('acme/a', {
      ...withItems(item('p.yaml', 5, { harnessUrl: hub.harnessUrl }), item('p.yaml', 5, { harnessUrl: hub.harnessUrl }), item('q.yaml', 8)),
      externalConnectors: [
        { ref: 'account.hub', scope: 'org default', usedBy: [use('x', 'x'), use('y', 'y')] },
        { ref: 'account.hub', scope: 'account', usedBy: [use('p', 's', { cloud: true })] },
        { ref: 'account.ok', scope: 'account', usedBy: [use('p', 's')] },
      ],
      harnessConnectors: [hub, fine],
    });
    const steps = merge(r).harnessSteps;
    expect(steps.map((s) => [s.subject, s.from.map((f) => [f.reason, f.places.map((p) => `${p.file}:${p.line}`)])])).toEqual([
      ['account.hub', [['Only in Harness; used by 1 stage, 1 on Harness Cloud.', ['p.yaml:5']]]],
    ]);
  });

  test('the same facts of a connector, in any key order and listed twice, are one entry with each repository once; none without facts', () => {
    const facts = { ref: 'account.x', scope: 'account', type: 'DockerRegistry', url: 'https://r.example.com' };
    const reordered = { url: facts.url, type: facts.type, scope: facts.scope, ref: facts.ref };
    const org = merge(report('acme/a', { harnessConnectors: [facts, facts] }), report('acme/b', { harnessConnectors: [reordered] }));
    expect(org.harnessConnectors).toEqual([{ ...facts, repositories: ['acme/a', 'acme/b'] }]);
    // In scope order, then reference order.
    const project = { ref: 'a', scope: 'project default/p' };
    expect(merge(report('acme/a', { harnessConnectors: [project, facts] })).harnessConnectors!.map((h) => h.ref)).toEqual([
      'account.x',
      'a',
    ]);
    expect(merge(report('acme/a')).harnessConnectors).toBeUndefined();
    expect(renderOrgMarkdown(merge(report('acme/a')))).not.toContain('## Connectors in Harness');
  });
});

describe('the organisation Markdown', () => {
  test('the head names each tool version once, in order; the repositories table links each repository and its commit, with totals', () => {
    const a = report('acme/a', { tool: { name: 'harness-registry-guard', version: '2.0.0' } });
    a.summary.pipelines = 2;
    const b = report('acme/b');
    b.summary.pipelines = 3;
    const md = renderOrgMarkdown(merge(a, b));
    expect(md).toContain('2 repositories scanned on 2026-02-01 by harness-registry-guard 1.0.0, 2.0.0:');
    expect(md).toContain(
      `| [\`acme/a\`](https://github.com/acme/a) | [\`0123456789ab\`](https://github.com/acme/a/tree/${SHA}) | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`,
    );
    expect(md).toContain('| **Total** |  | 5 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    // A commit without links (a server URL that could break one) is shown, shortened, all the same.
    const unlinked = report('acme/c');
    unlinked.source!.serverUrl = 'https://evil.example/)x';
    expect(renderOrgMarkdown(merge(unlinked))).toContain('| `acme/c` | `0123456789ab` | 0 |');
  });

  test('what an empty merge says: no finding, no connector, no check, nothing to change', () => {
    const md = renderOrgMarkdown(merge(report('acme/a')));
    expect(md).toContain('1 repository scanned on 2026-02-01 by harness-registry-guard 1.0.0');
    expect(md).toContain('registry reached end of life on **15 May 2024**, 627 days ago (1 year, 8 months).');
    expect(md).toContain('## Findings by rule\n\nNo policy finding in any repository.\n');
    expect(md).toContain('No account- or org-scope connector is used or defined in these repositories.');
    expect(md).toContain('None: the repositories settle every reference.');
    expect(md).toContain(`### [\`acme/a\`](https://github.com/acme/a/tree/${SHA})\n\nNothing to change.\n`);
  });

  test('a repository with only what was not checked: that table, then "Nothing the checks found."', () => {
    const r = report('acme/a', {
      notChecked: [{ ruleId: 'parse-error', severity: 'error', message: 'bad YAML', file: 'p.yaml', line: 2 }],
    });
    const md = renderOrgMarkdown(merge(r));
    expect(md).toContain('Not checked (errors and warnings that are no policy finding):');
    expect(md).toContain('Nothing the checks found.');
    expect(md).not.toContain('Nothing to change.');
  });

  test('findings by rule: one column per repository up to 8 repositories, a list beyond', () => {
    const reports = (k: number) => Array.from({ length: k }, (_, i) => report(`acme/r${i}`, i < 2 ? withItems(item('p.yaml', 1)) : {}));
    const eight = renderOrgMarkdown(merge(...reports(8)));
    expect(eight).toContain('| `no-app-harness-registry` | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 0 | 0 |');
    const nine = renderOrgMarkdown(merge(...reports(9)));
    expect(nine).toContain('| Rule | Total | Repositories |');
    expect(nine).toContain('| `no-app-harness-registry` | 2 | `acme/r0` 1<br>`acme/r1` 1 |');
  });

  test('copies that differ are said to, in the table and beside the YAML', () => {
    const md = renderOrgMarkdown(
      merge(report('acme/a', { connectors: [inGit('x')] }), report('acme/b', { connectors: [inGit('x', { connectivity: 'delegate' })] })),
    );
    expect(md).toContain('| `account.x` | account | 2 | 0 | 0 | 0 | 2 (they differ) |');
    expect(md).toContain('> The repositories’ definitions differ: Harness has one of them. Make them agree before changing it.');
  });

  test('a connector’s users: a template named as one, each owner with its own uses, Cloud stages marked; an org connector with its org', () => {
    const usedBy = [use('p', 's', { cloud: true }), use('q', 's', { line: 20 }), use('ci', 'ci', { ownerKind: 'template', line: 30 })];
    const md = renderOrgMarkdown(
      merge(report('acme/a', { externalConnectors: [{ ref: 'org.hub', scope: 'org default', usedBy }], connectors: [] })),
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| `acme/a` |'));
    expect(rows).toEqual([
      `| \`acme/a\` | \`p\` | \`s\` | [\`p.yaml:10\`](https://github.com/acme/a/blob/${SHA}/p.yaml#L10) step \`r\`, Cloud |`,
      `| \`acme/a\` | \`q\` | \`s\` | [\`q.yaml:20\`](https://github.com/acme/a/blob/${SHA}/q.yaml#L20) step \`r\` |`,
      `| \`acme/a\` | template \`ci\` | \`ci\` | [\`ci.yaml:30\`](https://github.com/acme/a/blob/${SHA}/ci.yaml#L30) step \`r\` |`,
    ]);
    expect(md).toContain('| `org.hub` | org `default` | 1 | 2 | 2 | 0 | no (kept in Harness) |');
    expect(md).toContain('### `org.hub` (org `default`): 1 repository, 3 pipelines or templates, 2 stages');
  });

  test('a connector’s block: a copy without URL and with findings, Harness’s facts as known, a use without stage through an input set', () => {
    const copy = inGit('x', { urls: [], findings: ['no-app-harness-registry'] });
    const usedBy = [use('p', 's', { stage: undefined, how: 'overrideImageConnector', step: undefined, via: 'main', source: 'inputSet' })];
    const facts = { ref: 'account.x', scope: 'account', connectivity: 'platform' };
    const md = renderOrgMarkdown(
      merge(
        report('acme/a', { connectors: [copy] }),
        report('acme/b', { externalConnectors: [{ ref: 'account.x', scope: 'account', usedBy }], harnessConnectors: [facts] }),
      ),
    );
    expect(md).toContain(
      `In Git: \`acme/a\` [\`connectors/x.yaml:1\`](https://github.com/acme/a/blob/${SHA}/connectors/x.yaml#L1) (DockerRegistry, no URL, platform; ✗ \`no-app-harness-registry\`).`,
    );
    expect(md).toContain('In Harness (reported by `acme/b`): platform.');
    expect(md).toMatch(/\| `acme\/b` \| `p` \| — \| \[`p\.yaml:10`\]\([^)]*\) Override Image Connector via `main` \|/);
  });

  test('Harness’s connectors get a section of their own', () => {
    const facts = { ref: 'account.x', scope: 'account', type: 'DockerRegistry', url: 'https://r.example.com', connectivity: 'platform' };
    const md = renderOrgMarkdown(merge(report('acme/a', { harnessConnectors: [facts] })));
    expect(md).toContain('## Connectors in Harness');
    expect(md).toContain('| `account.x` | account | DockerRegistry | `https://r.example.com` | platform | `acme/a` |');
    const used = report('acme/a', {
      externalConnectors: [{ ref: 'account.x', scope: 'account', usedBy: [use('p', 's')] }],
      harnessConnectors: [facts],
    });
    expect(renderOrgMarkdown(merge(used))).toContain(
      'In Harness (reported by `acme/a`): DockerRegistry, `https://r.example.com`, platform.',
    );
  });

  test('a table shows 200 rows, and says how many more the JSON has', () => {
    const rows = (k: number) =>
      renderOrgMarkdown(merge(report('acme/a', withItems(...Array.from({ length: k }, (_, i) => item('p.yaml', i + 1))))));
    const full = rows(200);
    expect(full).toContain('p.yaml:200');
    expect(full).not.toContain('more rows are in the JSON report');
    const over = rows(201);
    expect(over).not.toContain('p.yaml:201`');
    expect(over).toContain('\n\n1 more rows are in the JSON report.\n');
  });
});
