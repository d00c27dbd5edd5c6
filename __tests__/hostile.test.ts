import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { runCli } from '../src/cli/main.js';
import { lint } from './helpers/lint.js';
import { BAD_IMAGE_PIPELINE } from './helpers/fixtures.js';

// Bad input gets a clear finding, never a crash, a hang, or a stop to the rest of the scan.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-hostile-'));
  fs.writeFileSync(path.join(dir, 'good.yaml'), BAD_IMAGE_PIPELINE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, data: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), data);
};

/** Lints the temp repo and checks the good file was still checked. */
function run(opts: Partial<Parameters<typeof lint>[0]> = {}) {
  const result = lint({ cwd: dir, paths: ['.'], ...opts });
  expect(result.internalErrors).toEqual([]);
  expect(result.findings.some((f) => f.file === 'good.yaml' && f.ruleId === 'no-app-harness-registry')).toBe(true);
  return result.findings.filter((f) => f.file !== 'good.yaml');
}

describe('hostile input', () => {
  test("a file with an unresolved merge conflict is one yaml-syntax error at its first marker, not the parser's cascade", () => {
    write(
      'conflict.yaml',
      'pipeline:\n  name: p\n  identifier: p\n<<<<<<< HEAD\n  tags: {}\n=======\n  tags: {a: b}\n>>>>>>> feature\n  stages: []\n',
    );
    const f = lint({ cwd: dir, paths: ['conflict.yaml'] }).findings;
    expect(f.map((x) => [x.ruleId, x.line, x.column, x.message])).toEqual([
      [
        'yaml-syntax',
        4,
        1,
        "The file holds an unresolved merge conflict (Git's `<<<<<<<`, `=======` and `>>>>>>>` lines); resolve it to have the file checked.",
      ],
    ]);
  });

  test('documents that are each an alias to no anchor are each reported at their alias, not all at the top of the file', () => {
    write('a.yaml', 'pipeline: {name: p, identifier: p}\n--- *zz\n--- *yy\n');
    expect(run().map((f) => [f.file, f.line, f.column, f.severity, f.message])).toEqual([
      ['a.yaml', 2, 5, 'error', 'Document not checked: Unresolved alias (the anchor must be set before the alias): zz.'],
      ['a.yaml', 3, 5, 'error', 'Document not checked: Unresolved alias (the anchor must be set before the alias): yy.'],
    ]);
  });

  test('keys and names that are Object.prototype members (toString, constructor) are plain data, not a crash', () => {
    write('map.yaml', 'toString: app.harness.io/registry/harness/ci-addon:1\nconstructor: x\n');
    write(
      'list.yaml',
      '- field: toString\n  value: app.harness.io/registry/harness/ci-addon:1\n- field: addonTag\n  value: harness/ci-addon:1\n',
    );
    write(
      'pipeline.yaml',
      'pipeline:\n  name: p\n  identifier: p\n  variables:\n    - name: toString\n      value: x\n  stages:\n    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n          platform: { os: Linux, arch: Amd64 }\n          runtime: { type: Cloud, spec: {} }\n          execution:\n            steps:\n              - step: { type: Run, name: r, identifier: r, spec: { connectorRef: <+pipeline.variables.constructor>, image: node:20 } }\n',
    );
    const r = lint({ cwd: dir, paths: ['.'] });
    expect(r.internalErrors).toEqual([]);
    expect(r.findings.filter((f) => f.file === 'map.yaml').map((f) => f.ruleId)).toEqual(['no-app-harness-registry']);
    // `<+pipeline.variables.constructor>` names no variable: an expression the repo cannot settle.
    expect(r.findings.some((f) => f.file === 'pipeline.yaml' && f.ruleId === 'unresolved-reference' && /expression/.test(f.message))).toBe(
      true,
    );
  });

  test('malformed YAML is a yaml-syntax error at the parser position', () => {
    write('bad.yaml', 'pipeline:\n  name: [unclosed\n  identifier: x\n');
    const f = run();
    expect(f[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error', file: 'bad.yaml' });
    expect(f[0]!.line).toBeGreaterThanOrEqual(2);
  });

  test('an alias bomb is one error and is not expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9)
          .fill('*' + 'abcdefghij'[i - 1])
          .join(',')}]`,
      );
    write('bomb.yaml', levels.join('\n') + '\n');
    const f = run();
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'yaml-syntax', file: 'bomb.yaml', line: 1 });
    expect(f[0]!.message).toMatch(/alias/i);
  });

  test('a script that names the retired registry 150,000 times: every mention is a finding, no stack overflow', () => {
    // Each mention is a finding on the same scalar: work per mention that is linear in the
    // script's length (its value hashed, its loc made again) made this hang for minutes.
    const pulls = Array.from({ length: 150_000 }, (_, i) => `        docker pull app.harness.io/registry/h/x${i}:1\n`).join('');
    write(
      'script.yaml',
      `pipeline:\n  identifier: s\n  name: s\n  variables:\n    - name: script\n      type: String\n      value: |\n${pulls}`,
    );
    const f = run({ maxFileSize: 20 * 1024 * 1024 }).filter((x) => x.file === 'script.yaml');
    expect(f).toHaveLength(150_000);
    expect(f[149_999]).toMatchObject({ ruleId: 'no-app-harness-registry', line: 150_007, column: 21, endColumn: 56 });
  });

  test('3,000-deep nesting gives one finding, at the first level past the cap, no stack overflow', () => {
    write('deep.yaml', 'pipeline: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n');
    let block = '';
    for (let i = 0; i < 3000; i++) block += '  '.repeat(i) + 'k:\n';
    write('deep-block.yaml', block + '  '.repeat(3000) + 'image: app.harness.io/registry/x/y:1\n');
    const f = run();
    const message = 'YAML nests more than 200 levels deep; the file is not checked.';
    expect(f.map((x) => [x.file, x.ruleId, x.line, x.column, x.message])).toEqual([
      ['deep-block.yaml', 'yaml-syntax', 201, 401, message],
      ['deep.yaml', 'yaml-syntax', 1, 11 + 199, message],
    ]);
  });

  test('the nesting cap is the same whatever the stack (a worker has 4 MB, the main thread under 1 MB)', () => {
    // 200 maps deep parses; 201 is too deep at the 201st map's key (line 201, column 201), at any depth past it.
    const script = `
      import { parseSource } from './src/parse/source.ts';
      const maps = (n) => { let s = ''; for (let i = 0; i < n - 1; i++) s += ' '.repeat(i) + 'k:\\n'; return s + ' '.repeat(n - 1) + 'k: v\\n'; };
      const flow = (n) => 'k: ' + '[a: '.repeat(n - 1) + 'x' + ']'.repeat(n - 1) + '\\n';
      const out = [];
      for (const n of [200, 201, 900, 3000]) for (const text of [maps(n), flow(n)]) out.push(parseSource('x', text).problems);
      console.log(JSON.stringify(out));`;
    const runWith = (args: string[]) => {
      const res = spawnSync(
        process.execPath,
        [...args, '--import', './__tests__/fuzz/ts-register.mjs', '--input-type=module', '-e', script],
        {
          encoding: 'utf8',
        },
      );
      expect(res.stderr).toBe('');
      return JSON.parse(res.stdout) as Array<Array<{ kind: string; start: number }>>;
    };
    const small = runWith(['--stack-size=300']);
    expect(runWith([])).toEqual(small);
    expect(small.map((p) => p.map((x) => x.kind))).toEqual([[], [], ...Array(6).fill(['too-deep'])]);
    // The 201st map's key: after 200 lines of `k:` indented 0 to 199, indented 200. The 200th `[` (201 deep with the top map).
    const mapAt = 200 * 3 + (199 * 200) / 2 + 200;
    const flowAt = 3 + 4 * 199;
    expect(small.slice(2).map((p) => p[0]!.start)).toEqual([mapAt, flowAt, mapAt, flowAt, mapAt, flowAt]);
  });

  test('empty files are fine; binary, NUL and non-UTF-8 files get one finding each', () => {
    write('empty.yaml', '');
    write('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write('latin1.yaml', Buffer.from('name: caf\xe9\n', 'latin1'));
    write('latin1-connector.yaml', Buffer.from('connector:\n  name: caf\xe9\n  identifier: c\n', 'latin1'));
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity])).toEqual([
      ['binary.yaml', 'yaml-syntax', 'notice'],
      ['latin1-connector.yaml', 'yaml-syntax', 'error'],
      ['latin1.yaml', 'yaml-syntax', 'notice'],
    ]);
    expect(f[0]!.message).toMatch(/binary/);
    expect(f[1]!.message).toMatch(/UTF-8/);
  });

  test('a UTF-16 or UTF-32 file is named as such: an error when it holds Harness YAML (it goes unchecked), else a notice', () => {
    const bom = (le: boolean, text: string) => {
      const body = Buffer.from(text, 'utf16le');
      if (!le) body.swap16();
      return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
    };
    write('pipeline-le.yaml', bom(true, 'pipeline:\n  identifier: p\n  stages: []\n'));
    write('connector-be.yaml', bom(false, 'connector:\n  identifier: c\n  type: DockerRegistry\n'));
    write('other.yaml', bom(true, 'name: café\n'));
    const utf32 = (le: boolean, text: string) => {
      const points = [0xfeff, ...[...text].map((c) => c.codePointAt(0)!)];
      const out = Buffer.alloc(4 * points.length);
      points.forEach((p, i) => (le ? out.writeUInt32LE(p, 4 * i) : out.writeUInt32BE(p, 4 * i)));
      return out;
    };
    write('pipeline-32.yaml', utf32(true, 'pipeline:\n  identifier: p\n  stages: []\n'));
    write('other-32.yaml', utf32(false, 'name: café 😀\n'));
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity, x.line, x.column])).toEqual([
      ['connector-be.yaml', 'yaml-syntax', 'error', 1, 1],
      ['other-32.yaml', 'yaml-syntax', 'notice', 1, 1],
      ['other.yaml', 'yaml-syntax', 'notice', 1, 1],
      ['pipeline-32.yaml', 'yaml-syntax', 'error', 1, 1],
      ['pipeline-le.yaml', 'yaml-syntax', 'error', 1, 1],
    ]);
    expect(f[3]!.message).toBe('File is UTF-32 encoded; only UTF-8 is read, so it is not checked: save it as UTF-8.');
    expect(f[0]!.message).toBe('File is UTF-16 encoded; only UTF-8 is read, so it is not checked: save it as UTF-8.');
    expect(f[2]!.message).toBe('File is UTF-16 encoded; only UTF-8 is read, so it is skipped.');
  });

  test('UTF-16 and UTF-32 without a byte-order mark are told by their NUL bytes (YAML 1.2, 5.2), not taken for binary', () => {
    const pipeline = 'pipeline:\n  identifier: p\n  stages: []\n';
    const utf16 = (le: boolean, text: string) => (le ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16());
    const utf32 = (le: boolean, text: string) => {
      const points = [...text].map((c) => c.codePointAt(0)!);
      const out = Buffer.alloc(4 * points.length);
      points.forEach((p, i) => (le ? out.writeUInt32LE(p, 4 * i) : out.writeUInt32BE(p, 4 * i)));
      return out;
    };
    write('p16le.yaml', utf16(true, pipeline));
    write('p16be.yaml', utf16(false, pipeline));
    write('p32le.yaml', utf32(true, pipeline));
    write('p32be.yaml', utf32(false, pipeline));
    write('other16.yaml', utf16(true, 'name: café 😀\n'));
    // NUL bytes that do not make UTF-16 or UTF-32 text: binary, as before.
    write('bin1.yaml', Buffer.from([0x41, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]));
    write('bin2.yaml', Buffer.from([0x41, 0x00, 0x00, 0xd8]));
    write('bin3.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]));
    const f = run();
    const wide = (bits: number, checked: boolean) =>
      `File is UTF-${bits} encoded; only UTF-8 is read, so it is ${checked ? 'not checked: save it as UTF-8' : 'skipped'}.`;
    const binary = 'File contains NUL bytes (binary); skipped.';
    expect(f.map((x) => [x.file, x.severity, x.message])).toEqual([
      ['bin1.yaml', 'notice', binary],
      ['bin2.yaml', 'notice', binary],
      ['bin3.yaml', 'notice', binary],
      ['other16.yaml', 'notice', wide(16, false)],
      ['p16be.yaml', 'error', wide(16, true)],
      ['p16le.yaml', 'error', wide(16, true)],
      ['p32be.yaml', 'error', wide(32, true)],
      ['p32le.yaml', 'error', wide(32, true)],
    ]);
  });

  test('a symlink to /etc/passwd is not followed and its contents never appear', () => {
    fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd.yaml'));
    const result = lint({ cwd: dir, paths: ['.'] });
    const f = result.findings.filter((x) => x.file === 'passwd.yaml');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/leaves the scanned root/);
    expect(JSON.stringify(result)).not.toContain('root:x:0');
    expect(result.findings.some((x) => x.file === 'good.yaml' && x.ruleId === 'no-app-harness-registry')).toBe(true);
  });

  test('a directory symlink loop terminates, and an inside symlink is read once', () => {
    write('sub/inner.yaml', BAD_IMAGE_PIPELINE);
    fs.symlinkSync('..', path.join(dir, 'sub', 'loop'));
    fs.symlinkSync('sub', path.join(dir, 'alias-dir'));
    const f = run();
    expect(f.filter((x) => x.ruleId === 'no-app-harness-registry').map((x) => x.file)).toEqual(['sub/inner.yaml']);
  });

  test('a symlink to a file checked under its own name, or through another link, is read once and named', () => {
    write('sub/inner.yaml', BAD_IMAGE_PIPELINE);
    fs.symlinkSync('sub/inner.yaml', path.join(dir, 'a-link.yaml'));
    fs.symlinkSync('../a-link.yaml', path.join(dir, 'sub', 'b-link.yaml'));
    fs.symlinkSync('../good.yaml', path.join(dir, 'sub', 'c-link.yaml'));
    const f = run();
    expect(f.filter((x) => x.ruleId === 'no-app-harness-registry').map((x) => x.file)).toEqual(['sub/inner.yaml']);
    expect(f.filter((x) => x.ruleId === 'yaml-syntax').map((x) => `${x.file}: ${x.message}`)).toEqual([
      'a-link.yaml: File is a symlink to sub/inner.yaml, which is checked under that name; skipped.',
      'sub/b-link.yaml: File is a symlink to sub/inner.yaml, which is checked under that name; skipped.',
      'sub/c-link.yaml: File is a symlink to good.yaml, which is checked under that name; skipped.',
    ]);
  });

  test('two links to a file no directory walk reaches: the first is read, the second named', () => {
    write('elsewhere/target.yml', BAD_IMAGE_PIPELINE);
    fs.symlinkSync('elsewhere/target.yml', path.join(dir, 'one.yaml'));
    fs.symlinkSync('elsewhere/target.yml', path.join(dir, 'two.yaml'));
    const f = run({ include: ['*.yaml'] });
    expect(f.filter((x) => x.ruleId === 'no-app-harness-registry').map((x) => x.file)).toEqual(['one.yaml']);
    expect(f.filter((x) => x.ruleId === 'yaml-syntax').map((x) => x.message)).toEqual([
      'File is a symlink to one.yaml, which is checked under that name; skipped.',
    ]);
  });

  test('a Harness file with a map or list as a key is an error at that key; a template of one is skipped', () => {
    write('complex.yaml', 'pipeline:\n  name: p\n  identifier: p\n  ? [a, b]\n  : 1\n');
    write('template.yaml', 'pipeline:\n  name: p\n  identifier: {{ .Values.id }}\n');
    const f = run();
    expect(f).toEqual([
      expect.objectContaining({
        ruleId: 'yaml-syntax',
        severity: 'error',
        file: 'complex.yaml',
        line: 4,
        column: 5,
        endColumn: 11,
        message: 'A map key is itself a map or a list, which Harness YAML cannot have; the file is not checked.',
      }),
    ]);
  });

  test('duplicate keys are a yaml-syntax error', () => {
    write('dup.yaml', 'connector:\n  identifier: a\n  identifier: b\n  type: DockerRegistry\n');
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', file: 'dup.yaml', line: 3, column: 3 })]);
  });

  test('unknown entity kinds and v1 YAML get a notice, and only their images are checked', () => {
    write('unknown.yaml', 'featureFlag:\n  identifier: ff\n  name: ff\n  image: app.harness.io/registry/harness/ci-addon:1\n');
    write('v1.yaml', 'version: 1\nkind: pipeline\nspec:\n  stages: []\n');
    write('k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity, x.line])).toEqual([
      ['unknown.yaml', 'schema', 'notice', 1],
      ['unknown.yaml', 'no-app-harness-registry', 'error', 4],
      ['v1.yaml', 'schema', 'notice', 1],
    ]);
    expect(f[0]!.message).toBe('Unknown Harness entity kind `featureFlag`: only its image references are checked (policies 1 and 4).');
  });

  test('files over the size cap are skipped with a notice', () => {
    write('big.yaml', 'note: ' + 'x'.repeat(2000) + '\n');
    const f = run({ maxFileSize: 1000 });
    expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', severity: 'notice', file: 'big.yaml' })]);
    expect(f[0]!.message).toMatch(/over the 1000-byte size cap/);
  });

  test('a FIFO is skipped without being opened', () => {
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', severity: 'notice', file: 'pipe.yaml' })]);
  });

  test('a wrong type where a policy reads is a schema error at that node', () => {
    write(
      'c.yaml',
      'connector:\n  identifier: c\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.hub.docker.com\n    executeOnDelegate: "no"\n',
    );
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'schema', severity: 'error', file: 'c.yaml', line: 6, column: 24 })]);
    expect(f[0]!.message).toContain('spec.executeOnDelegate');
  });

  test('a missing required field is reported at the key of the map that lacks it', () => {
    write('c.yaml', 'connector:\n  identifier: c\n  type: DockerRegistry\n  spec:\n    providerType: DockerHub\n');
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'schema', file: 'c.yaml', line: 4, column: 3 })]);
    expect(f[0]!.message).toContain('dockerRegistryUrl');
  });
});

describe('hostile files never stop the rest of the scan', () => {
  const image = 'app.harness.io/registry/harness/ci-addon:1';
  const oneLinePipeline = `pipeline: {name: p, identifier: p, stages: [{stage: {name: s, identifier: s, type: CI, spec: {execution: {steps: [{step: {type: Run, name: r, identifier: r, spec: {image: ${image}}}}]}}}}]}\n`;
  const oneLineConnector =
    'connector: {name: c, identifier: c, type: DockerRegistry, spec: {dockerRegistryUrl: "https://app.harness.io/registry", providerType: Other, auth: {type: Anonymous}, executeOnDelegate: false}}\n';
  const positions = (list: ReturnType<typeof run>, file: string) =>
    list.filter((x) => x.file === file).map((x) => [x.ruleId, x.line, x.column, x.endLine, x.endColumn]);

  test('a 50 MB file is skipped by the default 10 MB size cap with a notice, without being read', () => {
    const chunk = Buffer.from(
      BAD_IMAGE_PIPELINE.replace(/^pipeline:\n/, '')
        .replace(/^/gm, '  ')
        .repeat(2000),
    );
    const fd = fs.openSync(path.join(dir, 'huge.yaml'), 'w');
    fs.writeSync(fd, 'pipeline:\n');
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const started = performance.now();
    const f = run();
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', severity: 'notice', file: 'huge.yaml', line: 1, column: 1 })]);
    expect(f[0]!.message).toMatch(/^File is \d{8} bytes, over the 10485760-byte size cap; skipped\.$/);
  });

  test('a YAML file with a NUL byte in the middle is skipped as binary', () => {
    write('nul.yaml', Buffer.concat([Buffer.from('pipeline:\n  name: a'), Buffer.from([0]), Buffer.from(`b\n  image: ${image}\n`)]));
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', severity: 'notice', file: 'nul.yaml', line: 1, column: 1 })]);
    expect(f[0]!.message).toMatch(/NUL/);
  });

  test('a binary file without NUL bytes is an invalid UTF-8 finding: an error when it is meant as Harness YAML', () => {
    write('blob.yml', Buffer.from([0x1f, 0x8b, 0x08, 0x08, 0xc3, 0x28, 0xff, 0xfe, 0x80, 0x81, 0x0a, 0xf0, 0x28, 0x8c, 0x28]));
    write('truncated-utf8.yaml', Buffer.from(`pipeline:\n  name: ${image} \xf0\x9f`, 'latin1'));
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity, x.line, x.column])).toEqual([
      ['blob.yml', 'yaml-syntax', 'notice', 1, 1],
      ['truncated-utf8.yaml', 'yaml-syntax', 'error', 1, 1],
    ]);
    expect(f.every((x) => /UTF-8/.test(x.message))).toBe(true);
  });

  test('a BOM does not shift columns on line 1 (or after it)', () => {
    write('bom-pipeline.yaml', '\uFEFF' + oneLinePipeline);
    write('bom-connector.yaml', '\uFEFF' + oneLineConnector);
    write('bom-dup.yaml', '\uFEFFconnector: {identifier: a, identifier: b}\n');
    write('bom-multi.yaml', '\uFEFF' + BAD_IMAGE_PIPELINE);
    write('plain-multi.yaml', BAD_IMAGE_PIPELINE);
    const f = run();
    const col = oneLinePipeline.indexOf(image) + 1;
    expect(positions(f, 'bom-pipeline.yaml')).toEqual([['no-app-harness-registry', 1, col, 1, col + image.length]]);
    const url = oneLineConnector.indexOf('"https://app.harness.io/registry"') + 1;
    expect(positions(f, 'bom-connector.yaml')).toEqual([
      ['no-app-harness-registry', 1, url, 1, url + '"https://app.harness.io/registry"'.length],
    ]);
    expect(positions(f, 'bom-dup.yaml').map((x) => x.slice(0, 3))).toEqual([['yaml-syntax', 1, 'connector: {identifier: a, '.length + 1]]);
    expect(positions(f, 'bom-multi.yaml')).toEqual(positions(f, 'plain-multi.yaml'));
    expect(positions(f, 'bom-multi.yaml')).toHaveLength(1);
  });

  test('CRLF line ends give the same lines and columns as LF, never counting the CR', () => {
    const texts: Record<string, string> = {
      'pipeline.yaml': BAD_IMAGE_PIPELINE.replace('image: app.harness.io', 'image: "app.harness.io').replace(
        'ci-addon:1 }',
        'ci-addon:1" }',
      ),
      'broken.yaml': 'pipeline:\n  name: [unclosed\n  identifier: x\n',
      'dup.yaml': 'connector:\n  identifier: a\n  identifier: b\n',
      'block.yaml': `pipeline:\n  name: p\n  identifier: p\n  stages:\n    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n                  spec:\n                    image: >-\n                      ${image}\n`,
    };
    for (const [name, text] of Object.entries(texts)) {
      write(`lf/${name}`, text);
      write(`crlf/${name}`, text.replace(/\n/g, '\r\n'));
    }
    const f = run();
    for (const name of Object.keys(texts)) {
      expect(positions(f, `crlf/${name}`)).toEqual(positions(f, `lf/${name}`));
      expect(positions(f, `crlf/${name}`).length).toBeGreaterThan(0);
    }
    // The quoted scalar starts at its opening quote, where the image started before quoting.
    const quote = BAD_IMAGE_PIPELINE.split('\n')[11]!.indexOf(image) + 1;
    expect(positions(f, 'crlf/pipeline.yaml')).toEqual([['no-app-harness-registry', 12, quote, 12, quote + image.length + 2]]);
    expect(positions(f, 'crlf/dup.yaml').map((x) => x.slice(0, 3))).toEqual([['yaml-syntax', 3, 3]]);
  });

  test('a symlink loop between two files and a dangling symlink are skipped, each with a notice', () => {
    fs.symlinkSync('loop-b.yaml', path.join(dir, 'loop-a.yaml'));
    fs.symlinkSync('loop-a.yaml', path.join(dir, 'loop-b.yaml'));
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    fs.symlinkSync('missing.yaml', path.join(dir, 'dangling.yaml'));
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity])).toEqual(
      ['dangling.yaml', 'loop-a.yaml', 'loop-b.yaml', 'self.yaml'].map((file) => [file, 'yaml-syntax', 'notice']),
    );
    expect(f.every((x) => /symlink that leads nowhere/.test(x.message))).toBe(true);
  });

  test('a symlinked directory outside the root is not followed', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-outside-'));
    try {
      fs.writeFileSync(path.join(outside, 'secret.yaml'), BAD_IMAGE_PIPELINE);
      fs.symlinkSync(outside, path.join(dir, 'linked'));
      const f = run();
      expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', severity: 'notice', file: 'linked' })]);
      expect(f[0]!.message).toMatch(/leaves the scanned root/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  // Root reads any file whatever its mode, so as root the built CLI runs as nobody (uid 65534),
  // from a copy beside the scanned folder: the checkout itself may not be readable by nobody.
  test('an unreadable file and an unreadable directory are errors, and the CLI goes on', () => {
    const built = path.resolve('dist/cli');
    if (!fs.existsSync(path.join(built, 'index.js'))) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
    const cliDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-cli-copy-'));
    fs.cpSync(built, cliDir, { recursive: true });
    fs.chmodSync(cliDir, 0o755);
    const cli = path.join(cliDir, 'index.js');
    write('secret.yaml', BAD_IMAGE_PIPELINE);
    write('locked/inner.yaml', BAD_IMAGE_PIPELINE);
    write('z-good.yaml', BAD_IMAGE_PIPELINE);
    fs.chmodSync(dir, 0o755);
    for (const f of ['good.yaml', 'z-good.yaml']) fs.chmodSync(path.join(dir, f), 0o644);
    fs.chmodSync(path.join(dir, 'secret.yaml'), 0o000);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    const asRoot = process.getuid?.() === 0;
    const res = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(res.error).toBeUndefined();
    expect(res.stderr).toBe('');
    expect(res.status).toBe(1);
    const findings = (JSON.parse(res.stdout) as { findings: Array<Record<string, unknown>> }).findings;
    const about = (file: string) => findings.filter((x) => x.file === file).map((x) => [x.ruleId, x.severity, x.message]);
    expect(about('secret.yaml')).toEqual([['yaml-syntax', 'error', 'File cannot be read (EACCES).']]);
    expect(about('locked')).toEqual([
      ['yaml-syntax', 'error', 'Path is a directory that cannot be read (EACCES); its files are not checked.'],
    ]);
    for (const good of ['good.yaml', 'z-good.yaml']) expect(about(good).map((x) => x[0])).toEqual(['no-app-harness-registry']);
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
  });
});

describe('discovery', () => {
  test('include and exclude globs; .git and node_modules are never read', () => {
    write('.git/x.yaml', BAD_IMAGE_PIPELINE);
    write('node_modules/pkg/x.yaml', BAD_IMAGE_PIPELINE);
    write('skip/me.yaml', BAD_IMAGE_PIPELINE);
    write('other.txt', BAD_IMAGE_PIPELINE);
    write('pipe.yml', BAD_IMAGE_PIPELINE);
    const all = lint({ cwd: dir, paths: ['.'], exclude: ['skip/**'] }).findings.map((f) => f.file);
    expect([...new Set(all)]).toEqual(['good.yaml', 'pipe.yml']);
    const only = lint({ cwd: dir, paths: ['.'], include: ['*.yml'] }).findings.map((f) => f.file);
    expect([...new Set(only)]).toEqual(['pipe.yml']);
  });

  test('a symlink into .git or node_modules (or to them) is not followed: .git/config and a pipeline there are never read', () => {
    write('.git/evil.yaml', BAD_IMAGE_PIPELINE);
    // .git/config may hold a token (an `extraheader`); it must not even be opened.
    write('.git/config', '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n');
    write('node_modules/pkg/x.yaml', BAD_IMAGE_PIPELINE);
    write('sub/node_modules/y.yaml', BAD_IMAGE_PIPELINE);
    fs.symlinkSync('.git', path.join(dir, 'e.yaml'));
    fs.symlinkSync('.git/config', path.join(dir, 'd.yaml'));
    fs.symlinkSync('../node_modules/pkg/x.yaml', path.join(dir, 'sub', 'n.yaml'));
    fs.symlinkSync('sub/node_modules', path.join(dir, 'deps'));
    fs.symlinkSync('.git', path.join(dir, 'gitdir'));
    const result = lint({ cwd: dir, paths: ['.'] });
    expect(result.internalErrors).toEqual([]);
    expect(result.filesScanned).toBe(1);
    expect(result.skippedNotHarness).toEqual([]);
    expect(result.findings.filter((f) => f.file !== 'good.yaml').map((f) => [f.file, f.severity, f.message])).toEqual(
      [
        ['d.yaml', '.git'],
        ['deps', 'node_modules'],
        ['e.yaml', '.git'],
        ['gitdir', '.git'],
        ['sub/n.yaml', 'node_modules'],
      ].map(([file, into]) => [file, 'notice', `File is a symlink into ${into}, which is never read; not followed; skipped.`]),
    );
  });

  test('a PATH that is a symlink into .git or node_modules is not followed either; .git written out is the user’s choice', () => {
    write('.git/sub/leak.yaml', BAD_IMAGE_PIPELINE);
    write('node_modules/pkg/x.yaml', BAD_IMAGE_PIPELINE);
    fs.symlinkSync('.git', path.join(dir, 'g'));
    fs.symlinkSync('.git/sub/leak.yaml', path.join(dir, 'e.yaml'));
    fs.symlinkSync('node_modules/pkg', path.join(dir, 'pkg'));
    const result = lint({ cwd: dir, paths: ['g', 'e.yaml', 'pkg'] });
    expect(result.filesScanned).toBe(0);
    expect(result.findings.map((f) => [f.file, f.message])).toEqual(
      [
        ['e.yaml', '.git'],
        ['g', '.git'],
        ['pkg', 'node_modules'],
      ].map(([file, into]) => [file, `File is a symlink into ${into}, which is never read; not followed; skipped.`]),
    );
    expect(lint({ cwd: dir, paths: ['.git/sub/leak.yaml'] }).filesScanned).toBe(1);
  });

  test('paths are relative to the current directory', () => {
    write('nested/deeper/p.yaml', BAD_IMAGE_PIPELINE);
    const f = lint({ cwd: dir, paths: ['nested'] }).findings;
    expect(f.map((x) => x.file)).toEqual(['nested/deeper/p.yaml']);
  });

  test.each([
    ['braces', ['{*.yaml,*.yml}'], ['.harness/d.yaml', 'a.yaml', 'b.yml', 'good.yaml', 'sub/c.yaml']],
    ['a class', ['[ab].y*ml'], ['a.yaml', 'b.yml']],
    ['** across folders, dot folders included', ['**/c.yaml', '.harness/**'], ['.harness/d.yaml', 'sub/c.yaml']],
    ['a negation', ['**/*.yaml', '!sub/**'], ['.harness/d.yaml', 'a.yaml', 'good.yaml']],
    ['only a negation: everything else', ['!**/*.yml'], ['.harness/d.yaml', 'a.yaml', 'good.yaml', 'sub/c.yaml']],
  ])('--include with %s', (_, include, files) => {
    for (const f of ['a.yaml', 'b.yml', 'sub/c.yaml', '.harness/d.yaml']) write(f, BAD_IMAGE_PIPELINE);
    const found = new Set(lint({ cwd: dir, paths: ['.'], include }).findings.map((f) => f.file));
    expect([...found].sort()).toEqual(files);
  });

  test('an include pattern that matches no file is a usage error naming it (exit 2)', async () => {
    expect(() => lint({ cwd: dir, paths: ['.'], include: ['**/*.yaml', '.harnes/**'] })).toThrow(
      '--include pattern ".harnes/**" matches no file under .',
    );
    let err = '';
    const code = await runCli(
      ['check', '.', '--include', 'pipelines/*.yml'],
      dir,
      () => undefined,
      (s) => (err += s),
    );
    expect(code).toBe(2);
    expect(err).toContain('"pipelines/*.yml" matches no file');
    fs.writeFileSync(path.join(dir, '.harness-registry-guard.yml'), 'include: ["nowhere/**"]\n');
    expect(() => lint({ cwd: dir, paths: ['.'] })).toThrow(
      'include in .harness-registry-guard.yml pattern "nowhere/**" matches no file under .',
    );
  });

  test("the default include patterns written out (as init's file offers them) are no typo in a repo without JSON", () => {
    fs.writeFileSync(path.join(dir, '.harness-registry-guard.yml'), 'include:\n  - "**/*.yaml"\n  - "**/*.yml"\n  - "**/*.json"\n');
    expect(lint({ cwd: dir, paths: ['.'] }).findings.map((f) => f.file)).toContain('good.yaml');
    expect(() => lint({ cwd: dir, paths: ['.'], include: ['**/*.json', 'nowhere/**'] })).toThrow(
      '--include patterns "**/*.json", "nowhere/**" match no file under .',
    );
    // A default pattern alone that selects nothing (`.yaml` meant, `.yml` written) is a typo still.
    fs.rmSync(path.join(dir, '.harness-registry-guard.yml'));
    expect(() => lint({ cwd: dir, paths: ['.'], include: ['**/*.yml'] })).toThrow('--include pattern "**/*.yml" matches no file under .');
    expect(() => lint({ cwd: dir, paths: ['.'], include: ['**/*.yaml', '**/*.json', 'nowhere/**'] })).toThrow(
      '--include pattern "nowhere/**" matches no file under .',
    );
  });

  test("a config's include pattern is judged only by a run whose PATHs hold the config's folder", () => {
    write('.harness/p.yaml', BAD_IMAGE_PIPELINE);
    write('delegate/values.yaml', 'image: nginx:1\n');
    fs.writeFileSync(path.join(dir, '.harness-registry-guard.yml'), 'include: [".harness/**/*.yaml", "delegate/*.yaml"]\n');
    const files = (paths: string[], cwd = dir) =>
      new Set(lint({ cwd, paths, configPath: path.join(dir, '.harness-registry-guard.yml') }).findings.map((f) => f.file));
    // `check .harness`, a file, and a run from below: each sees part of what the config selects.
    expect(files(['.harness'])).toEqual(new Set(['.harness/p.yaml']));
    expect(files(['.harness/p.yaml'])).toEqual(new Set(['.harness/p.yaml']));
    expect(() => files(['.'], path.join(dir, 'delegate'))).not.toThrow();
    // The whole repo: a pattern that matches nothing is still a typo.
    fs.rmSync(path.join(dir, 'delegate'), { recursive: true });
    expect(() => files(['.'])).toThrow('include in .harness-registry-guard.yml pattern "delegate/*.yaml" matches no file under .');
  });
});
