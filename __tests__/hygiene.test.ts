import { beforeEach, describe, expect, jest, test } from '@jest/globals';
import { lintResult } from './helpers/lint-result.js';
import type { LintResult, LintSettings } from '../src/engine/lint.js';
import type { HarnessFacts } from '../src/model/harness-side.js';
import { ConfigError } from '../src/engine/config.js';
import { terminalSafe } from '../src/formats/style.js';

// The core is replaced so a rule can "crash" on a file and a lookup in Harness can fail: what the
// CLI prints of them is under test, with the file and scope names a pull request can choose.
const lintMock = jest.fn<(s: LintSettings) => LintResult>();
jest.unstable_mockModule('../src/engine/lint.js', () => ({ lint: lintMock, lintSync: lintMock }));
const { cli, tmpDir } = await import('./cli/helpers.js');

/** A file name with an escape sequence, and a line break before a workflow command. */
const EVIL = '.harness/x\u001b]0;title\u0007\u001b[2J\r\n::add-mask::y\u009b31m.yaml';
const crash = `rule faulty failed on ${EVIL}: Error: boom\n    at checkFile (/app/rule.js:1:2)\n    at scanFile (/app/scan.js:3:4)`;
const crashShown =
  'rule faulty failed on .harness/x\uFFFD]0;title\uFFFD\uFFFD[2J\uFFFD\uFFFD::add-mask::y\uFFFD31m.yaml: Error: boom\n' +
  '    at checkFile (/app/rule.js:1:2)\n    at scanFile (/app/scan.js:3:4)';

/** Lookups refused (403) in an org whose identifier, from the repo, holds the same. */
const harness: HarnessFacts = {
  host: 'app.harness.io',
  requests: 1,
  lookups: [
    {
      identifier: 'hub',
      scope: { level: 'org', org: 'o\u001b[31m\n::add-mask::z' },
      answer: { kind: 'failed', reason: 'HTTP 403', refused: 'core_connector_view' },
      at: { pos: 0, len: 0 } as never,
    },
  ],
};
const warningShown =
  'harness-registry-guard: warning: 1 of 1 connector lookup in Harness (app.harness.io) was refused (HTTP 403): the API key lacks ' +
  'core_connector_view for them in org o\uFFFD[31m\uFFFD::add-mask::z; nothing is judged about what they refer to: ' +
  'references in Harness Cloud stages stay unresolved-reference notices, others get no finding.\n';

/** No line a CI log reads as a workflow command, no character a terminal acts on. */
function expectHarmless(text: string): void {
  expect(text.split('\n').filter((l) => l.trimStart().startsWith('::'))).toEqual([]);
  expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
}

