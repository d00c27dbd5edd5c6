import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { shellQuote } from '../../src/cli/args.js';
import { BIN, ROOT, tmpDir } from './helpers.js';

// The built bundle (dist/cli/index.js) as a process: what a shell sees.
const pkg = JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string };
const bash = (script: string, env: Record<string, string> = {}) =>
  spawnSync('bash', ['-c', `set -o pipefail; ${script}`], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? tmpDir(), BIN, ...env },
  });

describe('the built CLI in a shell', () => {
  test('--version', () => {
    expect(bash('node "$BIN" --version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test.each([
    ['check examples | head -1', 1],
    ['check examples --format json | head -1', 1],
    ['check __tests__/fixtures/require-account-image-connector/valid | head -1', 0],
    ['rules | head -1', 0],
    ['--help | head -1', 0],
    ['explain no-app-harness-registry | head -1', 0],
  ])('`%s` ends quietly with the exit code of the command', (command, status) => {
    const r = bash(`node "$BIN" ${command}`);
    expect({ status: r.status, stderr: r.stderr, lines: r.stdout.split('\n').length }).toEqual({ status, stderr: '', lines: 2 });
  });

  test('a reader that has already closed the pipe (EPIPE on the first write): no stack trace, the command exit code', () => {
    // The reader closes its standard input at once, long before node has started and writes.
    const r = bash('node "$BIN" check examples --format sarif | { exec 0<&-; sleep 1; }');
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 1, stdout: '', stderr: '' });
    const clean = bash('node "$BIN" check __tests__/fixtures/require-account-image-connector/valid | { exec 0<&-; sleep 1; }');
    expect({ status: clean.status, stderr: clean.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('a standard output that cannot be written (a full disk): one line and exit 2, not a stack trace and not 1', () => {
    for (const command of ['check examples --fail-on never', 'rules']) {
      const r = bash(`node "$BIN" ${command} > /dev/full`);
      expect({ status: r.status, stderr: r.stderr }).toEqual({
        status: 2,
        stderr: 'harness-registry-guard: cannot write standard output (ENOSPC)\n',
      });
    }
  });

  test('an output under a folder that cannot be made (in /proc): one line and exit 2, not a hang', () => {
    for (const flag of ['--output', '--write-baseline']) {
      const r = bash(`timeout 20 node "$BIN" check examples ${flag} /proc/hrg-none/out.json`);
      expect({ status: r.status, stderr: r.stderr.trim().split('\n') }).toEqual({
        status: 2,
        stderr: [expect.stringMatching(/\/proc\/hrg-none.*ENOENT/)],
      });
    }
  });

  test('colour and code frames follow FORCE_COLOR and NO_COLOR from the environment', () => {
    const plain = bash('node "$BIN" check examples');
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    expect(bash('node "$BIN" check examples', { NO_COLOR: '1' }).stdout).toBe(plain.stdout);
    const forced = bash('node "$BIN" check examples', { FORCE_COLOR: '1' });
    expect(forced.stdout).toMatch(/\x1b\[31m\^+\x1b\[39m/);
    expect(forced.status).toBe(1);
    expect(bash('node "$BIN" check examples', { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toBe(forced.stdout);
    expect(bash('node "$BIN" check examples', { FORCE_COLOR: '0' }).stdout).toBe(plain.stdout);
  });
});

describe('shellQuote', () => {
  test.each(['plain.yaml', 'with space.yaml', "it's.yaml", 'a\n::error title=x::y\n.yaml', 'tab\there', "back\\slash'q\r\u2028"])(
    '%j: one line, and bash reads it back as the same argument',
    (arg) => {
      const quoted = shellQuote(arg);
      expect(quoted).not.toMatch(/[\n\r\u2028]/);
      expect(spawnSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' }).stdout).toBe(arg);
    },
  );
});
