import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, jest, test } from '@jest/globals';
import { lintResult } from '../helpers/lint-result.js';
import type { LintResult, LintSettings } from '../../src/engine/lint.js';
import { UsageError } from '../../src/engine/errors.js';

// The core is replaced so a rule can "crash": an internal error must fail the step, never pass green.
const lintMock = jest.fn<(s: LintSettings) => LintResult>();
jest.unstable_mockModule('../../src/engine/lint.js', () => ({ lint: lintMock, lintSync: lintMock }));
const { run } = await import('../../src/action/main.js');

describe('run()', () => {
  let dir: string;
  let env: Record<string, string>;
  let stdout: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-main-'));
    fs.writeFileSync(path.join(dir, 'out'), '');
    fs.writeFileSync(path.join(dir, 'summary'), '');
    env = {
      GITHUB_WORKSPACE: dir,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_OUTPUT: path.join(dir, 'out'),
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
      'INPUT_FAIL-ON': 'never',
    };
    // @actions/core writes outputs and the summary to the files named in process.env.
    process.env.GITHUB_OUTPUT = env.GITHUB_OUTPUT;
    process.env.GITHUB_STEP_SUMMARY = env.GITHUB_STEP_SUMMARY;
    stdout = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (stdout.push(String(s)), true));
    lintMock.mockReset();
    process.exitCode = undefined;
  });
  const restore = () => {
    (process.stdout.write as unknown as { mockRestore(): void }).mockRestore();
    const code = process.exitCode;
    process.exitCode = undefined;
    delete process.env.GITHUB_OUTPUT;
    delete process.env.GITHUB_STEP_SUMMARY;
    return code;
  };

  test('an internal error fails the step with exit code 2 even with fail-on: never and no findings', async () => {
    lintMock.mockReturnValue(
      lintResult({ internalErrors: ['rule require-platform-connectivity failed: TypeError: x is undefined\n    at check'] }),
    );
    const code = await run(env);
    const exit = restore();
    expect(code).toBe(2);
    expect(exit).toBe(2);
    expect(stdout.join('')).toContain(
      '::error::harness-registry-guard: internal error: rule require-platform-connectivity failed: TypeError: x is undefined',
    );
    expect(fs.readFileSync(path.join(dir, 'out'), 'utf8')).toMatch(/exit-code<<ghadelimiter_\S+\n2\n/);
    expect(fs.readFileSync(path.join(dir, 'summary'), 'utf8')).toContain('**Internal error**');
  });

  test('an exception inside lint fails the step with exit code 2', async () => {
    lintMock.mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    const code = await run(env);
    restore();
    expect(code).toBe(2);
    expect(stdout.join('')).toContain('::error::harness-registry-guard: internal error: Maximum call stack size exceeded');
  });

  // A file name from the repository in an internal error: no escape sequence, and no line of its own (a workflow command).
  const EVIL = '.harness/x\u001b[2J\n::add-mask::y.yaml';
  const unsafeLines = () =>
    stdout
      .join('')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('::add-mask') || l.includes('\u001b'));

  test('an exception naming a repository file is logged with control characters replaced, its stack frames one a line', async () => {
    lintMock.mockImplementation(() => {
      throw new Error(`EACCES: permission denied, open '${EVIL}'`);
    });
    expect(await run(env)).toBe(2);
    restore();
    expect(unsafeLines()).toEqual([]);
    expect(stdout.join('')).toContain("internal error: EACCES: permission denied, open '.harness/x\uFFFD[2J\uFFFD::add-mask::y.yaml'");
    expect(stdout.join('')).toMatch(/\n {4}at /);
  });

  test("a rule's internal error naming a repository file is logged with control characters replaced", async () => {
    lintMock.mockReturnValue(lintResult({ internalErrors: [`rule r failed on ${EVIL}: Error: boom\n    at x`] }));
    expect(await run(env)).toBe(2);
    restore();
    expect(unsafeLines()).toEqual([]);
    expect(stdout.join('')).toContain('Internal error: rule r failed on .harness/x\uFFFD[2J\uFFFD::add-mask::y.yaml');
  });

  test('a usage error quoting text from the repository (a config pattern) fails the step with control characters replaced', async () => {
    lintMock.mockImplementation(() => {
      throw new UsageError(`include in .harness-registry-guard.yml pattern "${EVIL}" matches no file under .`);
    });
    expect(await run(env)).toBe(2);
    restore();
    expect(unsafeLines()).toEqual([]);
    expect(stdout.join('')).toContain(
      '::error::harness-registry-guard: include in .harness-registry-guard.yml pattern ".harness/x\uFFFD[2J\uFFFD::add-mask::y.yaml"',
    );
  });

  test('HARNESS_REGISTRY_GUARD_WORKERS set to anything but a number of workers fails the step, as the CLI does', async () => {
    process.env.HARNESS_REGISTRY_GUARD_WORKERS = '1.5';
    try {
      lintMock.mockReturnValue(lintResult());
      const code = await run(env);
      expect(restore()).toBe(2);
      expect(code).toBe(2);
      expect(stdout.join('')).toContain(
        '::error::harness-registry-guard: HARNESS_REGISTRY_GUARD_WORKERS must be a whole number of worker threads, 0 or more (got "1.5")',
      );
      expect(lintMock).not.toHaveBeenCalled();
    } finally {
      delete process.env.HARNESS_REGISTRY_GUARD_WORKERS;
    }
  });

  test('passes the workspace, paths, config and baseline to lint', async () => {
    fs.writeFileSync(path.join(dir, 'cfg.yml'), 'rules: {}\n');
    fs.writeFileSync(path.join(dir, 'base.json'), '{}');
    lintMock.mockReturnValue(lintResult());
    const code = await run({ ...env, INPUT_CONFIG: 'cfg.yml', INPUT_BASELINE: 'base.json', INPUT_PATH: '.' });
    restore();
    expect(code).toBe(0);
    expect(lintMock).toHaveBeenCalledWith({
      rules: expect.any(Array),
      scanner: expect.any(Function),
      cwd: dir,
      paths: ['.'],
      configPath: path.join(dir, 'cfg.yml'),
      baselinePath: path.join(dir, 'base.json'),
    });
  });
});