describe('what the CLI prints of file names and scopes on standard error is shown as check shows file names', () => {
  beforeEach(() => {
    lintMock.mockReset();
  });

  test('check: an internal error, its stack frames still one a line', async () => {
    lintMock.mockReturnValue(lintResult({ internalErrors: [crash] }));
    const r = await cli(['check', '.', '--format', 'json'], tmpDir());
    expect(r.code).toBe(2);
    expect(r.err).toBe(`harness-registry-guard: internal error: ${crashShown}\n`);
    expectHarmless(r.err);
  });

  test('fix: an internal error', async () => {
    lintMock.mockReturnValue(lintResult({ internalErrors: [crash] }));
    const r = await cli(['fix', '.', '--dry-run'], tmpDir());
    expect(r.code).toBe(2);
    expect(r.err).toContain(`harness-registry-guard: internal error: ${crashShown}\n`);
    expectHarmless(r.err);
  });

  test('report: an internal error', async () => {
    lintMock.mockReturnValue(lintResult({ internalErrors: [crash], images: [] }));
    const r = await cli(['report', '.', '--format', 'json'], tmpDir());
    expect(r.code).toBe(2);
    expect(r.err).toBe(`harness-registry-guard: internal error: ${crashShown}\n`);
  });

  test('any command: an exception that names a file', async () => {
    const e = new Error(`EACCES: permission denied, open '${EVIL}'`);
    e.stack = `Error: EACCES: permission denied, open '${EVIL}'\n    at open (node:fs:1:2)`;
    lintMock.mockImplementation(() => {
      throw e;
    });
    const r = await cli(['check', '.'], tmpDir());
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "harness-registry-guard: internal error: Error: EACCES: permission denied, open '.harness/x\uFFFD]0;title\uFFFD\uFFFD[2J\uFFFD\uFFFD::add-mask::y\uFFFD31m.yaml'\n" +
        '    at open (node:fs:1:2)\n',
    );
  });

  test('check: the warning about lookups in Harness', async () => {
    lintMock.mockReturnValue(lintResult({ harness }));
    const r = await cli(['check', '.', '--format', 'json'], tmpDir());
    expect(r.err).toBe(warningShown);
    expectHarmless(r.err);
  });

  test('check: the warning about lookups in Harness, in text output', async () => {
    lintMock.mockReturnValue(lintResult({ harness }));
    const r = await cli(['check', '.'], tmpDir());
    expect(r.out).toContain(`\nWarning: ${warningShown.slice('harness-registry-guard: warning: '.length)}`);
    expectHarmless(r.out);
  });

  test('fix: the warning about lookups in Harness', async () => {
    lintMock.mockReturnValue(lintResult({ harness }));
    const r = await cli(['fix', '.', '--dry-run'], tmpDir(), { env: { HARNESS_API_KEY: 'pat.acc.tok.secret' } });
    expect(r.err.startsWith(warningShown)).toBe(true);
    expectHarmless(r.err);
  });

  test('report: the warning about lookups in Harness', async () => {
    lintMock.mockReturnValue(lintResult({ harness, images: [] }));
    const r = await cli(['report', '.', '--format', 'json'], tmpDir());
    expect(r.err).toBe(warningShown);
  });

  test('any command: a usage error naming a folder of the repo, its list of problems still one a line', async () => {
    lintMock.mockImplementation(() => {
      throw new ConfigError([
        { file: `${EVIL}/.harness-registry-guard.yml`, line: 1, column: 1, message: 'unknown setting `a`' },
        { file: `${EVIL}/.harness-registry-guard.yml`, line: 2, column: 1, message: 'unknown setting `b`' },
      ]);
    });
    const r = await cli(['check', '.'], tmpDir());
    expect(r.code).toBe(2);
    const shown = '.harness/x\uFFFD]0;title\uFFFD\uFFFD[2J\uFFFD\uFFFD::add-mask::y\uFFFD31m.yaml/.harness-registry-guard.yml';
    expect(r.err).toBe(
      `harness-registry-guard: invalid config (2 problems):\n  ${shown}:1:1: unknown setting \`a\`\n  ${shown}:2:1: unknown setting \`b\`\n`,
    );
    expectHarmless(r.err);
  });

  test('an unknown option is quoted harmless', async () => {
    const r = await cli(['check', '--x\u001b[2J\n::add-mask::y'], tmpDir());
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('harness-registry-guard: unknown option `--x\uFFFD[2J\uFFFD::add-mask::y` for `check`');
    expectHarmless(r.err);
  });
});

test('a bidirectional override in a finding cannot reorder the line the terminal shows', async () => {
  const rlo = 'image: "app.harness.io/registry/\u202Eevil\u2066x\u2069"';
  expect(terminalSafe(rlo)).toBe('image: "app.harness.io/registry/\uFFFDevil\uFFFDx\uFFFD"');
  // Marks that only set the direction of neutral characters (LRM, RLM, ALM) stay: right-to-left names use them.
  expect(terminalSafe('a\u200Eb\u200Fc\u061Cd')).toBe('a\u200Eb\u200Fc\u061Cd');
});
