import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mergeReportFiles, mergeReports } from '../../src/migration/merge.js';
import { renderOrgMarkdown } from '../../src/migration/org-markdown.js';
import type { OrgReport } from '../../src/migration/org-types.js';
import type { MigrationReport } from '../../src/migration/types.js';
import { buildReport } from '../../src/migration/index.js';
import { lint } from '../helpers/lint.js';

// The organisation report end to end, as the reusable workflow runs it: the built CLI writes
// `report --format json` in three fixture repositories (__tests__/migration/org/*) that share the
// account connector `account.mirror` (kept in Git by acme/platform only) and the org connector
// `org.hub`, with GITHUB_REPOSITORY and GITHUB_SHA set as on a runner; then `report --merge`.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'index.js');
const FIXTURES = path.join(import.meta.dirname, 'org');
const REPOS = ['platform', 'payments', 'search'] as const;
const sha = (name: string) => crypto.createHash('sha1').update(name).digest('hex');
const blob = (name: string) => `https://github.com/acme/${name}/blob/${sha(name)}/`;

let tmp: string;
const reportFile = (name: string) => path.join(tmp, 'reports', `acme__${name}.json`);

/** The built CLI with a runner-like, otherwise clean environment. */
function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', TMPDIR: os.tmpdir(), ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const merge = async (files: string[], ...more: string[]) => await cli(['report', '--merge', ...files, ...more], tmp);
const json = <T>(text: string) => JSON.parse(text) as T;

