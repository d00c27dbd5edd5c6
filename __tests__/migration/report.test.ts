import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { lint } from '../helpers/lint.js';
import { runCli } from '../../src/cli/main.js';
import { buildReport, detectSource, endOfLife, renderReport, type MigrationReport } from '../../src/migration/index.js';
import { rawTags } from '../helpers/render-markdown.js';

// Golden migration reports of one fixture repo that breaks every rule and has templates, an input
// set, a trigger, a Cloud stage, useFromStage and an execution-config payload. UPDATE_GOLDEN=1
// rewrites the goldens; review the diff.
const REPO = path.join(import.meta.dirname, 'repo');
const GOLDEN = path.join(import.meta.dirname, 'expected');
const NOW = '2026-02-01T00:00:00Z';

async function cli(args: string[], cwd = REPO) {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    cwd,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

function golden(name: string, actual: string): string {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  return fs.readFileSync(file, 'utf8');
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

describe('golden reports of the fixture repo', () => {
  // The JSON records the repository and commit scanned (`source`): set them as a runner does, and
  // keep git from finding this checkout, so the golden does not depend on where it is.
  const RUNNER_ENV: Record<string, string> = {
    GITHUB_REPOSITORY: 'acme/payments',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_SERVER_URL: 'https://github.com',
    GIT_CEILING_DIRECTORIES: path.dirname(REPO),
  };
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(RUNNER_ENV)) [saved[k], process.env[k]] = [process.env[k], v];
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  });

  test.each([
    ['markdown', 'report.md'],
    ['json', 'report.json'],
  ])('CLI `report --format %s` gives %s', async (format, file) => {
    const { code, out, err } = await cli(['report', '--format', format, '--now', NOW]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toBe(golden(file, out));
  });

  test('renderReport, the function the Action calls for its job summary and report file, gives the same text', () => {
    const result = lint({ cwd: REPO, paths: ['.'], images: true });
    expect(renderReport(result, 'markdown', { now: new Date(NOW) })).toBe(fs.readFileSync(path.join(GOLDEN, 'report.md'), 'utf8'));
    const source = detectSource(REPO, REPO);
    expect(source).toEqual({ repository: 'acme/payments', commit: RUNNER_ENV.GITHUB_SHA, serverUrl: 'https://github.com' });
    expect(renderReport(result, 'json', { now: new Date(NOW), source })).toBe(fs.readFileSync(path.join(GOLDEN, 'report.json'), 'utf8'));
  });

  test('--output writes the file and prints nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-report-'));
    temps.push(dir);
    const { code, out } = await cli(['report', REPO, '--output', path.join(dir, 'r.md'), '--now', NOW], dir);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(fs.readFileSync(path.join(dir, 'r.md'), 'utf8')).toContain('# Harness registry migration report');
  });

  test('a bad --now or --format is a usage error (exit 2)', async () => {
    expect((await cli(['report', '--now', 'yesterday'])).code).toBe(2);
    expect((await cli(['report', '--format', 'sarif'])).code).toBe(2);
  });
});

