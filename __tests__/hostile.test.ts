import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { lint } from '../src/core/lint.js';

// Bad input gets a clear finding, never a crash, a hang, or a stop to the rest of the scan.
const BAD_IMAGE_PIPELINE = `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: app.harness.io/registry/harness/ci-addon:1 } }
`;

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
  test('malformed YAML is a yaml-syntax error at the parser position', () => {
    write('bad.yaml', 'pipeline:\n  name: [unclosed\n  identifier: x\n');
    const f = run();
    expect(f[0]).toMatchObject({ ruleId: 'yaml-syntax', severity: 'error', file: 'bad.yaml' });
    expect(f[0]!.line).toBeGreaterThanOrEqual(2);
  });

  test('an alias bomb is one error and is not expanded', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill('*' + 'abcdefghij'[i - 1]).join(',')}]`);
    write('bomb.yaml', levels.join('\n') + '\n');
    const f = run();
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ ruleId: 'yaml-syntax', file: 'bomb.yaml', line: 1 });
    expect(f[0]!.message).toMatch(/alias/i);
  });

  test('3,000-deep nesting gives a finding, no stack overflow', () => {
    write('deep.yaml', 'pipeline: ' + '['.repeat(3000) + ']'.repeat(3000) + '\n');
    let block = '';
    for (let i = 0; i < 3000; i++) block += '  '.repeat(i) + 'k:\n';
    write('deep-block.yaml', block + '  '.repeat(3000) + 'image: app.harness.io/registry/x/y:1\n');
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.message])).toEqual([
      ['deep-block.yaml', 'yaml-syntax', 'YAML nests too deeply to parse; the file is not checked.'],
      ['deep.yaml', 'yaml-syntax', 'YAML nests too deeply to parse; the file is not checked.'],
    ]);
    expect(f.every((x) => x.line >= 1 && x.column >= 1)).toBe(true);
  });

  test('empty files are fine; binary, NUL and non-UTF-8 files get one finding each', () => {
    write('empty.yaml', '');
    write('binary.yaml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    write('latin1.yaml', Buffer.from('name: caf\xe9\n', 'latin1'));
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity])).toEqual([
      ['binary.yaml', 'yaml-syntax', 'notice'],
      ['latin1.yaml', 'yaml-syntax', 'error'],
    ]);
    expect(f[0]!.message).toMatch(/binary/);
    expect(f[1]!.message).toMatch(/UTF-8/);
  });

  test('a symlink to /etc/passwd is not followed and its contents never appear', () => {
    fs.symlinkSync('/etc/passwd', path.join(dir, 'passwd.yaml'));
    const result = lint({ cwd: dir, paths: ['.'] });
    const f = result.findings.filter((x) => x.file === 'passwd.yaml');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toMatch(/leaves the scanned root/);
    expect(JSON.stringify(result)).not.toContain('root:x:0');
  });

  test('a directory symlink loop terminates, and an inside symlink is read once', () => {
    write('sub/inner.yaml', BAD_IMAGE_PIPELINE);
    fs.symlinkSync('..', path.join(dir, 'sub', 'loop'));
    fs.symlinkSync('sub', path.join(dir, 'alias-dir'));
    const f = run();
    expect(f.filter((x) => x.ruleId === 'no-app-harness-registry').map((x) => x.file)).toEqual(['sub/inner.yaml']);
  });

  test('duplicate keys are a yaml-syntax error', () => {
    write('dup.yaml', 'connector:\n  identifier: a\n  identifier: b\n  type: DockerRegistry\n');
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'yaml-syntax', file: 'dup.yaml', line: 3, column: 3 })]);
  });

  test('unknown entity kinds and v1 YAML get a notice and are not checked', () => {
    write('unknown.yaml', 'featureFlag:\n  identifier: ff\n  name: ff\n');
    write('v1.yaml', 'version: 1\nkind: pipeline\nspec:\n  stages: []\n');
    write('k8s.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const f = run();
    expect(f.map((x) => [x.file, x.ruleId, x.severity, x.line])).toEqual([
      ['unknown.yaml', 'schema', 'notice', 1],
      ['v1.yaml', 'schema', 'notice', 1],
    ]);
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
    write('c.yaml', 'connector:\n  identifier: c\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.hub.docker.com\n    executeOnDelegate: "no"\n');
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'schema', severity: 'error', file: 'c.yaml', line: 6, column: 24 })]);
    expect(f[0]!.message).toContain('spec.executeOnDelegate');
  });

  test('a missing required field is reported at the key of the map that lacks it', () => {
    write('c.yaml', 'connector:\n  identifier: c\n  type: DockerRegistry\n  spec:\n    providerType: DockerHub\n');
    const f = run();
    expect(f).toEqual([expect.objectContaining({ ruleId: 'schema', file: 'c.yaml', line: 4, column: 3 })]);
    expect(f[0]!.message).toContain("dockerRegistryUrl");
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

  test('paths are relative to the current directory', () => {
    write('nested/deeper/p.yaml', BAD_IMAGE_PIPELINE);
    const f = lint({ cwd: dir, paths: ['nested'] }).findings;
    expect(f.map((x) => x.file)).toEqual(['nested/deeper/p.yaml']);
  });
});
