import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { applyEdits } from '../../src/engine/edits.js';
import type { Finding } from '../../src/engine/finding.js';
import { applyFixes } from '../helpers/lint.js';
import { lint } from '../helpers/lint.js';
import { rules } from '../../src/rules/index.js';
import { FIX_CASES, allCrlf, bytes, changesOutside, copyCase, hasBom, listFiles, tempRepo } from './helpers.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});
const track = (dir: string) => (temps.push(dir), dir);

const caseDirs = (ruleId: string) =>
  fs
    .readdirSync(path.join(FIX_CASES, ruleId), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

/** Runs `fix` on a copy of a case folder; returns the copy and the result. */
function fixCase(ruleId: string, name: string) {
  const src = path.join(FIX_CASES, ruleId, name);
  const dir = track(copyCase(src));
  return { src, dir, result: applyFixes({ cwd: dir, paths: ['.'] }) };
}

// Golden fix cases, by rule: whole repos fixed twice, byte for byte (BOM, CRLF, flow maps). Each rule's
// table (__tests__/rules/<rule-id>.test.ts) has its single-file fixes; the meta test checks `fixable`.
const ruleIds = fs
  .readdirSync(FIX_CASES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe.each(ruleIds)('%s fixes', (ruleId) => {
  test('names a rule of the registry', () => {
    expect(rules.map((r) => r.id)).toContain(ruleId);
  });

  test.each(caseDirs(ruleId))('%s: each file becomes its .fixed.yaml byte for byte, the others stay identical, and a second run changes nothing', (name) => {
    const { src, dir, result } = fixCase(ruleId, name);
    expect(result.skipped).toEqual([]);
    expect(result.converged).toBe(true);
    expect(result.result.internalErrors).toEqual([]);
    const inputs = listFiles(src).filter((f) => !f.endsWith('.fixed.yaml'));
    for (const f of inputs) {
      const expectedFile = path.join(src, f.replace(/\.yaml$/, '.fixed.yaml'));
      const expected = fs.existsSync(expectedFile) ? bytes(expectedFile) : bytes(path.join(src, f));
      expect([f, bytes(path.join(dir, f)).toString('utf8')]).toEqual([f, expected.toString('utf8')]);
      expect(bytes(path.join(dir, f)).equals(expected)).toBe(true);
    }
    // The reported edits explain every changed byte, and applying them gives the fixed text.
    for (const ff of result.files) {
      expect(changesOutside(ff.original, ff.fixed, ff.edits)).toBe(0);
      expect(applyEdits(ff.original, ff.edits)).toBe(ff.fixed);
    }
    // No safe fix of this rule is left, and the fixed files parse.
    expect(result.result.findings.filter((f) => f.ruleId === ruleId && f.fix)).toEqual([]);
    expect(result.result.findings.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    const changed = inputs.filter((f) => fs.existsSync(path.join(src, f.replace(/\.yaml$/, '.fixed.yaml'))));
    expect(result.files.map((f) => f.file)).toEqual(changed);
    if (changed.length) expect(result.files.flatMap((f) => f.applied).some((a) => a.ruleId === ruleId)).toBe(true);

    const before = new Map(inputs.map((f) => [f, bytes(path.join(dir, f))]));
    const again = applyFixes({ cwd: dir, paths: ['.'] });
    expect(again.files).toEqual([]);
    expect(again.passes).toBe(0);
    for (const f of inputs) expect(bytes(path.join(dir, f)).equals(before.get(f)!)).toBe(true);
  });
});

describe('bytes the fixes keep', () => {
  test('CRLF and the BOM survive an inserted key and a replaced URL', () => {
    const { dir } = fixCase('require-platform-connectivity', 'crlf-bom');
    const out = bytes(path.join(dir, 'hub.yaml'));
    expect(hasBom(out)).toBe(true);
    expect(allCrlf(out.toString('utf8'))).toBe(true);
    expect(out.toString('utf8')).toContain('\r\n    executeOnDelegate: false\r\n');

    const quoted = fixCase('no-app-harness-registry', 'crlf-bom-quoted-flow').dir;
    const text = bytes(path.join(quoted, 'connectors.yaml'));
    expect(hasBom(text)).toBe(true);
    expect(allCrlf(text.toString('utf8'))).toBe(true);
  });

  test('quote styles are kept: double stays double, single stays single, a boolean is written plain', () => {
    const quoted = fixCase('no-app-harness-registry', 'crlf-bom-quoted-flow').dir;
    const text = fs.readFileSync(path.join(quoted, 'connectors.yaml'), 'utf8');
    expect(text).toContain(`spec: {dockerRegistryUrl: "https://registry.hub.docker.com", auth: {type: Anonymous}, executeOnDelegate: false, providerType: DockerHub}`);
    expect(text).toContain(`dockerRegistryUrl: 'https://registry.hub.docker.com'`);
    expect(text).toContain(`providerType: "DockerHub"`);
    const hub = fs.readFileSync(path.join(fixCase('require-platform-connectivity', 'quoted-true').dir, 'hub.yaml'), 'utf8');
    expect(hub).toContain('executeOnDelegate: false   # quoted by hand');
  });

  test('comments stay where they were, including one after the replaced value', () => {
    const dir = fixCase('no-app-harness-registry', 'connectors').dir;
    const text = fs.readFileSync(path.join(dir, 'connectors.yaml'), 'utf8');
    expect(text).toContain('    dockerRegistryUrl: https://registry.hub.docker.com  # old instructions\n');
    expect(text).toContain('  name: Harness Docker Connector   # shown in the UI\n');
    expect(text.startsWith("# The account's Harness image connector")).toBe(true);
  });
});

describe('what fix leaves alone', () => {
  test('a suggestion is never applied: an Override Image Connector with no account connector in the repo', () => {
    const { dir, result } = fixCase('require-account-image-connector', 'no-account-connector');
    expect(result.files).toEqual([]);
    const f = result.result.findings.find((x) => x.ruleId === 'require-account-image-connector' && x.file === 'pipeline.yaml')!;
    expect(f.fix).toBeUndefined();
    expect(f.suggestion?.title).toBe('Create connector `mirror` at account scope in Harness (the repo has no account-scope `mirror`), then reference it as `account.mirror`.');
    expect(f.suggestion?.edits).toEqual([{ start: expect.any(Number), end: expect.any(Number), text: 'account.mirror' }]);
    expect(fs.readFileSync(path.join(dir, 'pipeline.yaml'), 'utf8')).toContain('harnessImageConnectorRef: org.mirror');
  });

  test("nothing is edited inside a trigger's inputYaml: the finding there has neither fix nor suggestion", () => {
    const { result } = fixCase('require-account-image-connector', 'no-account-connector');
    const f = result.result.findings.find((x) => x.ruleId === 'require-account-image-connector' && x.file === 'trigger.yaml')!;
    expect(f.line).toBe(18);
    expect(f.fix).toBeUndefined();
    expect(f.suggestion).toBeUndefined();
  });

  test("a step's renamed image is only ever a suggestion (the mirror must hold the new name); a non-Docker connector URL is a suggestion", () => {
    const { dir, result } = fixCase('no-renamed-harness-image', 'mirrors');
    expect(result.files).toEqual([]);
    const renamed = result.result.findings.filter((f) => f.ruleId === 'no-renamed-harness-image');
    expect(renamed.length).toBeGreaterThan(2);
    expect(renamed.every((f) => !f.fix && f.severity === 'warning')).toBe(true);
    const mirror = renamed.find((f) => f.line === 31)!;
    expect(mirror.suggestion?.edits[0]?.text).toBe('registry.example.com/mirror/harness/ci-addon:1.16.92');
    expect(mirror.suggestion?.title).toBe('Use `registry.example.com/mirror/harness/ci-addon:1.16.92`, after mirroring the image under that name (check the registry prefix first).');
    expect(fs.readFileSync(path.join(dir, 'pipeline.yaml'), 'utf8')).toContain('registry.example.com/harness-ci-lite-engine:1.16.92');
    const art = fixCase('no-app-harness-registry', 'connectors').result.result.findings.find((f) => f.file === 'artifactory.yaml')!;
    expect(art.fix).toBeUndefined();
    expect(art.suggestion?.title).toBe('Point connector `art` at `https://registry.hub.docker.com`. Check that this connector type can pull Harness images from there.');
  });

  test('a connector with delegate selectors gets executeOnDelegate: false as a suggestion; one inheriting delegate credentials gets none', () => {
    const dir = track(
      tempRepo({
        'c.yaml': `connector:
  name: hub
  identifier: hub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://index.docker.io/v2/
    auth:
      type: Anonymous
    delegateSelectors:
      - build-delegate
    executeOnDelegate: true
---
connector:
  name: aws
  identifier: aws
  type: Aws
  spec:
    credential:
      type: InheritFromDelegate
    executeOnDelegate: true
`,
        'p.yaml': `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
              - step: { type: Run, name: a, identifier: a, spec: { connectorRef: account.hub, image: golang } }
              - step: { type: S3Upload, name: b, identifier: b, spec: { connectorRef: account.aws, bucket: x } }
`,
      }),
    );
    const r = applyFixes({ cwd: dir, paths: ['.'], dryRun: true });
    expect(r.files).toEqual([]);
    const [hub, aws] = ['hub', 'aws'].map((id) => r.result.findings.find((f) => f.ruleId === 'require-platform-connectivity' && f.entity === id)!);
    expect(hub!.fix).toBeUndefined();
    expect(hub!.suggestion?.title).toMatch(/^Set `executeOnDelegate: false` on connector `hub` \(Connect through Harness Platform\)\. Its delegate selectors \(`build-delegate`\) suggest a registry only your delegates can reach/);
    expect(aws!.fix).toBeUndefined();
    expect(aws!.suggestion).toBeUndefined();
  });

  test('two fixes on one scalar take two passes and still compose into edits on the original', () => {
    const { result } = fixCase('require-account-image-connector', 'account-connector-exists');
    expect(result.passes).toBe(2);
    const p = result.files.find((f) => f.file === 'pipeline.yaml')!;
    expect(p.fixed).toContain('harnessImageConnectorRef: <+input>.allowedValues(account.mirror)');
    expect(p.applied.map((a) => a.line)).toEqual([18, 31, 46, 59, 59]);
  });
});

describe('replacement registry', () => {
  test('a non-Docker-Hub replacement sets Provider Type Other and prefixes images with its host and path', () => {
    const dir = track(
      tempRepo({
        'c.yaml': 'connector:\n  name: h\n  identifier: harnessImage\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    providerType: DockerHub\n    auth:\n      type: Anonymous\n',
        'values.yaml': 'image: app.harness.io/registry/harness/ci-addon:1.16.92\n',
      }),
    );
    const r = applyFixes({ cwd: dir, paths: ['.'], ruleOptions: { 'no-app-harness-registry': { replacementRegistryUrl: 'https://gcr.io/gcr-prod' } } });
    expect(fs.readFileSync(path.join(dir, 'c.yaml'), 'utf8')).toContain('    dockerRegistryUrl: https://gcr.io/gcr-prod\n    providerType: Other\n');
    expect(fs.readFileSync(path.join(dir, 'values.yaml'), 'utf8')).toBe('image: gcr.io/gcr-prod/harness/ci-addon:1.16.92\n');
    expect(r.result.findings.filter((f) => f.ruleId === 'no-app-harness-registry')).toEqual([]);
  });
});

describe('passes, writes and dry runs', () => {
  const repo = () =>
    track(
      tempRepo({
        'a.yaml': 'image: app.harness.io/registry/harness/drone-git:1.6.9\n',
        'b.yaml': 'image: harness/ci-addon:1.16.92\n',
      }),
    );

  test('--dry-run computes the fix and writes nothing', () => {
    const dir = repo();
    const before = bytes(path.join(dir, 'a.yaml'));
    const r = applyFixes({ cwd: dir, paths: ['.'], dryRun: true });
    expect(r.files.map((f) => [f.file, f.fixed])).toEqual([['a.yaml', 'image: harness/drone-git:1.6.9\n']]);
    expect(bytes(path.join(dir, 'a.yaml')).equals(before)).toBe(true);
  });

  test('writes replace the file atomically: mode kept, no temporary file left, untouched files keep their mtime', () => {
    const dir = repo();
    fs.chmodSync(path.join(dir, 'a.yaml'), 0o640);
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(path.join(dir, 'b.yaml'), old, old);
    applyFixes({ cwd: dir, paths: ['.'] });
    expect(fs.statSync(path.join(dir, 'a.yaml')).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
    expect(fs.statSync(path.join(dir, 'b.yaml')).mtime.getTime()).toBe(old.getTime());
  });

  test('a symlinked file is fixed through its target, and the link stays a link', () => {
    const dir = repo();
    fs.mkdirSync(path.join(dir, 'real'));
    fs.renameSync(path.join(dir, 'a.yaml'), path.join(dir, 'real', 'a.yaml'));
    fs.symlinkSync(path.join(dir, 'real', 'a.yaml'), path.join(dir, 'link.yaml'));
    applyFixes({ cwd: dir, paths: ['.'] });
    expect(fs.lstatSync(path.join(dir, 'link.yaml')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'real', 'a.yaml'), 'utf8')).toBe('image: harness/drone-git:1.6.9\n');
  });

  test('a pass that would make a file unparseable is dropped and the file is named and left as it was', () => {
    const dir = repo();
    const original = bytes(path.join(dir, 'a.yaml'));
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      check: (s) => {
        const res = lint(s);
        // A broken fix: an unclosed flow sequence.
        for (const f of res.findings) if (f.fix) f.fix = [{ start: f.range[0], end: f.range[1], text: '[unclosed' }];
        return res;
      },
    });
    expect(r.files).toEqual([]);
    expect(r.skipped).toEqual([{ file: 'a.yaml', reason: 'the fixes would make it unparseable' }]);
    expect(bytes(path.join(dir, 'a.yaml')).equals(original)).toBe(true);
  });

  test('a file with a YAML syntax error in one of its documents gets no fix or suggestion, even in the documents that parse', () => {
    const dir = track(tempRepo({}));
    const connector = (id: string) =>
      `connector:\n  name: ${id}\n  identifier: ${id}\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n`;
    // An Artifactory connector on the retired registry gets a suggestion (never a safe fix).
    const artifactory =
      'connector:\n  name: arti\n  identifier: arti\n  type: Artifactory\n  spec:\n    artifactoryServerUrl: https://app.harness.io/registry\n';
    fs.writeFileSync(path.join(dir, 'whole.yaml'), artifactory);
    expect(lint({ cwd: dir, paths: ['.'] }).findings.filter((f) => f.suggestion)).toHaveLength(1);
    fs.rmSync(path.join(dir, 'whole.yaml'));
    const text = `${connector('good')}    providerType: Other\n    executeOnDelegate: false\n---\n${artifactory}---\n${connector('broken')}      providerType: Other\n`;
    fs.writeFileSync(path.join(dir, 'two.yaml'), text);
    // check offers no fix there either, so its hint does not promise what fix refuses.
    const found = lint({ cwd: dir, paths: ['.'] }).findings;
    expect(found.filter((f) => f.ruleId === 'no-app-harness-registry').length).toBeGreaterThan(0);
    expect(found.filter((f) => f.fix || f.suggestion)).toEqual([]);
    const r = applyFixes({ cwd: dir, paths: ['.'] });
    expect(r.files).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'two.yaml'), 'utf8')).toBe(text);
  });

  test('a suppressed finding (inline comment or baseline) is not fixed', () => {
    const dir = repo();
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      check: (s) => {
        const res = lint(s);
        for (const f of res.findings) Object.assign(f, { suppressed: { kind: 'baseline' } });
        return res;
      },
    });
    expect(r.files).toEqual([]);
    expect(r.converged).toBe(true);
  });

  test('fixes that keep producing fixes stop after the pass limit and say they did not converge', () => {
    const dir = repo();
    let n = 0;
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      maxPasses: 3,
      check: (s) => {
        const res = lint(s);
        const text = s.overlay?.get(path.join(dir, 'b.yaml')) ?? fs.readFileSync(path.join(dir, 'b.yaml'), 'utf8');
        // Always one more comment line to add: never converges.
        res.findings.push({ ...res.findings[0]!, file: 'b.yaml', fix: [{ start: text.length, end: text.length, text: `# ${n++}\n` }] });
        return res;
      },
    });
    expect(r.passes).toBe(3);
    expect(r.converged).toBe(false);
    // The first check's fix is not applied: the file is read, then checked again as read (n = 1).
    expect(fs.readFileSync(path.join(dir, 'b.yaml'), 'utf8')).toBe('image: harness/ci-addon:1.16.92\n# 1\n# 2\n# 3\n');
    const b = r.files.find((f) => f.file === 'b.yaml')!;
    expect(b.edits).toEqual([{ start: 32, end: 32, text: '# 1\n# 2\n# 3\n' }]);
  });

  test('without a pass limit of their own, fixes that keep producing fixes stop after 10 passes', () => {
    const dir = repo();
    let n = 0;
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      dryRun: true,
      check: (s) => {
        const res = lint(s);
        const text = s.overlay?.get(path.join(dir, 'b.yaml')) ?? fs.readFileSync(path.join(dir, 'b.yaml'), 'utf8');
        res.findings.push({ ...res.findings[0]!, file: 'b.yaml', fix: [{ start: text.length, end: text.length, text: `# ${n++}\n` }] });
        return res;
      },
    });
    expect(r.passes).toBe(10);
    expect(r.converged).toBe(false);
  });

  /** A check that adds a fix of b.yaml, made by `edit` from b.yaml's text as the check sees it and the check's number. */
  const withFixOfB = (dir: string, edit: (text: string, call: number) => { start: number; end: number; text: string }) => {
    const file = path.join(dir, 'b.yaml');
    let calls = 0;
    let template: Finding | undefined;
    return (s: Parameters<typeof lint>[0]) => {
      const res = lint(s);
      template ??= res.findings[0];
      const text = s.overlay?.get(file) ?? fs.readFileSync(file, 'utf8');
      res.findings.push({ ...template!, file: 'b.yaml', fix: [edit(text, calls++)] });
      return res;
    };
  };

  test('a fix that leaves the text as it was is no pass and no change', () => {
    const dir = repo();
    const r = applyFixes({ cwd: dir, paths: ['.'], dryRun: true, check: withFixOfB(dir, () => ({ start: 0, end: 5, text: 'image' })) });
    // a.yaml's own fix is the one pass.
    expect(r.passes).toBe(1);
    expect(r.files.map((f) => f.file)).toEqual(['a.yaml']);
  });

  test('a later pass that would make a file unparseable leaves it as it was before every pass, not after the earlier ones', () => {
    const dir = repo();
    const original = bytes(path.join(dir, 'b.yaml'));
    // Checks 0 and 1 (before and after the file is read) offer a good fix; the next pass's fix breaks the file.
    const check = withFixOfB(dir, (text, call) =>
      call < 2 ? { start: text.length, end: text.length, text: '# fine\n' } : { start: 0, end: 0, text: '[unclosed\n' },
    );
    const r = applyFixes({ cwd: dir, paths: ['.'], check });
    expect(r.skipped).toEqual([{ file: 'b.yaml', reason: 'the fixes would make it unparseable' }]);
    expect(r.files.map((f) => f.file)).toEqual(['a.yaml']);
    expect(bytes(path.join(dir, 'b.yaml')).equals(original)).toBe(true);
    // It is named as skipped, not counted as fixes that did not converge.
    expect(r.converged).toBe(true);
  });

  test('files are listed by name, though a later pass found the first one', () => {
    const dir = repo();
    let calls = 0;
    const fixOfB = withFixOfB(dir, (text, call) => (call < 2 ? { start: text.length, end: text.length, text: '# b\n' } : { start: 0, end: 0, text: '' }));
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      dryRun: true,
      check: (s) => {
        const res = fixOfB(s);
        // a.yaml's own fix shows only once b.yaml is fixed; the no-op fix of b.yaml after that changes nothing.
        if (calls++ < 2) res.findings = res.findings.filter((f) => f.file !== 'a.yaml');
        return res;
      },
    });
    expect(r.files.map((f) => f.file)).toEqual(['a.yaml', 'b.yaml']);
  });

  test('the fixes of a file come from a check of the text it was read with, though it changes on disk afterwards', () => {
    const dir = repo();
    const file = path.join(dir, 'a.yaml');
    let calls = 0;
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      dryRun: true,
      check: (s) => {
        // Right after the file is read for fixing, someone adds a line above the image.
        if (calls++ === 1) fs.writeFileSync(file, '# added meanwhile\n' + fs.readFileSync(file, 'utf8'));
        return lint(s);
      },
    });
    expect(r.files.map((f) => [f.file, f.fixed])).toEqual([['a.yaml', 'image: harness/drone-git:1.6.9\n']]);
  });

  /** Fixes b.yaml (`image: harness/ci-addon:1.16.92`) in passes: pass n applies `passes[n - 1]`'s edits, made from the text then. */
  const fixInPasses = (...passes: Array<(text: string) => Array<{ start: number; end: number; text: string }>>) => {
    const dir = repo();
    const file = path.join(dir, 'b.yaml');
    let calls = 0;
    let template: Finding | undefined;
    const r = applyFixes({
      cwd: dir,
      paths: ['b.yaml'],
      dryRun: true,
      check: (s) => {
        const res = lint({ ...s, paths: ['a.yaml'] });
        template ??= res.findings[0];
        const text = s.overlay?.get(file) ?? fs.readFileSync(file, 'utf8');
        // Check 0 finds the fixes, check 1 finds them again in the text as read: pass 1 applies those.
        const edits = passes[Math.max(calls++ - 1, 0)]?.(text) ?? [];
        return { ...res, findings: edits.length ? [{ ...template!, file: 'b.yaml', fix: edits }] : [] };
      },
    });
    return r.files.find((f) => f.file === 'b.yaml');
  };

  test.each([
    [
      'an insertion right after a replacement of the pass before',
      [() => [{ start: 7, end: 14, text: 'HARNESS-LONGER' }], () => [{ start: 21, end: 21, text: 'X' }]],
      'image: HARNESS-LONGERX/ci-addon:1.16.92\n',
      [{ start: 7, end: 14, text: 'HARNESS-LONGERX' }],
    ],
    [
      'an edit before and one after an earlier one',
      [
        () => [{ start: 15, end: 23, text: 'ci-lite-engine' }],
        () => [
          { start: 0, end: 5, text: 'img' },
          { start: 30, end: 37, text: '2.0' },
        ],
      ],
      'img: harness/ci-lite-engine:2.0\n',
      [
        { start: 0, end: 5, text: 'img' },
        { start: 15, end: 23, text: 'ci-lite-engine' },
        { start: 24, end: 31, text: '2.0' },
      ],
    ],
    [
      'an edit that ends where an earlier one starts',
      [() => [{ start: 7, end: 14, text: 'plugins' }], () => [{ start: 0, end: 7, text: 'IMAGE: ' }]],
      'IMAGE: plugins/ci-addon:1.16.92\n',
      [{ start: 0, end: 14, text: 'IMAGE: plugins' }],
    ],
    [
      'a change a later pass undoes: only the other change is left',
      [
        () => [
          { start: 0, end: 5, text: 'IMAGE' },
          { start: 24, end: 31, text: '2' },
        ],
        () => [{ start: 0, end: 5, text: 'image' }],
      ],
      'image: harness/ci-addon:2\n',
      [{ start: 24, end: 31, text: '2' }],
    ],
    [
      'an insertion at the end of a replacement in the same fix',
      [
        () => [
          { start: 7, end: 14, text: 'plugins' },
          { start: 14, end: 14, text: '-x' },
        ],
      ],
      'image: plugins-x/ci-addon:1.16.92\n',
      [{ start: 7, end: 14, text: 'plugins-x' }],
    ],
    [
      'a replacement of what an earlier pass inserted, and more',
      [() => [{ start: 7, end: 7, text: 'my-' }], () => [{ start: 7, end: 17, text: 'plugins' }]],
      'image: plugins/ci-addon:1.16.92\n',
      [{ start: 7, end: 14, text: 'plugins' }],
    ],
  ] as const)('net edits over passes: %s', (_, passes, fixed, edits) => {
    const b = fixInPasses(...passes)!;
    expect(b.fixed).toBe(fixed);
    expect(b.edits).toEqual(edits);
    expect(applyEdits(b.original, b.edits)).toBe(b.fixed);
  });

  test('a change a later pass undoes entirely leaves the file out of what was fixed', () => {
    expect(fixInPasses(() => [{ start: 0, end: 5, text: 'IMAGE' }], () => [{ start: 0, end: 5, text: 'image' }])).toBeUndefined();
  });

  /** Fixes the repo while `edit` changes a.yaml on disk right after check number `after` (0: the first). */
  const fixWhileEditing = (after: number, edit: (file: string) => void) => {
    const dir = repo();
    const file = path.join(dir, 'a.yaml');
    let calls = 0;
    const r = applyFixes({
      cwd: dir,
      paths: ['.'],
      check: (s) => {
        const res = lint(s);
        if (calls++ === after) edit(file);
        return res;
      },
    });
    return { r, text: fs.readFileSync(file, 'utf8') };
  };

  test('a file changed on disk after the check read it is fixed as it now is, not at the old offsets', () => {
    // Someone adds a comment line above the image while the first check's findings are in hand.
    const { r, text } = fixWhileEditing(0, (file) =>
      fs.writeFileSync(file, '# reviewed by the platform team, keep this step\n' + fs.readFileSync(file, 'utf8')),
    );
    expect(r.skipped).toEqual([]);
    expect(text).toBe('# reviewed by the platform team, keep this step\nimage: harness/drone-git:1.6.9\n');
  });

  test('a file changed on disk after it was read for fixing is left as it now is, and named', () => {
    const { r, text } = fixWhileEditing(2, (file) => fs.appendFileSync(file, '# edited meanwhile\n'));
    expect(r.skipped).toEqual([{ file: 'a.yaml', reason: 'it changed on disk while fixing' }]);
    expect(text).toBe('image: app.harness.io/registry/harness/drone-git:1.6.9\n# edited meanwhile\n');
    // What is left is what is on disk: the finding is still there.
    expect(r.result.findings.filter((f) => f.file === 'a.yaml' && f.ruleId === 'no-app-harness-registry')).toHaveLength(1);
  });

  test('a read-only file is not written, is named, and keeps its findings in what is left', () => {
    const dir = repo();
    const file = path.join(dir, 'a.yaml');
    fs.chmodSync(file, 0o444);
    const r = applyFixes({ cwd: dir, paths: ['.'] });
    expect(r.files).toEqual([]);
    expect(r.skipped).toEqual([{ file: 'a.yaml', reason: 'it is read-only' }]);
    expect(fs.readFileSync(file, 'utf8')).toBe('image: app.harness.io/registry/harness/drone-git:1.6.9\n');
    expect(r.result.findings.filter((f) => f.file === 'a.yaml' && f.ruleId === 'no-app-harness-registry')).toHaveLength(1);
    // A dry run says the same, rather than a diff a run would not write.
    const dry = applyFixes({ cwd: dir, paths: ['.'], dryRun: true });
    expect({ files: dry.files, skipped: dry.skipped }).toEqual({ files: [], skipped: r.skipped });
    expect(dry.result.findings).toEqual(r.result.findings);
  });

  test('two hard-linked names both scanned are one file: fixed once, nothing skipped', () => {
    const dir = repo();
    fs.linkSync(path.join(dir, 'a.yaml'), path.join(dir, 'a2.yaml'));
    const r = applyFixes({ cwd: dir, paths: ['.'] });
    expect(r.skipped).toEqual([]);
    expect(r.files.map((f) => f.file)).toEqual(['a.yaml']);
    for (const name of ['a.yaml', 'a2.yaml']) expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe('image: harness/drone-git:1.6.9\n');
  });

  test('a file with another hard link is rewritten in place: both names still show the same, fixed file', () => {
    const dir = repo();
    fs.mkdirSync(path.join(dir, 'elsewhere'));
    const other = path.join(dir, 'elsewhere', 'copy.txt');
    fs.linkSync(path.join(dir, 'a.yaml'), other);
    applyFixes({ cwd: dir, paths: ['a.yaml'] });
    expect(fs.statSync(path.join(dir, 'a.yaml')).ino).toBe(fs.statSync(other).ino);
    expect(fs.readFileSync(other, 'utf8')).toBe('image: harness/drone-git:1.6.9\n');
  });

  (process.getuid?.() === 0 ? test : test.skip)("a setgid folder does not change a fixed file's group", () => {
    const dir = repo();
    fs.chownSync(dir, 0, 100);
    fs.chmodSync(dir, 0o2775);
    fs.chownSync(path.join(dir, 'a.yaml'), 0, 0);
    applyFixes({ cwd: dir, paths: ['.'] });
    const st = fs.statSync(path.join(dir, 'a.yaml'));
    expect([st.uid, st.gid]).toEqual([0, 0]);
    expect(fs.readFileSync(path.join(dir, 'a.yaml'), 'utf8')).toBe('image: harness/drone-git:1.6.9\n');
  });

  // Owners can only be given away by root (CI runs the tests as root; elsewhere this one is skipped).
  (process.getuid?.() === 0 ? test : test.skip)("a fixed file keeps its owner and group when root fixes another user's file", () => {
    const dir = repo();
    const file = path.join(dir, 'a.yaml');
    fs.chownSync(file, 65534, 65534);
    fs.chmodSync(file, 0o640);
    applyFixes({ cwd: dir, paths: ['.'] });
    const st = fs.statSync(file);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([65534, 65534, 0o640]);
    expect(fs.readFileSync(file, 'utf8')).toBe('image: harness/drone-git:1.6.9\n');
  });
});