describe('what the report says', () => {
  const report: MigrationReport = buildReport(lint({ cwd: REPO, paths: ['.'], images: true }), { now: new Date(NOW) });

  test('connectors: scope, auth type and connectivity, never a secret reference', () => {
    const hub = report.connectors.find((c) => c.identifier === 'hub')!;
    expect(hub).toMatchObject({
      ref: 'hub',
      scope: { level: 'project', org: 'default', project: 'payments' },
      authType: 'UsernamePassword',
      connectivity: 'delegate',
      delegateSelectors: ['build-delegate'],
    });
    expect(hub.usedBy).toEqual([
      expect.objectContaining({
        owner: 'build',
        stage: 'unit',
        how: 'step',
        step: 'test',
        cloud: true,
        failing: 'connects through a delegate',
      }),
    ]);
    const json = JSON.stringify(report);
    for (const secret of ['hub_pat', 'art_token', 'art_user', 'gh_token']) expect(json).not.toContain(secret);
  });

  test('a password written into a connector URL is hidden in the report and in its change list', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-userinfo-'));
    temps.push(dir);
    fs.writeFileSync(
      path.join(dir, 'c.yaml'),
      'connector:\n  name: c\n  identifier: c\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: "https://robot:s3cret@app.harness.io/registry"\n    providerType: Other\n    auth:\n      type: Anonymous\n    executeOnDelegate: false\n',
    );
    const result = lint({ cwd: dir, paths: ['.'], images: true });
    const r = buildReport(result, { now: new Date(NOW) });
    expect(r.connectors[0]!.urls).toEqual(['https://***@app.harness.io/registry']);
    const text = JSON.stringify(r) + renderReport(result, 'markdown', { now: new Date(NOW) });
    expect(text).toContain('"https://***@app.harness.io/registry"');
    expect(text).not.toContain('s3cret');
  });

  test('stages: the effective image connector and where it comes from', () => {
    const by = (id: string) => report.stages.find((s) => s.stage === id && s.ownerKind === 'pipeline')!;
    expect(by('unit').imageConnector.map((v) => [v.ref, v.source])).toEqual([['account.harnessImage', 'builtIn']]);
    expect(by('k8s').imageConnector.map((v) => [v.ref, v.source])).toEqual([['org.mirror', 'stage']]);
    expect(by('integration')).toMatchObject({
      infrastructureFrom: 'template k8s_stage v1',
      imageConnector: [expect.objectContaining({ ref: 'mirror', source: 'inputSet', via: 'main' })],
    });
    expect(by('publish')).toMatchObject({ infrastructure: 'VM', infrastructureFrom: 'stage package' });
    expect(by('package').imageConnector.map((v) => [v.ref, v.source, v.via])).toEqual([
      ['account.mirror', 'default', undefined],
      ['org.nightly_mirror', 'trigger', 'deploy_nightly'],
    ]);
  });

  test('changes: current and proposed values, fix kind, blast radius and time since the end of life', () => {
    const legacy = report.changes.find((c) => c.target.kind === 'connector' && c.target.identifier === 'legacy_mirror')!;
    expect(legacy.blastRadius.pipelines).toEqual(['deploy']);
    expect(legacy.daysSinceEol).toBe(627);
    expect(legacy.items[0]!.edits).toEqual([
      { field: 'dockerRegistryUrl', current: 'https://app.harness.io/registry', proposed: 'https://registry.hub.docker.com' },
      { field: 'providerType', current: 'Other', proposed: 'DockerHub' },
    ]);
    const trigger = report.changes.find((c) => c.target.file === '.harness/triggers/deploy_nightly.yaml')!;
    expect(trigger.items[0]!.fix).toBe('manual');
    expect(report.summary).toMatchObject({ safeFixes: 4, suggestions: 4, manual: 1 });
  });

  test('the replacement registry comes from the config file when no flag gives one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-report-config-'));
    temps.push(dir);
    fs.writeFileSync(path.join(dir, '.harness-registry-guard.yml'), 'replacementRegistryUrl: https://gcr.io/gcr-prod\n');
    fs.writeFileSync(
      path.join(dir, 'c.yaml'),
      'connector:\n  identifier: old\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n',
    );
    const json = JSON.parse((await cli(['report', '.', '--format', 'json', '--now', NOW], dir)).out) as MigrationReport;
    expect(json.replacementRegistryUrl).toBe('https://gcr.io/gcr-prod');
    expect(JSON.stringify(json.changes)).toContain('"proposed":"https://gcr.io/gcr-prod"');
  });

  test('Harness-side steps name account.harnessImage for the Cloud stage', () => {
    expect(report.harnessSteps.find((s) => s.subject === 'account.harnessImage')?.action).toBe(
      'Check in Account Settings that it connects through the Harness Platform and does not use app.harness.io.',
    );
  });

  test('end of life is counted from 15 May 2024 in calendar terms', () => {
    expect(endOfLife(new Date('2024-05-15T12:00:00Z'))).toEqual({ date: '2024-05-15', daysSince: 0, since: '0 days' });
    expect(endOfLife(new Date('2024-06-14T00:00:00Z'))).toMatchObject({ daysSince: 30, since: '30 days' });
    expect(endOfLife(new Date('2025-05-15T00:00:00Z'))).toMatchObject({ daysSince: 365, since: '1 year' });
    expect(endOfLife(new Date('2027-08-20T00:00:00Z'))).toMatchObject({ since: '3 years, 3 months' });
  });
});

