import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { getSettings, InputError } from '../../src/action/inputs.js';

const ws = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-inputs-'));
  fs.mkdirSync(path.join(dir, '.harness'));
  fs.writeFileSync(path.join(dir, 'guard.yml'), 'rules: {}\n');
  return dir;
};
const env = (dir: string, inputs: Record<string, string> = {}, event = 'pull_request') => ({
  GITHUB_WORKSPACE: dir,
  GITHUB_EVENT_NAME: event,
  ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
});

describe('getSettings', () => {
  test('defaults match action.yml when the runner passes nothing', () => {
    const dir = ws();
    expect(getSettings(env(dir))).toEqual({
      workspace: dir,
      paths: ['.'],
      configPath: undefined,
      baselinePath: undefined,
      failOn: 'error',
      onlyChanged: true,
      token: '',
      sarifFile: undefined,
      summary: true,
      checkRun: false,
      report: false,
      suggestions: false,
      configFrom: 'base',
    });
  });

  test('config-from is base or head', () => {
    const dir = ws();
    expect(getSettings(env(dir, { 'config-from': 'head' })).configFrom).toBe('head');
    expect(() => getSettings(env(dir, { 'config-from': 'pr' }))).toThrow('input `config-from`: must be one of base, head (got "pr")');
  });

  test('report-file must stay inside the workspace', () => {
    const dir = ws();
    expect(getSettings(env(dir, { 'report-file': 'out/report.md', report: 'true', suggestions: 'true' }))).toMatchObject({
      reportFile: path.join(dir, 'out/report.md'),
      report: true,
      suggestions: true,
    });
    expect(() => getSettings(env(dir, { 'report-file': '../report.md' }))).toThrow(
      'input `report-file`: "../report.md" is outside the workspace',
    );
  });

  test('sarif-file and report-file are never written through a link the pull request commits', () => {
    const dir = ws();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-outside-'));
    fs.writeFileSync(path.join(outside, 'victim'), '');
    fs.symlinkSync(path.join(outside, 'victim'), path.join(dir, 'hrg-report.md'));
    fs.symlinkSync(path.relative(dir, path.join(outside, 'victim')), path.join(dir, 'harness-registry-guard.sarif'));
    fs.symlinkSync(outside, path.join(dir, 'reports'));
    const link = 'it is a symbolic link, and links are not written through';
    const folder = 'the folder "reports" is a symbolic link leading outside the workspace';
    for (const [input, value, why] of [
      ['sarif-file', 'harness-registry-guard.sarif', link],
      ['sarif-file', 'reports/hrg.sarif', folder],
      ['report-file', 'hrg-report.md', link],
      ['report-file', 'reports/deeper/hrg.md', folder],
    ]) {
      const run = () => getSettings(env(dir, { [input!]: value! }));
      expect(run).toThrow(InputError);
      expect(run).toThrow(`input \`${input}\`: "${value}" cannot be written: ${why}`);
    }
    // Written as an absolute path, the same place is judged the same; one outside the workspace is the user's own (runner.temp).
    expect(() => getSettings(env(dir, { 'sarif-file': path.join(dir, 'reports', 'x.sarif') }))).toThrow(folder);
    expect(getSettings(env(dir, { 'sarif-file': path.join(outside, 'x.sarif') })).sarifFile).toBe(path.join(outside, 'x.sarif'));
  });

  test.each([
    ['auto', 'pull_request', true],
    ['auto', 'pull_request_target', true],
    ['auto', 'push', false],
    ['', 'push', false],
    ['true', 'push', true],
    ['False', 'pull_request', false],
  ])('only-changed %j on %s is %s', (value, event, expected) => {
    expect(getSettings(env(ws(), { 'only-changed': value }, event)).onlyChanged).toBe(expected);
  });

  test('reads every input, trimmed; paths one per line; files resolved in the workspace', () => {
    const dir = ws();
    const s = getSettings(
      env(dir, {
        path: ' .harness \n\n . ',
        config: 'guard.yml',
        'fail-on': 'warning',
        'github-token': ' ghs_x ',
        'sarif-file': 'out/r.sarif',
        summary: 'false',
        'check-run': 'TRUE',
      }),
    );
    expect(s).toMatchObject({
      paths: ['.harness', '.'],
      configPath: path.join(dir, 'guard.yml'),
      failOn: 'warning',
      token: 'ghs_x',
      sarifFile: path.join(dir, 'out/r.sarif'),
      summary: false,
      checkRun: true,
    });
  });

  test.each([
    ['fail-on', 'high', 'input `fail-on`: must be one of error, warning, notice, never (got "high")'],
    ['check-run', 'on', 'input `check-run`: must be one of true, false (got "on")'],
    ['path', '/etc', 'input `path`: "/etc" is outside the workspace'],
    ['path', 'nope', 'input `path`: "nope" does not exist in the workspace'],
    ['baseline', 'gone.json', 'input `baseline`: file "gone.json" does not exist'],
    ['config', '.harness', 'input `config`: ".harness" is not a file'],
    ['sarif-file', '.harness', 'input `sarif-file`: ".harness" is a directory'],
  ])('a bad %s names the input', (input, value, message) => {
    const run = () => getSettings(env(ws(), { [input]: value }, 'push'));
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });

  test('a path or file input that is a symlink loop or a dangling link says so', () => {
    const dir = ws();
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    fs.symlinkSync('nowhere.yml', path.join(dir, 'dangling'));
    for (const link of ['loop-a', 'dangling']) {
      expect(() => getSettings(env(dir, { path: link }, 'push'))).toThrow(`input \`path\`: "${link}" is a symlink that leads nowhere`);
      expect(() => getSettings(env(dir, { config: link }, 'push'))).toThrow(`input \`config\`: "${link}" is a symlink that leads nowhere`);
    }
  });

  test('on a pull request, a baseline that is not in the checkout is taken: the pull request may remove it, and the base commit has it', () => {
    const dir = ws();
    expect(getSettings(env(dir, { baseline: 'gone.json' })).baselinePath).toBe(path.join(dir, 'gone.json'));
  });

  test.each([
    ['no key: no lookups, whatever else is set', { 'harness-account-id': 'acc', 'harness-url': 'https://x.harness.io' }, undefined],
    [
      'the account comes from a pat. key, the URL defaults',
      { 'harness-api-key': ' pat.acc1.tok.secret ' },
      { apiKey: 'pat.acc1.tok.secret', accountId: 'acc1', baseUrl: 'https://app.harness.io' },
    ],
    [
      'an explicit account and URL win (the URL normalised)',
      { 'harness-api-key': 'sat.acc1.tok.secret', 'harness-account-id': 'other', 'harness-url': 'https://app.harness.io/gateway/' },
      { apiKey: 'sat.acc1.tok.secret', accountId: 'other', baseUrl: 'https://app.harness.io/gateway' },
    ],
  ])('harness inputs: %s', (_, inputs, expected) => {
    expect(getSettings(env(ws(), inputs)).harness).toEqual(expected);
  });

  test.each([
    [{ 'harness-api-key': 'opaque-key' }, 'input `harness-account-id`: is needed: the Harness API key does not carry the account id'],
    [{ 'harness-api-key': 'pat.a.b.c', 'harness-url': 'ftp://h' }, 'input `harness-url`: Harness base URL must be http(s), not ftp:'],
  ])('harness inputs that cannot work name the input', (inputs, message) => {
    const run = () => getSettings(env(ws(), inputs));
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });
});
