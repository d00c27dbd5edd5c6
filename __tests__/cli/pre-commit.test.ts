import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { CONNECTOR_REPO, ROOT, tmpDir, writeTree } from './helpers.js';

// The hook of .pre-commit-hooks.yaml, run by pre-commit itself from this checkout (`try-repo`
// takes the committed tree plus staged and unstaged changes to tracked files: dist/ must be
// tracked). .ci/run installs pre-commit from Debian and sets REQUIRE_PRE_COMMIT=1; elsewhere the
// test is skipped when pre-commit is not installed.

const available = spawnSync('pre-commit', ['--version']).status === 0;
if (!available && process.env.REQUIRE_PRE_COMMIT === '1') throw new Error('pre-commit is not installed: apt-get install -y pre-commit');
const maybe = available ? describe : describe.skip;

const preCommitHome = tmpDir('hrg-pre-commit-home-');

function repoWith(files: Record<string, string>, staged: string[]): string {
  const dir = writeTree(tmpDir('hrg-pre-commit-'), files);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '.');
  git('add', '--', ...staged);
  return dir;
}

function tryRepo(dir: string, files: string[]) {
  const r = spawnSync('pre-commit', ['try-repo', ROOT, 'harness-registry-guard', '--files', ...files], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH!, HOME: preCommitHome, PRE_COMMIT_HOME: preCommitHome, NO_COLOR: '1' },
  });
  return { status: r.status, output: r.stdout + r.stderr };
}

maybe('pre-commit try-repo', () => {
  test('a staged connector: its own finding is reported, not the unrelated ones; the hook fails', () => {
    const dir = repoWith(CONNECTOR_REPO, ['.harness/connectors/hub.yaml']);
    const { status, output } = tryRepo(dir, ['.harness/connectors/hub.yaml']);
    expect(status).toBe(1);
    expect(output).toMatch(/harness-registry-guard\.+Failed/);
    expect(output).toContain('.harness/connectors/hub.yaml:8:24: error: Connector `hub` connects through a delegate');
    expect(output).not.toContain('other.yaml');
    expect(output).toContain('--changed: reported the findings about 1 given file; 3 other findings in the scan are not shown.');
  }, 120_000);

  test('a staged connector that breaks a pipeline in an unchanged file: the pipeline finding is reported', () => {
    const dir = repoWith(CONNECTOR_REPO, ['.harness/connectors/mirror.yaml']);
    const { status, output } = tryRepo(dir, ['.harness/connectors/mirror.yaml']);
    expect(status).toBe(1);
    expect(output).toContain('.harness/pipelines/other.yaml:18:41: error: Stage `k8s` of pipeline `other`');
    expect(output).not.toContain('other.yaml:26');
  }, 120_000);

  test('a staged file with nothing to report passes', () => {
    const files = { ...CONNECTOR_REPO, 'docs/notes.yaml': 'title: notes\n' };
    const dir = repoWith(files, ['docs/notes.yaml']);
    const { status, output } = tryRepo(dir, ['docs/notes.yaml']);
    expect(output).toMatch(/harness-registry-guard\.+Passed/);
    expect(status).toBe(0);
  }, 120_000);

  test('the hook runs the tracked bundle, executable, with no install step', () => {
    const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    expect(hooks).toMatch(/^ {2}entry: dist\/cli\/index\.js check --changed$/m);
    expect(hooks).toMatch(/^ {2}language: script$/m);
    expect(execFileSync('git', ['ls-files', '-s', 'dist/cli/index.js'], { cwd: ROOT, encoding: 'utf8' })).toMatch(/^100755 /);
  });
});
