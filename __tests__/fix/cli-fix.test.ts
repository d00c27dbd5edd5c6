import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { runCli } from '../../src/cli/main.js';
import { tempRepo } from './helpers.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

async function cli(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, cwd, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

const CONNECTOR = 'connector:\n  name: h\n  identifier: harnessImage\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://app.harness.io/registry\n    providerType: Other\n    auth:\n      type: Anonymous\n';
/** An execution-config payload whose mirror renamed the add-on image: an error whose fix needs the mirror, so a suggestion. */
const RENAMED = '- field: addonTag\n  value: registry.example.com/mirror/ci-addon:1.16.92\n';

function repo(): string {
  const dir = tempRepo({ 'connector.yaml': CONNECTOR, 'payload.yaml': RENAMED });
  temps.push(dir);
  return dir;
}

describe('harness-registry-guard fix', () => {
  test('--dry-run prints a unified diff, lists the suggestion, writes nothing and exits 1 for the finding left', async () => {
    const dir = repo();
    const { code, out, err } = await cli(['fix', '--dry-run'], dir);
    expect(out).toBe(
      [
        '--- a/connector.yaml',
        '+++ b/connector.yaml',
        '@@ -3,7 +3,7 @@',
        '   identifier: harnessImage',
        '   type: DockerRegistry',
        '   spec:',
        '-    dockerRegistryUrl: https://app.harness.io/registry',
        '-    providerType: Other',
        '+    dockerRegistryUrl: https://registry.hub.docker.com',
        '+    providerType: DockerHub',
        '     auth:',
        '       type: Anonymous',
        '',
      ].join('\n'),
    );
    expect(err).toContain('would fix connector.yaml\n  line 6: Point connector `harnessImage` at `https://registry.hub.docker.com` (Provider Type Docker Hub). [no-app-harness-registry]');
    expect(err).toContain(
      'payload.yaml:2:10: Use `registry.example.com/mirror/harness/ci-addon:1.16.92`, after mirroring the image under that name (check the registry prefix first). [no-renamed-harness-image]',
    );
    expect(err).toContain('Would apply 1 fix in 1 file (1 pass); left: 1 error, 0 warnings, 0 notices.');
    expect(fs.readFileSync(path.join(dir, 'connector.yaml'), 'utf8')).toBe(CONNECTOR);
    expect(code).toBe(1);
  });

  test('fix writes, then a second fix has nothing to do; --fail-on never exits 0', async () => {
    const dir = repo();
    const first = await cli(['fix', '--fail-on', 'never'], dir);
    expect(first.code).toBe(0);
    expect(first.out).toContain('fixed connector.yaml\n');
    expect(fs.readFileSync(path.join(dir, 'connector.yaml'), 'utf8')).toContain('dockerRegistryUrl: https://registry.hub.docker.com\n    providerType: DockerHub\n');
    const second = await cli(['fix', '--format', 'json'], dir);
    const json = JSON.parse(second.out);
    expect(json).toMatchObject({ dryRun: false, passes: 0, converged: true, files: [], skipped: [], remaining: { errors: 1 } });
    expect(json.suggestions).toEqual([
      expect.objectContaining({
        ruleId: 'no-renamed-harness-image',
        file: 'payload.yaml',
        line: 2,
        edits: [{ start: RENAMED.indexOf('registry'), end: RENAMED.length - 1, text: 'registry.example.com/mirror/harness/ci-addon:1.16.92' }],
      }),
    ]);
  });

  test('--format json gives edits on the original text and the fixes applied', async () => {
    const dir = repo();
    const json = JSON.parse((await cli(['fix', '--dry-run', '--format', 'json', '--replacement-registry', 'https://public.ecr.aws/harness'], dir)).out);
    expect(json.files).toEqual([
      {
        file: 'connector.yaml',
        bom: false,
        // providerType is already Other: only the URL changes.
        edits: [{ start: CONNECTOR.indexOf('https://app'), end: CONNECTOR.indexOf('https://app') + 31, text: 'https://public.ecr.aws/harness' }],
        fixes: [{ ruleId: 'no-app-harness-registry', line: 6, title: 'Point connector `harnessImage` at `https://public.ecr.aws/harness` (Provider Type Other).' }],
      },
    ]);
  });

  test('--dry-run of folders outside the current one: paths relative to the folder that holds them, named, so git apply takes the diff', async () => {
    const dir = tempRepo({ 'a/.harness/connector.yaml': CONNECTOR, 'b/sub/connector.yaml': CONNECTOR, 'cwd/.keep': '' });
    temps.push(dir);
    const { out, err } = await cli(['fix', '--dry-run', '../a', '../b/sub'], path.join(dir, 'cwd'));
    expect(out.match(/^\+\+\+ .*$/gm)).toEqual(['+++ b/a/.harness/connector.yaml', '+++ b/b/sub/connector.yaml']);
    expect(err).toContain(`The diff's paths are relative to ${dir}: apply it there (git -C ${JSON.stringify(dir)} apply).`);
    fs.writeFileSync(path.join(dir, 'fix.diff'), out);
    execFileSync('git', ['apply', 'fix.diff'], { cwd: dir });
    expect(fs.readFileSync(path.join(dir, 'b/sub/connector.yaml'), 'utf8')).toContain('dockerRegistryUrl: https://registry.hub.docker.com\n');
    // Under the current folder, the paths stay as check shows them, with nothing more said.
    fs.writeFileSync(path.join(dir, 'b/sub/connector.yaml'), CONNECTOR);
    const inside = await cli(['fix', '--dry-run', 'sub'], path.join(dir, 'b'));
    expect(inside.out).toContain('+++ b/sub/connector.yaml\n');
    expect(inside.err).not.toContain('relative to');
  });

  test('--dry-run of a file with a BOM whose first line changes: git apply takes the diff, and gives what fix writes', async () => {
    const oneLine = 'connector: {name: x, identifier: x, type: DockerRegistry, spec: {dockerRegistryUrl: "https://app.harness.io/registry", providerType: Other}}\n';
    const dir = tempRepo({ 'c.yaml': `\uFEFF${oneLine}` });
    temps.push(dir);
    fs.writeFileSync(path.join(dir, 'fix.diff'), (await cli(['fix', '--dry-run'], dir)).out);
    execFileSync('git', ['apply', 'fix.diff'], { cwd: dir });
    const applied = fs.readFileSync(path.join(dir, 'c.yaml'));
    fs.writeFileSync(path.join(dir, 'c.yaml'), `\uFEFF${oneLine}`);
    await cli(['fix'], dir);
    expect(applied.equals(fs.readFileSync(path.join(dir, 'c.yaml')))).toBe(true);
    expect(applied.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  test('file names with control characters: fix shows them replaced, --dry-run quotes them as git does, and git apply takes the diff', async () => {
    const NL = '.harness/nl\n::add-mask::ghs_x\n::error::INJECTED-NL.yaml';
    const ANSI = '.harness/ansi\u001b[31mRED\u001b]0;title\u0007.yaml';
    const files = { [NL]: CONNECTOR, [ANSI]: CONNECTOR };
    const dry = tempRepo(files);
    const written = tempRepo(files);
    temps.push(dry, written);
    const shown = (name: string) => name.replace(/[\n\u001b\u0007]/g, '\uFFFD');
    const { out, err } = await cli(['fix', '--dry-run'], dry);
    expect(out.match(/^(---|\+\+\+) .*$/gm)).toEqual([
      '--- "a/.harness/ansi\\033[31mRED\\033]0;title\\a.yaml"',
      '+++ "b/.harness/ansi\\033[31mRED\\033]0;title\\a.yaml"',
      '--- "a/.harness/nl\\n::add-mask::ghs_x\\n::error::INJECTED-NL.yaml"',
      '+++ "b/.harness/nl\\n::add-mask::ghs_x\\n::error::INJECTED-NL.yaml"',
    ]);
    expect(err).toContain(`would fix ${shown(ANSI)}\n`);
    expect(err).toContain(`would fix ${shown(NL)}\n`);
    const fixed = await cli(['fix'], written);
    expect(fixed.out).toContain(`fixed ${shown(ANSI)}\n`);
    expect(fixed.out).toContain(`fixed ${shown(NL)}\n`);
    // Nothing a CI log takes as a workflow command, no escape sequence.
    for (const text of [err, fixed.out]) expect(text).not.toMatch(/^::|[\u0000-\u0009\u000b-\u001f]/m);
    fs.writeFileSync(path.join(dry, 'fix.diff'), out);
    execFileSync('git', ['apply', 'fix.diff'], { cwd: dry });
    for (const name of [NL, ANSI]) expect(fs.readFileSync(path.join(dry, name), 'utf8')).toBe(fs.readFileSync(path.join(written, name), 'utf8'));
  });

  test('a file name with C1 controls: --dry-run quotes it as git diff does (the octal of its UTF-8 bytes), and git apply takes the diff', async () => {
    const C1 = '.harness/c1\u0085::error::x\u009b31m.yaml';
    const dry = tempRepo({ [C1]: CONNECTOR });
    const written = tempRepo({ [C1]: CONNECTOR });
    temps.push(dry, written);
    const { out, err } = await cli(['fix', '--dry-run'], dry);
    expect(out.match(/^(---|\+\+\+) .*$/gm)).toEqual([
      '--- "a/.harness/c1\\302\\205::error::x\\302\\23331m.yaml"',
      '+++ "b/.harness/c1\\302\\205::error::x\\302\\23331m.yaml"',
    ]);
    expect(err).toContain('would fix .harness/c1\uFFFD::error::x\uFFFD31m.yaml\n');
    await cli(['fix'], written);
    fs.writeFileSync(path.join(dry, 'fix.diff'), out);
    execFileSync('git', ['apply', 'fix.diff'], { cwd: dry });
    expect(fs.readFileSync(path.join(dry, C1), 'utf8')).toBe(fs.readFileSync(path.join(written, C1), 'utf8'));
  });

  test('--baseline FILE: the findings the baseline accepts are left as they are; without it they are fixed', async () => {
    const dir = tempRepo({ 'connector.yaml': CONNECTOR });
    temps.push(dir);
    expect((await cli(['check', '.', '--write-baseline', 'baseline.json'], dir)).code).toBe(0);
    const kept = await cli(['fix', '--baseline', 'baseline.json'], dir);
    expect(kept.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'connector.yaml'), 'utf8')).toBe(CONNECTOR);
    expect((await cli(['fix'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'connector.yaml'), 'utf8')).not.toBe(CONNECTOR);
    expect((await cli(['fix', '--baseline', ''], dir)).code).toBe(2);
  });

  test('usage errors exit 2', async () => {
    expect((await cli(['fix', '--format', 'sarif'], repo())).code).toBe(2);
    expect((await cli(['fix', 'no/such/path'], repo())).code).toBe(2);
  });
});