beforeAll(async () => {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-org-'));
  fs.mkdirSync(path.join(tmp, 'reports'));
  for (const name of REPOS) {
    // Copied out of this checkout, so each is a folder of its own, as a checked-out repository is.
    fs.cpSync(path.join(FIXTURES, name), path.join(tmp, name), { recursive: true });
    const r = await cli(['report', '--format', 'json', '--now', '2026-02-01', '--output', reportFile(name)], path.join(tmp, name), {
      GITHUB_REPOSITORY: `acme/${name}`,
      GITHUB_SHA: sha(name),
      GITHUB_SERVER_URL: 'https://github.com',
    });
    expect(r).toEqual({ code: 0, out: '', err: '' });
  }
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('each repository’s report records where it comes from', () => {
  test.each(REPOS)('acme/%s: source from GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_SERVER_URL', (name) => {
    const r = json<MigrationReport>(fs.readFileSync(reportFile(name), 'utf8'));
    expect(r.schemaVersion).toBe(1);
    expect(r.source).toEqual({ repository: `acme/${name}`, commit: sha(name), serverUrl: 'https://github.com' });
    // Right after generatedAt, before the data: the rest of the report is unchanged.
    expect(Object.keys(r).slice(0, 5)).toEqual(['schemaVersion', 'tool', 'generatedAt', 'source', 'eol']);
  });
});

describe('report --merge of the three repositories', () => {
  let org: OrgReport;
  let markdown: string;
  beforeAll(async () => {
    const j = await merge(REPOS.map(reportFile), '--format', 'json');
    expect(j.err).toBe('');
    expect(j.code).toBe(0);
    org = json<OrgReport>(j.out);
    const m = await merge(REPOS.map(reportFile));
    expect(m.code).toBe(0);
    markdown = m.out;
  });

  test('the account connector lists every repository, pipeline and stage that uses it', () => {
    const mirror = org.connectors.find((c) => c.ref === 'account.mirror')!;
    expect(mirror).toMatchObject({
      identifier: 'mirror',
      scope: { level: 'account' },
      repositories: ['acme/payments', 'acme/platform', 'acme/search'],
      failingUses: 5,
    });
    expect(mirror.affects).toEqual([
      { repository: 'acme/payments', ownerKind: 'pipeline', owner: 'build', stages: ['k8s'] },
      { repository: 'acme/payments', ownerKind: 'pipeline', owner: 'deploy', stages: ['package'] },
      { repository: 'acme/platform', ownerKind: 'pipeline', owner: 'release', stages: ['package', 'publish'] },
      { repository: 'acme/search', ownerKind: 'pipeline', owner: 'index', stages: ['crawl'] },
    ]);
    // Kept in Git by acme/platform alone; the others only reference it.
    expect(mirror.definitions).toEqual([
      {
        repository: 'acme/platform',
        file: '.harness/connectors/mirror.yaml',
        line: 1,
        link: `${blob('platform')}.harness/connectors/mirror.yaml#L1`,
        name: 'Harness image mirror',
        type: 'DockerRegistry',
        urls: ['https://app.harness.io/registry'],
        connectivity: 'platform',
        findings: ['no-app-harness-registry'],
      },
    ]);
    expect(mirror.definitionsDiffer).toBeUndefined();
    expect(mirror.usedBy.map((u) => [u.repository, u.owner, u.stage, u.how, u.file, u.line])).toEqual([
      ['acme/payments', 'build', 'k8s', 'overrideImageConnector', '.harness/pipelines/build.yaml', 37],
      ['acme/payments', 'deploy', 'package', 'overrideImageConnector', '.harness/pipelines/deploy.yaml', 18],
      ['acme/platform', 'release', 'package', 'overrideImageConnector', '.harness/pipelines/release.yaml', 18],
      ['acme/platform', 'release', 'publish', 'overrideImageConnector', '.harness/pipelines/release.yaml', 39],
      ['acme/search', 'index', 'crawl', 'overrideImageConnector', '.harness/pipelines/index.yaml', 18],
    ]);
  });

  test('the org connector is one connector within its org; account.harnessImage is one for the account', () => {
    expect(org.connectors.map((c) => [c.ref, c.scope, c.repositories])).toEqual([
      ['account.harnessImage', { level: 'account' }, ['acme/payments', 'acme/search']],
      ['account.mirror', { level: 'account' }, ['acme/payments', 'acme/platform', 'acme/search']],
      ['org.hub', { level: 'org', org: 'default' }, ['acme/payments', 'acme/search']],
    ]);
    expect(org.connectors.find((c) => c.ref === 'org.hub')!.affects).toEqual([
      { repository: 'acme/payments', ownerKind: 'pipeline', owner: 'build', stages: ['unit'] },
      { repository: 'acme/search', ownerKind: 'pipeline', owner: 'index', stages: ['rank', 'unit'] },
    ]);
    // account.k8s is a Kubernetes cluster connector, not in any usedBy: the inventory lists image and codebase connectors.
    expect(org.totals).toMatchObject({ repositories: 3, connectors: 3, sharedConnectors: 3 });
  });

  test('every link points at its own repository’s file and line at the commit scanned', () => {
    const links = [
      ...org.connectors.flatMap((c) => [...c.usedBy, ...c.definitions]),
      ...org.harnessSteps.flatMap((s) => s.from.flatMap((f) => f.places)),
      ...org.repositories.flatMap((r) => r.changes.map((c) => ({ ...c, repository: r.repository }))),
    ];
    expect(links.length).toBeGreaterThan(15);
    for (const p of links) expect(p.link).toBe(`${blob(p.repository.slice(5))}${p.file}#L${p.line}`);
    expect(org.repositories.map((r) => [r.repository, r.commit, r.url])).toEqual(
      ['payments', 'platform', 'search'].map((n) => [`acme/${n}`, sha(n), `https://github.com/acme/${n}/tree/${sha(n)}`]),
    );
  });

  test('totals by repository and by rule', () => {
    expect(org.rules).toEqual([
      {
        ruleId: 'no-app-harness-registry',
        total: 2,
        repositories: [
          { repository: 'acme/payments', count: 1 },
          { repository: 'acme/platform', count: 1 },
        ],
      },
      { ruleId: 'require-account-image-connector', total: 1, repositories: [{ repository: 'acme/search', count: 1 }] },
    ]);
    expect(org.repositories.map((r) => [r.repository, r.summary.pipelines, r.summary.stages, r.summary.findings])).toEqual([
      ['acme/payments', 2, 3, { errors: 1, warnings: 0, notices: 2 }],
      ['acme/platform', 1, 2, { errors: 1, warnings: 0, notices: 0 }],
      ['acme/search', 1, 3, { errors: 1, warnings: 0, notices: 2 }],
    ]);
    expect(org.totals).toMatchObject({
      pipelines: 4,
      stages: 8,
      cloudStages: 2,
      findings: { errors: 3, warnings: 0, notices: 4 },
      changes: 3,
      safeFixes: 2,
      suggestions: 1,
      manual: 0,
    });
    expect(org.repositories.find((r) => r.repository === 'acme/search')!.changes).toEqual([
      expect.objectContaining({
        ruleId: 'require-account-image-connector',
        fix: 'suggestion',
        file: '.harness/pipelines/index.yaml',
        line: 39,
      }),
    ]);
  });

  test('the checks in Harness are deduplicated across repositories, each listing where it comes from', () => {
    expect(org.harnessSteps.map((s) => [s.subject, s.scope, s.repositories, s.from.length])).toEqual([
      ['account.harnessImage', 'account', ['acme/payments', 'acme/search'], 2],
      ['account.mirror', 'account', ['acme/payments', 'acme/search'], 2],
      ['org.hub', 'org default', ['acme/payments', 'acme/search'], 2],
    ]);
    const reportSteps = REPOS.reduce((n, r) => n + json<MigrationReport>(fs.readFileSync(reportFile(r), 'utf8')).harnessSteps.length, 0);
    expect(reportSteps).toBe(6);
    expect(org.totals.harnessSteps).toBe(3);
    const image = org.harnessSteps[0]!;
    expect(image.actions).toEqual([
      'Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    ]);
    expect(image.from.map((f) => [f.repository, f.places.map((p) => `${p.file}:${p.line}`)])).toEqual([
      ['acme/payments', ['.harness/pipelines/build.yaml:14']],
      ['acme/search', ['.harness/pipelines/index.yaml:56']],
    ]);
    // payments and search only reference account.mirror; the merge knows acme/platform keeps it in Git.
    expect(org.harnessSteps[1]!.definedIn).toEqual([
      {
        repository: 'acme/platform',
        file: '.harness/connectors/mirror.yaml',
        line: 1,
        link: `${blob('platform')}.harness/connectors/mirror.yaml#L1`,
      },
    ]);
  });

  test('the Markdown: totals, the account connector with its rows and links, the checks once', () => {
    expect(markdown).toMatch(/^# Harness registry migration: organisation report\n/);
    expect(markdown).toContain('3 repositories scanned on 2026-02-01');
    expect(markdown).toContain('| `no-app-harness-registry` | 2 | 1 | 1 | 0 |');
    expect(markdown).toContain('| **Total** |  | 4 | 8 | 3 | 0 | 4 | 2 | 1 | 0 |');
    expect(markdown).toContain('### `account.mirror` (account): 3 repositories, 4 pipelines or templates, 5 stages');
    expect(markdown).toContain(
      `| \`acme/platform\` | \`release\` | \`package\`, \`publish\` | [\`.harness/pipelines/release.yaml:18\`](${blob('platform')}.harness/pipelines/release.yaml#L18) Override Image Connector ✗ app.harness.io registry<br>`,
    );
    expect(markdown).toContain(
      `| \`acme/search\` | \`index\` | \`crawl\` | [\`.harness/pipelines/index.yaml:18\`](${blob('search')}.harness/pipelines/index.yaml#L18)`,
    );
    expect(markdown.match(/^\| `account\.harnessImage` \| account \|/gm)).toHaveLength(2); // the connectors table and the one check
    expect(markdown).toContain('## What to change, by repository');
  });

  test('the same reports in any order give the same bytes', async () => {
    const files = REPOS.map(reportFile);
    const a = (await merge(files, '--format', 'json')).out;
    const b = (await merge([...files].reverse(), '--format', 'json')).out;
    expect(b).toBe(a);
    expect((await merge([files[1]!, files[2]!, files[0]!])).out).toBe(markdown);
  });

  test('--output writes the file and prints nothing, the JSON (written in pieces) the same bytes as printed', async () => {
    const out = path.join(tmp, 'org.md');
    expect(await merge(REPOS.map(reportFile), '--output', out)).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readFileSync(out, 'utf8')).toBe(markdown);
    const printed = await merge(REPOS.map(reportFile), '--format', 'json');
    const outJson = path.join(tmp, 'org.json');
    expect(await merge(REPOS.map(reportFile), '--format', 'json', '--output', outJson)).toEqual({ code: 0, out: '', err: '' });
    expect(fs.readFileSync(outJson, 'utf8')).toBe(printed.out);
  });
});

describe('what the merge carries through', () => {
  const write = (name: string, report: unknown) => {
    const file = path.join(tmp, 'variants', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(report));
    return file;
  };
  const read = (name: string) => json<MigrationReport>(fs.readFileSync(reportFile(name), 'utf8'));

  test('harnessConnectors: deduplicated, attached to the account connector, any extra field kept', async () => {
    const facts = {
      ref: 'account.mirror',
      scope: 'account',
      type: 'DockerRegistry',
      url: 'https://registry.example.com',
      connectivity: 'platform',
    };
    const files = [
      write('platform.json', { ...read('platform'), harnessConnectors: [facts] }),
      write('payments.json', {
        ...read('payments'),
        harnessConnectors: [{ ...facts }, { ref: 'hub', scope: 'project default/payments', extra: 1 }],
      }),
      reportFile('search'),
    ];
    const r = await merge(files, '--format', 'json');
    expect(r.code).toBe(0);
    const org = json<OrgReport>(r.out);
    expect(org.harnessConnectors).toEqual([
      { ...facts, repositories: ['acme/payments', 'acme/platform'] },
      { ref: 'hub', scope: 'project default/payments', extra: 1, repositories: ['acme/payments'] },
    ]);
    expect(org.connectors.find((c) => c.ref === 'account.mirror')!.harness).toEqual([
      { ...facts, repositories: ['acme/payments', 'acme/platform'] },
    ]);
    expect(org.connectors.find((c) => c.ref === 'org.hub')!.harness).toBeUndefined();
    expect((await merge(files)).out).toContain(
      'In Harness (reported by `acme/payments`, `acme/platform`): DockerRegistry, `https://registry.example.com`, platform.',
    );
    // Absent from every report: absent from the merge.
    expect(json<OrgReport>((await merge(REPOS.map(reportFile), '--format', 'json')).out).harnessConnectors).toBeUndefined();
  });

  test('a report made before `source` existed is named after its file, without links', async () => {
    const { source: _source, ...old } = read('search');
    const r = await merge([reportFile('platform'), write('legacy-search.json', old)], '--format', 'json');
    expect(r.code).toBe(0);
    const repo = json<OrgReport>(r.out).repositories.find((x) => x.repository === 'legacy-search')!;
    expect(repo).toMatchObject({ sourceMissing: true });
    expect(repo.commit).toBeUndefined();
    expect(repo.changes.every((c) => c.link === undefined)).toBe(true);
  });

  test('a scan of a subfolder links from the repository root (source.directory); paths leaving it get no link', async () => {
    const moved = { ...read('payments'), source: { ...read('payments').source!, directory: 'services/payments' } };
    const org = json<OrgReport>((await merge([write('moved.json', moved)], '--format', 'json')).out);
    expect(org.repositories[0]!.changes[0]!.link).toBe(`${blob('payments')}services/payments/.harness/pipelines/build.yaml#L45`);
    const outside = { ...moved, source: { ...moved.source, directory: '../elsewhere' } };
    expect(
      json<OrgReport>((await merge([write('outside.json', outside)], '--format', 'json')).out).repositories[0]!.changes[0]!.link,
    ).toBeUndefined();
  });

  test('a report made from a folder above the checkout (`report repos/payments`) still links each place', async () => {
    const dir = path.join(tmp, 'above');
    fs.mkdirSync(path.join(dir, 'repos'), { recursive: true });
    fs.cpSync(path.join(tmp, 'payments'), path.join(dir, 'repos', 'payments'), { recursive: true });
    spawnSync('git', ['init', '-q'], { cwd: path.join(dir, 'repos', 'payments') });
    const file = path.join(tmp, 'reports', 'above.json');
    const r = await cli(['report', 'repos/payments', '--format', 'json', '--now', '2026-02-01', '--output', file], dir, {
      GITHUB_REPOSITORY: 'acme/payments',
      GITHUB_SHA: sha('payments'),
      GITHUB_SERVER_URL: 'https://github.com',
    });
    expect(r.code).toBe(0);
    expect(json<MigrationReport>(fs.readFileSync(file, 'utf8')).source!.directory).toBe('../..');
    const org = json<OrgReport>((await merge([file], '--format', 'json')).out);
    const change = org.repositories[0]!.changes[0]!;
    expect(change.file).toBe('repos/payments/.harness/pipelines/build.yaml');
    expect(change.link).toBe(`${blob('payments')}.harness/pipelines/build.yaml#L45`);
  });

  test('values that could break a Markdown link make no link', async () => {
    const bad = {
      ...read('payments'),
      source: { repository: 'acme/payments', commit: sha('payments'), serverUrl: 'https://evil.example/)x' },
    };
    const org = json<OrgReport>((await merge([write('bad.json', bad)], '--format', 'json')).out);
    expect(org.repositories[0]!.url).toBeUndefined();
    expect(org.repositories[0]!.changes[0]!.link).toBeUndefined();
  });
});

describe('many repositories', () => {
  test('the Markdown stays within a job summary (1 MiB) and says what it left to the JSON, which has everything', () => {
    const base = json<MigrationReport>(fs.readFileSync(path.join(import.meta.dirname, 'expected', 'report.json'), 'utf8'));
    const reports = Array.from({ length: 300 }, (_, i) => ({
      name: `r${i}.json`,
      report: { ...base, source: { ...base.source!, repository: `acme/repo-${String(i).padStart(3, '0')}` } },
    }));
    const org = mergeReports(reports);
    expect(org.repositories).toHaveLength(300);
    expect(org.connectors.find((c) => c.ref === 'account.harnessImage')!.repositories).toHaveLength(300);
    expect(org.harnessSteps.filter((s) => s.scope === 'account').map((s) => [s.subject, s.from.length])).toEqual([
      ['account.dockerhub_public', 300],
      ['account.harnessImage', 300],
    ]);
    const md = renderOrgMarkdown(org);
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    // The repositories left out are named (200 of them, then how many more).
    expect(md).toMatch(/Left out: what to change in \d+ repositories \((`acme\/repo-\d{3}`, ){199}`acme\/repo-\d{3}` and \d+ more\)\.\n$/);
    expect(md).toContain('## Checks in Harness, once for the account');
  });

  test('the JSON is written in pieces, never held as one text, and is the same bytes', () => {
    // Held whole, 400 repositories of 1,000 pipelines each were longer than V8's longest string (a crash).
    const base = fs.readFileSync(path.join(import.meta.dirname, 'expected', 'report.json'), 'utf8');
    const files = Array.from({ length: 100 }, (_, i) => {
      const file = path.join(tmp, `many-${i}.json`);
      fs.writeFileSync(file, base.replace('"repository": "acme/payments"', `"repository": "acme/repo-${i}"`));
      return file;
    });
    const pieces = [...mergeReportFiles(files, tmp, 'json')];
    expect(pieces.length).toBeGreaterThan(1);
    const text = pieces.join('');
    expect(text).toBe(
      JSON.stringify(mergeReports(files.map((f) => ({ name: f, report: json<MigrationReport>(fs.readFileSync(f, 'utf8')) }))), null, 2) +
        '\n',
    );
    expect(json<OrgReport>(text).repositories).toHaveLength(100);
  });
});

describe('bad input is a usage error (exit 2) naming the file', () => {
  const put = (name: string, text: string) => {
    const file = path.join(tmp, 'bad', name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return path.relative(tmp, file);
  };
  const good = () => fs.readFileSync(reportFile('platform'), 'utf8');
  const usage = (r: ReturnType<typeof cli>, message: RegExp) => {
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n').length).toBeLessThanOrEqual(2);
  };

  test('not JSON', async () => usage(await merge([put('notes.txt', 'hello')]), /bad\/notes\.txt: not JSON/));

  test('JSON that is not a migration report, such as `check --format json`', async () => {
    const check = await cli(['check', '.', '--format', 'json'], path.join(tmp, 'search'));
    usage(await merge([put('check.json', check.out)]), /bad\/check\.json: not a harness-registry-guard migration report/);
    usage(await merge([put('array.json', '[]')]), /bad\/array\.json: not a harness-registry-guard migration report/);
  });

  test('another schemaVersion', async () => {
    const file = put('v2.json', JSON.stringify({ ...json<object>(good()), schemaVersion: 2 }));
    usage(await merge([reportFile('payments'), file]), /bad\/v2\.json: has schemaVersion 2; this version \(.*\) reads schemaVersion 1/);
  });

  test('a field of the wrong shape, named with its path', async () => {
    const r = json<MigrationReport>(good());
    (r.connectors[0] as unknown as { usedBy: unknown }).usedBy = 'none';
    usage(await merge([put('shape.json', JSON.stringify(r))]), /bad\/shape\.json: connectors\[0\]\.usedBy is not an array/);
  });

  test.each([
    [
      'a use whose step is a number',
      (r: MigrationReport) => ((r.connectors[0]!.usedBy[0] as unknown as { step: unknown }).step = 5),
      /connectors\[0\]\.usedBy\[0\]\.step is not a string/,
    ],
    [
      'a generatedAt that is not a date',
      (r: MigrationReport) => ((r as unknown as { generatedAt: string }).generatedAt = 'not a date'),
      /generatedAt is not a date/,
    ],
    ['a negative count', (r: MigrationReport) => (r.summary.findings.errors = -1), /summary\.findings\.errors is not a count/],
  ])('%s', async (_, spoil, message) => {
    const r = json<MigrationReport>(good());
    spoil(r);
    usage(await merge([put('typed.json', JSON.stringify(r))]), message);
  });

  test('the same repository twice', async () => {
    const copy = put('platform-again.json', good());
    usage(
      await merge([reportFile('platform'), reportFile('search'), copy]),
      /bad\/platform-again\.json: repository acme\/platform is already merged from .*acme__platform\.json/,
    );
  });

  test('text from a report file is shown without control characters or line breaks (no line of its own, no escape sequence)', async () => {
    const evil = 'evil\n::error title=pwned::owned\u001b]0;T\u0007';
    const r = json<MigrationReport>(good());
    r.source = { ...r.source!, repository: evil };
    const twice = [put('evil1.json', JSON.stringify(r)), put('evil2.json', JSON.stringify(r))];
    const dup = await merge(twice);
    usage(dup, /repository evil\uFFFD::error title=pwned::owned\uFFFD\]0;T\uFFFD is already merged/);
    const notJson = await merge([put('escape.txt', '\u001b]0;TITLE\u0007 not json')]);
    usage(notJson, /not JSON/);
    for (const err of [dup.err, notJson.err]) {
      expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(err.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
    }
  });

  test('a report nested thousands of levels deep is refused, not a stack overflow', async () => {
    // Written as text: JSON.stringify would overflow here too.
    const deep = good().replace(/^\{/, `{"extra": ${'['.repeat(5000)}${']'.repeat(5000)},`);
    for (const format of ['markdown', 'json'])
      usage(await merge([put('deep.json', deep)], '--format', format), /bad\/deep\.json: nests deeper than 64 levels/);
  });

  test('an organisation report given back to --merge', async () => {
    const orgFile = put('org.json', (await merge(REPOS.map(reportFile), '--format', 'json')).out);
    usage(await merge([orgFile]), /bad\/org\.json: is an organisation report/);
  });

  test('a missing file, no file at all, and scan options', async () => {
    usage(await merge(['nope.json']), /nope\.json: cannot be read \(ENOENT\)/);
    // A device (a link to /dev/zero would fill the memory) or a FIFO (would hang) is no report: nothing is read.
    usage(await merge(['/dev/null']), /\/dev\/null: cannot be read \(not a regular file\)/);
    usage(await merge([]), /--merge needs the JSON reports to merge/);
    usage(await merge([reportFile('platform'), '--now', '2026-01-01']), /--now does not apply to --merge/);
    usage(await merge([reportFile('platform'), '--include', '*.yaml']), /--include does not apply to --merge/);
    usage(await merge([reportFile('platform'), '--format', 'sarif']), /--format must be one of markdown, json/);
  });
});

describe('checks in Harness keep the scope their reference resolves to', () => {
  /** A Cloud pipeline in `org`/`project` whose step uses `ref`, a connector not in the repo. */
  const pipeline = (id: string, org: string, project: string, ref: string) =>
    `pipeline:\n  name: ${id}\n  identifier: ${id}\n  orgIdentifier: ${org}\n  projectIdentifier: ${project}\n  stages:\n    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n          runtime:\n            type: Cloud\n            spec: {}\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    connectorRef: ${ref}\n                    image: alpine\n`;

  test('org.shared used from two orgs is two checks, each with its own places; a project reference from two projects too', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-scopes-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.yaml'), pipeline('p_orgA', 'orgA', 'proj', 'org.shared'));
      fs.writeFileSync(path.join(dir, 'b.yaml'), pipeline('p_orgB', 'orgB', 'proj', 'org.shared'));
      fs.writeFileSync(path.join(dir, 'c.yaml'), pipeline('p_c', 'orgA', 'proj', 'dockerhub'));
      fs.writeFileSync(path.join(dir, 'd.yaml'), pipeline('p_d', 'orgB', 'proj', 'dockerhub'));
      const report = buildReport(lint({ cwd: dir, paths: ['.'], images: true }), { now: new Date('2026-02-01T00:00:00Z') });
      const shared = report.harnessSteps.filter((s) => s.subject === 'org.shared');
      expect(shared.map((s) => [s.scope, s.places.map((p) => p.file)])).toEqual([
        ['org orgA', ['a.yaml']],
        ['org orgB', ['b.yaml']],
      ]);
      const org = mergeReports([
        { name: 'one.json', report: { ...report, source: { repository: 'acme/one', serverUrl: 'https://github.com' } } },
      ]);
      expect(org.harnessSteps.map((s) => [s.subject, s.scope, s.from.flatMap((f) => f.places.map((p) => p.file))])).toEqual([
        ['account.harnessImage', 'account', ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml']],
        ['org.shared', 'org orgA', ['a.yaml']],
        ['org.shared', 'org orgB', ['b.yaml']],
        ['dockerhub', 'repository acme/one, project orgA/proj', ['c.yaml']],
        ['dockerhub', 'repository acme/one, project orgB/proj', ['d.yaml']],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