describe('the diagram on a big repo', () => {
  /** `n` pipelines with a Cloud stage each; every fifth uses a delegate connector. */
  function bigRepo(n: number): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-big-'));
    temps.push(dir);
    const connector = (id: string, eod: boolean) =>
      `connector:\n  name: ${id}\n  identifier: ${id}\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.hub.docker.com\n    providerType: DockerHub\n    auth:\n      type: Anonymous\n    executeOnDelegate: ${eod}\n`;
    fs.writeFileSync(path.join(dir, 'ok.yaml'), connector('ok', false));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), connector('bad', true));
    fs.writeFileSync(path.join(dir, 'img.yaml'), connector('harnessImage', false));
    for (let i = 0; i < n; i++)
      fs.writeFileSync(
        path.join(dir, `p${i}.yaml`),
        `pipeline:\n  name: p${i}\n  identifier: p${i}\n  stages:\n    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n          runtime:\n            type: Cloud\n            spec: {}\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    connectorRef: account.${i % 5 ? 'ok' : 'bad'}\n                    image: alpine\n`,
      );
    return dir;
  }

  test('up to 30 pipelines: stages are drawn', () => {
    const d = buildReport(lint({ cwd: bigRepo(12), paths: ['.'], images: true }), { now: new Date(NOW) }).diagram;
    expect(d).toMatchObject({ mode: 'stages', pipelinesShown: 12, pipelinesTotal: 12, failingEdges: 3 });
    expect(d.mermaid).toContain('subgraph p0["pipeline p0"]');
  });

  test('31 to 100 pipelines: one node per pipeline', () => {
    const d = buildReport(lint({ cwd: bigRepo(60), paths: ['.'], images: true }), { now: new Date(NOW) }).diagram;
    expect(d).toMatchObject({ mode: 'pipelines', pipelinesShown: 60, failingEdges: 12 });
    expect(d.mermaid).not.toContain('subgraph');
  });

  test('past 100 pipelines: failing ones are drawn, the rest grouped into one node, and the diagram stays small', () => {
    const d = buildReport(lint({ cwd: bigRepo(120), paths: ['.'], images: true }), { now: new Date(NOW) }).diagram;
    expect(d).toMatchObject({ mode: 'capped', pipelinesShown: 24, pipelinesTotal: 120 });
    expect(d.mermaid).toContain('more["96 more pipelines without failing edges"]');
    expect(d.mermaid).toMatch(/more -->\|"[^"]*×96"\| c\d/);
    expect(d.mermaid.split('\n').length).toBeLessThan(120);
  });
});

