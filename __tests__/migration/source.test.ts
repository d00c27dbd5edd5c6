import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { detectSource, githubRepository } from '../../src/migration/source.js';

// Where a report says it comes from (its `source`): GITHUB_* on a runner, git anywhere else.

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-source-'));
  temps.push(d);
  return d;
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

/** A checkout with one commit and an `origin` remote, like actions/checkout leaves it. */
function checkout(origin?: string): { dir: string; head: string } {
  const dir = path.join(tempDir(), 'my-service');
  fs.mkdirSync(path.join(dir, 'sub', '.harness'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'sub', '.harness', 'p.yaml'), 'pipeline: {}\n');
  git(dir, 'init', '-q');
  if (origin) git(dir, 'remote', 'add', 'origin', origin);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'init');
  return { dir, head: git(dir, 'rev-parse', 'HEAD') };
}

describe('githubRepository: owner/name from a GitHub remote, nothing from any other', () => {
  test.each([
    ['https://github.com/acme/payments', 'acme/payments'],
    ['https://github.com/acme/payments.git', 'acme/payments'],
    ['https://github.com/acme/payments/', 'acme/payments'],
    ['https://x-access-token:ghs_secret@github.com/acme/payments.git', 'acme/payments'],
    ['git@github.com:acme/payments.git', 'acme/payments'],
    ['ssh://git@github.com/acme/pay.ments_v2.git', 'acme/pay.ments_v2'],
    ['ssh://git@ssh.github.com:443/acme/payments.git', 'acme/payments'],
    ['https://gitlab.com/acme/payments.git', undefined],
    ['git@bitbucket.org:acme/payments.git', undefined],
    ['https://github.com/acme', undefined],
    ['https://github.com/acme/payments/tree/main', undefined],
    ['/srv/git/payments.git', undefined],
    ['file:///srv/git/payments.git', undefined],
  ])('%s → %s', (remote, expected) => {
    expect(githubRepository(remote)).toBe(expected);
  });

  test('a GitHub Enterprise Server host counts when GITHUB_SERVER_URL names it', () => {
    expect(githubRepository('https://ghe.acme.internal/platform/payments.git')).toBeUndefined();
    expect(githubRepository('https://ghe.acme.internal/platform/payments.git', 'https://ghe.acme.internal')).toBe('platform/payments');
    expect(githubRepository('git@ghe.acme.internal:platform/payments.git', 'https://ghe.acme.internal/')).toBe('platform/payments');
  });
});

describe('detectSource', () => {
  test('on a runner: GITHUB_REPOSITORY, GITHUB_SHA and GITHUB_SERVER_URL win', () => {
    const { dir } = checkout('https://github.com/acme/other.git');
    const env = { GITHUB_REPOSITORY: 'acme/payments', GITHUB_SHA: 'f'.repeat(40), GITHUB_SERVER_URL: 'https://ghe.acme.internal/' };
    expect(detectSource(dir, dir, env)).toEqual({
      repository: 'acme/payments',
      commit: 'f'.repeat(40),
      serverUrl: 'https://ghe.acme.internal',
    });
  });

  test('elsewhere: the origin remote as owner/name (never its credentials) and HEAD', () => {
    const { dir, head } = checkout('https://x-access-token:ghs_secret@github.com/acme/payments.git');
    const source = detectSource(dir, dir, {});
    expect(source).toEqual({ repository: 'acme/payments', commit: head, serverUrl: 'https://github.com' });
    expect(JSON.stringify(source)).not.toContain('secret');
  });

  test('a remote that is not GitHub, or none: the checkout’s folder name', () => {
    expect(detectSource(checkout('https://gitlab.com/acme/payments.git').dir, os.tmpdir(), {}).repository).toBe('my-service');
    const { dir, head } = checkout();
    expect(detectSource(path.join(dir, 'sub'), path.join(dir, 'sub'), {})).toEqual({
      repository: 'my-service',
      commit: head,
      serverUrl: 'https://github.com',
      directory: 'sub',
    });
  });

  test('the report’s paths are relative to the current directory: `directory` places it in the checkout', () => {
    const { dir } = checkout('git@github.com:acme/payments.git');
    expect(detectSource(path.join(dir, 'sub'), dir, {}).directory).toBeUndefined();
    expect(detectSource(dir, path.join(dir, 'sub', '.harness'), {}).directory).toBe('sub/.harness');
  });

  test('not a git checkout and no GITHUB_*: the folder name, no commit', () => {
    const dir = path.join(tempDir(), 'plain-folder');
    fs.mkdirSync(dir);
    expect(detectSource(dir, dir, {})).toEqual({ repository: 'plain-folder', serverUrl: 'https://github.com' });
  });
});

describe('a token in GITHUB_SERVER_URL is never kept', () => {
  test('detectSource drops the user info; report --merge drops it from older reports too', async () => {
    const env = {
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'abc1234',
      GITHUB_SERVER_URL: 'https://ci-bot:ghp_SECRET@github.example.com/',
    };
    const source = detectSource(tempDir(), tempDir(), env);
    expect(source.serverUrl).toBe('https://github.example.com');
    // A password may hold `@` itself.
    const at = detectSource(tempDir(), tempDir(), { ...env, GITHUB_SERVER_URL: 'https://bot:p@ssWORD9@ghe.acme.io/' });
    expect(at.serverUrl).toBe('https://ghe.acme.io');
    const { mergeReports } = await import('../../src/migration/merge.js');
    const { reportOf, repo, cleanup } = await import('./repo-fixture.js');
    const report = reportOf(repo({ 'p.yaml': 'pipeline: {}\n' }));
    report.source = { ...report.source!, serverUrl: env.GITHUB_SERVER_URL };
    const org = mergeReports([{ name: 'a.json', report }]);
    cleanup();
    expect(JSON.stringify(org)).not.toContain('SECRET');
    expect(org.repositories[0]!.serverUrl).toBe('https://github.example.com');
    expect(org.repositories[0]!.url).toMatch(/^https:\/\/github\.example\.com\/acme\/app\/tree\//);
  });
});
