import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, test } from '@jest/globals';
import { Repo, connector } from './helpers.js';

// The config file is read only when it is a regular file of a sane size, and, when the search
// found it, only when it lies in the project: a hostile repository's config is never a way to
// hang the run, fill the memory or read a file outside it.

const CONFIG = '.harness-registry-guard.yml';
const NOTICE = 'rules:\n  no-app-harness-registry: notice\n';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A git repository (a `.git` marks its root) with one finding, a connector on the retired registry. */
function repo(files: Record<string, string> = {}): Repo {
  const r = new Repo({ '.git/HEAD': 'ref: refs/heads/main\n', 'c.yaml': connector('hub'), ...files });
  cleanups.push(() => r.cleanup());
  return r;
}

/** A folder outside the repository, holding `files`. */
function outside(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-outside-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const cannotRead = (file: string, why: string) => `harness-registry-guard: config file cannot be read: ${file} (${why})\n`;

describe('the config file must be a regular file', () => {
  test('a device or a FIFO, found or given, is an error that reads nothing (no hang, no memory filled)', async () => {
    const r = repo();
    const config = path.join(r.dir, CONFIG);
    // /dev/null first: without the check it reads as an empty config, where /dev/zero and a FIFO
    // would fill the memory or hang the test.
    for (const device of ['/dev/null', '/dev/zero']) {
      const shown = path.relative(r.dir, device);
      expect(await r.cli(['check', '.', '--config', device])).toMatchObject({
        code: 2,
        out: '',
        err: cannotRead(shown, 'not a regular file'),
      });
      fs.symlinkSync(device, path.join(r.dir, 'device.yml'));
      expect(await r.cli(['check', '.', '--config', 'device.yml'])).toMatchObject({
        code: 2,
        err: cannotRead('device.yml', 'not a regular file'),
      });
      fs.rmSync(path.join(r.dir, 'device.yml'));
      // Found by the search, a link to it leaves the repository, and is not followed at all.
      fs.symlinkSync(device, config);
      expect(await r.cli(['check', '.'])).toMatchObject({
        code: 2,
        out: '',
        err: expect.stringContaining('leaves the repository; not followed'),
      });
      fs.rmSync(config);
    }
    execFileSync('mkfifo', [config]);
    expect(await r.cli(['check', '.'])).toMatchObject({ code: 2, err: cannotRead(CONFIG, 'not a regular file') });
    expect(await r.cli(['check', '.', '--config', CONFIG])).toMatchObject({ code: 2, err: cannotRead(CONFIG, 'not a regular file') });
  });

  test('a folder by the config name, or a link to one, found or given, is an error that says it is a folder', async () => {
    const r = repo({ 'conf/x': '' });
    fs.symlinkSync('conf', path.join(r.dir, 'linked.yml'));
    expect(await r.cli(['check', '.', '--config', 'linked.yml'])).toMatchObject({ code: 2, err: cannotRead('linked.yml', 'a folder') });
    fs.mkdirSync(path.join(r.dir, CONFIG));
    expect(await r.cli(['check', '.'])).toMatchObject({ code: 2, err: cannotRead(CONFIG, 'a folder') });
  });

  test('a config over 1 MiB is an error that says the limit; 1 MiB itself is read', async () => {
    const r = repo();
    const comments = (bytes: number) => NOTICE + '#'.repeat(bytes - NOTICE.length - 1) + '\n';
    r.write({ [CONFIG]: comments(1024 * 1024 + 1), 'ci/big.yml': comments(2 * 1024 * 1024) });
    const tooBig = (file: string, bytes: number) => cannotRead(file, `${bytes} bytes; a config file may be at most 1 MiB`);
    expect(await r.cli(['check', '.'])).toMatchObject({ code: 2, out: '', err: tooBig(CONFIG, 1024 * 1024 + 1) });
    expect(await r.cli(['check', '.', '--config', 'ci/big.yml'])).toMatchObject({ code: 2, err: tooBig('ci/big.yml', 2 * 1024 * 1024) });
    r.write({ [CONFIG]: comments(1024 * 1024) });
    expect(await r.cli(['check', '.', '--fail-on', 'warning'])).toMatchObject({ code: 0, err: '' });
  });
});

describe('a config file the search finds must lie inside the project', () => {
  const secret = 'auths:\n  registry.example.com: { auth: c2VjcmV0 }\ninclude: [ "secret-value/**" ]\n';

  test('a link to a file outside the repository is an error that names it and never quotes the file', async () => {
    const elsewhere = outside({ 'config.json': secret, 'ok.yml': NOTICE });
    const r = repo({ 'sub/p.yaml': connector('inner') });
    fs.symlinkSync(path.join(elsewhere, 'config.json'), path.join(r.dir, CONFIG));
    const leaves = cannotRead(
      CONFIG,
      "reached through a symlink that leaves the repository; not followed. To use a config from there, name it with --config or the Action's `config` input",
    );
    for (const args of [
      ['check', '.'],
      ['check', '.', '--format', 'json'],
      ['check', 'sub'],
    ]) {
      const run = await r.cli(args);
      expect(run).toMatchObject({ code: 2, out: '', err: leaves });
      expect(run.err).not.toMatch(/auths|secret/);
    }
    // Found from a folder below too: the search goes up to the repository's root.
    const below = await r.cli(['check', '.'], path.join(r.dir, 'sub'));
    expect(below).toMatchObject({ code: 2, err: leaves.replace(`: ${CONFIG} (`, `: ../${CONFIG} (`) });
    // A folder on the way that is a link out counts the same.
    fs.rmSync(path.join(r.dir, CONFIG));
    fs.symlinkSync(elsewhere, path.join(r.dir, 'linked'));
    fs.symlinkSync('linked/ok.yml', path.join(r.dir, CONFIG));
    expect(await r.cli(['check', '.'])).toMatchObject({ code: 2, err: leaves });
  });

  test('given with --config, a file anywhere is read; a link inside the repository is read when found', async () => {
    const elsewhere = outside({ 'ok.yml': NOTICE });
    const r = repo({ 'ci/shared.yml': NOTICE });
    const notice = { code: 0, err: '' };
    expect(await r.cli(['check', '.', '--config', path.join(elsewhere, 'ok.yml'), '--fail-on', 'warning'])).toMatchObject(notice);
    fs.symlinkSync(path.join(elsewhere, 'ok.yml'), path.join(r.dir, 'link-out.yml'));
    expect(await r.cli(['check', '.', '--config', 'link-out.yml', '--fail-on', 'warning'])).toMatchObject(notice);
    fs.symlinkSync('ci/shared.yml', path.join(r.dir, CONFIG));
    expect(await r.cli(['check', '.', '--fail-on', 'warning'])).toMatchObject(notice);
  });

  test('outside a repository, the search stops at the current directory, and so does the link', async () => {
    const elsewhere = outside({ 'ok.yml': NOTICE });
    const r = new Repo({ 'c.yaml': connector('hub'), 'shared/ok.yml': NOTICE });
    cleanups.push(() => r.cleanup());
    fs.symlinkSync('shared/ok.yml', path.join(r.dir, CONFIG));
    expect(await r.cli(['check', '.', '--fail-on', 'warning'])).toMatchObject({ code: 0, err: '' });
    fs.rmSync(path.join(r.dir, CONFIG));
    fs.symlinkSync(path.join(elsewhere, 'ok.yml'), path.join(r.dir, CONFIG));
    expect(await r.cli(['check', '.'])).toMatchObject({
      code: 2,
      err: cannotRead(
        CONFIG,
        "reached through a symlink that leaves the current directory; not followed. To use a config from there, name it with --config or the Action's `config` input",
      ),
    });
  });
});

// The baseline and the files the Action's gate reads are read the same way: a regular file only.
describe('the baseline file and readText must be regular files', () => {
  test('a baseline that is a device or a FIFO is an error that reads nothing', async () => {
    const r = repo();
    // /dev/null first: without the check it reads as an empty (malformed) baseline, where /dev/zero would fill the memory.
    for (const device of ['/dev/null', '/dev/zero']) {
      fs.rmSync(path.join(r.dir, 'baseline.json'), { force: true });
      fs.symlinkSync(device, path.join(r.dir, 'baseline.json'));
      expect(await r.cli(['check', '.', '--baseline', 'baseline.json'])).toMatchObject({
        code: 2,
        out: '',
        err: 'harness-registry-guard: baseline file cannot be read: baseline.json (not a regular file)\n',
      });
    }
    fs.rmSync(path.join(r.dir, 'baseline.json'));
    execFileSync('mkfifo', [path.join(r.dir, 'baseline.json')]);
    expect(await r.cli(['check', '.', '--baseline', 'baseline.json'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('(not a regular file)'),
    });
  });

  test('readText gives nothing for a FIFO, a device or a folder, and a regular file its text', async () => {
    const { readText } = await import('../../src/engine/file-text.js');
    const dir = outside({ 'a.yaml': 'x: 1\n' });
    // /dev/null first: without the check it reads as '', where a FIFO would hang the test.
    expect(readText('/dev/null')).toBeUndefined();
    execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
    expect([readText(path.join(dir, 'pipe.yaml')), readText('/dev/zero'), readText(dir), readText(path.join(dir, 'a.yaml'))]).toEqual([
      undefined,
      undefined,
      undefined,
      'x: 1\n',
    ]);
  });
});

describe('a config the search finds through a link into .git', () => {
  test('is not read: .git/config (which may hold a token) is never quoted', async () => {
    const r = repo({ '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic FAKESECRET\n' });
    fs.symlinkSync('.git/config', path.join(r.dir, CONFIG));
    const run = await r.cli(['check', '.']);
    expect(run).toMatchObject({ code: 2, out: '', err: cannotRead(CONFIG, 'a symlink into .git, which is never read') });
    expect(run.err).not.toContain('FAKESECRET');
  });
});