describe('values from the repo cannot change the Markdown around them', () => {
  test('file names, identifiers and types with line breaks, fences, backticks and HTML stay inside their cells, spans and labels', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-md-'));
    temps.push(dir);
    const badName = 'nl\n# Injected heading\n<img src=x onerror=alert(1)> `x.yaml';
    fs.writeFileSync(
      path.join(dir, badName),
      'connector:\n  name: c\n  identifier: "dh`\\n## Injected connector"\n  type: "<img src=y>*em*"\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    providerType: DockerHub\n    auth:\n      type: Anonymous\n    executeOnDelegate: false\n',
    );
    fs.writeFileSync(
      path.join(dir, 'q.yaml'),
      'pipeline:\n  name: q\n  identifier: q\n  stages:\n    - stage:\n        name: t\n        identifier: "t`<img src=z>`"\n        type: CI\n        spec:\n          infrastructure:\n            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n              harnessImageConnectorRef: org.zz\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    connectorRef: "dh`\\n## Injected connector"\n                    image: alpine\n',
    );
    fs.writeFileSync(
      path.join(dir, 'p.yaml'),
      'pipeline:\n  name: p\n  identifier: p\n  stages:\n    - stage:\n        name: s\n        identifier: "s\\n```\\n# Injected after fence"\n        type: CI\n        spec:\n          runtime:\n            type: Cloud\n            spec: {}\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    connectorRef: "dh`\\n## Injected connector"\n                    image: alpine\n',
    );
    const md = renderReport(lint({ cwd: dir, paths: ['.'], images: true }), 'markdown', { now: new Date(NOW) });
    expect(md).toContain('Injected heading'); // the file is in the report
    expect(md).toContain('Injected after fence'); // and the stage
    const lines = md.split('\n');
    expect(lines.filter((l) => /^\s*#+\s*Injected/.test(l))).toEqual([]);
    // Rendered, no raw HTML is left.
    expect(rawTags(md)).toEqual([]);
    // Fences still pair up: the mermaid block ends where it should.
    const fences = lines.filter((l) => l.startsWith('```'));
    expect(fences.length % 2).toBe(0);
    const mermaid = lines.slice(lines.indexOf('```mermaid') + 1, lines.indexOf('```', lines.indexOf('```mermaid') + 1));
    expect(mermaid.some((l) => l.includes('Injected after fence'))).toBe(true);
  });

  test('control characters in file names and values are replaced, not written raw into the Markdown', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-md-'));
    temps.push(dir);
    fs.mkdirSync(path.join(dir, '.harness'));
    fs.writeFileSync(
      path.join(dir, '.harness', 'ansi\u001b[31mRED\u001b]0;title\u0007.yaml'),
      'connector:\n  name: c\n  identifier: "dh\\e[2J"\n  type: "Docker\\x07"\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    providerType: DockerHub\n    auth:\n      type: Anonymous\n    executeOnDelegate: false\n',
    );
    // A pipeline using the connector: its stage and the connector are drawn in the diagram too.
    fs.writeFileSync(
      path.join(dir, 'p.yaml'),
      'pipeline:\n  name: p\n  identifier: p\n  stages:\n    - stage:\n        name: s\n        identifier: "s\\e]0;t\\a"\n        type: CI\n        spec:\n          runtime:\n            type: Cloud\n            spec: {}\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    connectorRef: "account.dh\\e[2J"\n                    image: alpine\n',
    );
    const md = renderReport(lint({ cwd: dir, paths: ['.'], images: true }), 'markdown', { now: new Date(NOW) });
    expect(md).toContain('s\uFFFD]0;t\uFFFD');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(md).toContain('`.harness/ansi\uFFFD[31mRED\uFFFD]0;title\uFFFD.yaml`');
    expect(md).toContain('`dh\uFFFD[2J`');
  });

  test('a lone CR and the Unicode line breaks in a value end no table row: they become spaces, as a newline does', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-md-'));
    temps.push(dir);
    // A stage's identifier reaches the Stages table raw, in the infrastructure a later stage takes from it.
    const stage = (id: string, infrastructure: string) =>
      `    - stage:\n        name: n\n        identifier: "${id}"\n        type: CI\n        spec:\n          infrastructure:\n${infrastructure}          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    image: alpine\n`;
    const k8s =
      '            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n';
    const breaks = { cr: '\\r', ls: '\\u2028', ps: '\\u2029', nel: '\\x85' };
    const stages = Object.entries(breaks).flatMap(([name, lineBreak]) => [
      stage(`${name}${lineBreak}| x | y |`, k8s),
      stage(`${name}-user`, `            useFromStage: "${name}${lineBreak}| x | y |"\n`),
    ]);
    fs.writeFileSync(path.join(dir, 'p.yaml'), `pipeline:\n  name: p\n  identifier: p\n  stages:\n${stages.join('')}`);
    const md = renderReport(lint({ cwd: dir, paths: ['.'], images: true }), 'markdown', { now: new Date(NOW) });
    for (const name of ['cr', 'ls', 'ps']) expect(md).toContain(`KubernetesDirect (from stage ${name} \\| x \\| y \\|)`);
    // NEL is a C1 control too: replaced, as the others are.
    expect(md).toContain('KubernetesDirect (from stage nel\uFFFD\\| x \\| y \\|)');
    // Nor in the diagram, whose labels a JavaScript parser reads (where U+2028 and U+2029 end a line).
    expect(md).not.toMatch(/[\r\u2028\u2029\u0085]/);
  });
});

test('a change on a very long line: the field is read in time linear in the line (a 300 KB line took 40 s)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-longline-'));
  temps.push(dir);
  const note = 'a'.repeat(300_000);
  fs.writeFileSync(
    path.join(dir, 'execution-config.json'),
    `{"data": {"note": "${note}", "addonTag":  "app.harness.io/registry/harness/ci-addon:1.16.92"}}\n`,
  );
  const report = buildReport(lint({ cwd: dir, paths: ['.'], images: true }), { now: new Date(NOW) });
  const edits = report.changes.flatMap((c) => c.items.flatMap((i) => i.edits));
  expect(edits).toEqual([
    { field: 'addonTag', current: '"app.harness.io/registry/harness/ci-addon:1.16.92"', proposed: '"harness/ci-addon:1.16.92"' },
  ]);
});
