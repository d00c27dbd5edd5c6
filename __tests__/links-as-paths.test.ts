import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@jest/globals';
import { applyFixes, lint } from './helpers/lint.js';
import { BAD_IMAGE_PIPELINE } from './helpers/fixtures.js';

/** A repository `ws` (with `.git`) beside a folder `outside` holding a pipeline that breaks policy 1. */
function workspace() {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-links-'));
  const ws = path.join(top, 'ws');
  fs.mkdirSync(path.join(ws, '.git'), { recursive: true });
  fs.mkdirSync(path.join(ws, '.harness'));
  fs.mkdirSync(path.join(top, 'outside'));
  fs.writeFileSync(path.join(top, 'outside', 'out.yaml'), BAD_IMAGE_PIPELINE);
  fs.writeFileSync(path.join(ws, '.harness', 'in.yaml'), BAD_IMAGE_PIPELINE);
  return { top, ws };
}

test('a symlink named as a PATH that leaves the repository is not followed, and fix never writes through it', () => {
  const { top, ws } = workspace();
  fs.symlinkSync('../../outside/out.yaml', path.join(ws, '.harness', 'out.yaml'));
  const result = lint({ cwd: ws, paths: ['.harness/out.yaml'] });
  expect(result.findings.map((f) => `${f.file} ${f.severity} ${f.message}`)).toEqual([
    '.harness/out.yaml notice File is reached through a symlink that leaves the repository; not followed; skipped.',
  ]);
  applyFixes({ cwd: ws, paths: ['.harness/out.yaml'] });
  expect(fs.readFileSync(path.join(top, 'outside', 'out.yaml'), 'utf8')).toBe(BAD_IMAGE_PIPELINE);
});

test('a PATH through a symlinked folder that leaves the repository, or that folder itself, is not followed either', () => {
  const { top, ws } = workspace();
  fs.symlinkSync('../outside', path.join(ws, 'linkdir'));
  for (const given of ['linkdir/out.yaml', 'linkdir']) {
    const result = lint({ cwd: ws, paths: [given] });
    expect(result.findings.map((f) => `${f.file} ${f.message}`)).toEqual([
      `${given} File is reached through a symlink that leaves the repository; not followed; skipped.`,
    ]);
    applyFixes({ cwd: ws, paths: [given] });
  }
  expect(fs.readFileSync(path.join(top, 'outside', 'out.yaml'), 'utf8')).toBe(BAD_IMAGE_PIPELINE);
});

test('a PATH through a symlinked folder that is another repository is not followed: that repository is not its root', () => {
  const { top, ws } = workspace();
  fs.mkdirSync(path.join(top, 'outside', '.git'));
  fs.symlinkSync('../outside', path.join(ws, 'linkdir'));
  for (const given of ['linkdir/out.yaml', 'linkdir']) {
    const result = lint({ cwd: ws, paths: [given] });
    expect(result.findings.map((f) => `${f.file} ${f.message}`)).toEqual([
      `${given} File is reached through a symlink that leaves the repository; not followed; skipped.`,
    ]);
    applyFixes({ cwd: ws, paths: [given] });
  }
  expect(fs.readFileSync(path.join(top, 'outside', 'out.yaml'), 'utf8')).toBe(BAD_IMAGE_PIPELINE);
});

test('a PATH through a file is "path not found", not an internal error', () => {
  const { ws } = workspace();
  expect(() => lint({ cwd: ws, paths: ['.harness/in.yaml/x'] })).toThrow('path not found: .harness/in.yaml/x');
});

test('a symlink named as a PATH that stays inside the repository is read', () => {
  const { ws } = workspace();
  fs.symlinkSync('in.yaml', path.join(ws, '.harness', 'alias.yaml'));
  const result = lint({ cwd: ws, paths: ['.harness/alias.yaml'] });
  expect(result.findings.map((f) => `${f.file} ${f.ruleId}`)).toContain('.harness/alias.yaml no-app-harness-registry');
});

test('a dangling symlink or a loop named as a PATH is said to lead nowhere, not "path not found"', () => {
  const { ws } = workspace();
  fs.symlinkSync('loop2.yaml', path.join(ws, 'loop1.yaml'));
  fs.symlinkSync('loop1.yaml', path.join(ws, 'loop2.yaml'));
  const result = lint({ cwd: ws, paths: ['loop1.yaml'] });
  expect(result.findings.map((f) => `${f.file} ${f.message}`)).toEqual([
    'loop1.yaml File is a symlink that leads nowhere (dangling, or a loop of links); skipped.',
  ]);
});
