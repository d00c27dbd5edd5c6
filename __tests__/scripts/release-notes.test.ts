import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';

// scripts/release-notes.mjs VERSION prints that version's CHANGELOG.md section; release.yml uses
// it as the GitHub release's notes.

const ROOT = path.join(import.meta.dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'scripts', 'release-notes.mjs');

function run(args: string[], changelog?: string) {
  const extra: string[] = [];
  if (changelog !== undefined) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-notes-')), 'CHANGELOG.md');
    fs.writeFileSync(file, changelog);
    extra.push('--changelog', file);
  }
  const r = spawnSync(process.execPath, [SCRIPT, ...args, ...extra], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CHANGELOG = `# Changelog

Intro.

## [Unreleased]

### Added

- Something new.

## [1.2.0] - 2026-11-02

### Added

- Feature A.
  - detail

### Fixed

- Bug B ([#12](https://example.com/12)).

## [1.2.0-rc.1] - 2026-10-30

- Candidate.

## [1.1.0] - 2026-10-01

### Changed

- Last section before the links.

## [1.0.1] - 2026-09-01

[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/o/r/compare/v1.1.0...v1.2.0
`;

describe('scripts/release-notes.mjs', () => {
  test('prints the section of a version, without its heading and surrounding blank lines', () => {
    const r = run(['1.2.0'], CHANGELOG);
    expect(r).toEqual({
      code: 0,
      err: '',
      out: '### Added\n\n- Feature A.\n  - detail\n\n### Fixed\n\n- Bug B ([#12](https://example.com/12)).\n',
    });
  });

  test('takes the tag form vX.Y.Z, and a pre-release is its own section', () => {
    expect(run(['v1.2.0'], CHANGELOG).out).toBe(run(['1.2.0'], CHANGELOG).out);
    expect(run(['v1.2.0-rc.1'], CHANGELOG)).toEqual({ code: 0, err: '', out: '- Candidate.\n' });
  });

  test('the last section stops at the link reference definitions; CRLF files work', () => {
    expect(run(['1.1.0'], CHANGELOG).out).toBe('### Changed\n\n- Last section before the links.\n');
    expect(run(['1.1.0'], CHANGELOG.replace(/\n/g, '\r\n')).out).toBe('### Changed\n\n- Last section before the links.\n');
  });

  test('a missing or empty section, a bad version and bad usage fail', () => {
    expect(run(['9.9.9'], CHANGELOG)).toMatchObject({ code: 1, out: '', err: expect.stringContaining('no section for 9.9.9') });
    expect(run(['1.0.1'], CHANGELOG)).toMatchObject({ code: 1, out: '', err: expect.stringContaining('section for 1.0.1 is empty') });
    expect(run(['1.2'], CHANGELOG)).toMatchObject({ code: 1, err: expect.stringContaining('not a version') });
    expect(run(['Unreleased'], CHANGELOG)).toMatchObject({ code: 1, err: expect.stringContaining('not a version') });
    // "1.2.0" must not match "1.2.0-rc.1" or "11.2.0": the version is matched whole.
    expect(run(['1.2.0-rc'], CHANGELOG)).toMatchObject({ code: 1, err: expect.stringContaining('no section') });
    expect(run([])).toMatchObject({ code: 2, err: expect.stringContaining('usage:') });
  });

  test("the repository's CHANGELOG.md has a section for package.json's version", () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = run([version]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^### Added\n/m);
  });

  test('CHANGELOG.md follows Keep a Changelog 1.1.0: Unreleased first, dated versions, links at the bottom', () => {
    const text = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]!);
    expect(headings[0]).toBe('[Unreleased]');
    for (const h of headings.slice(1)) expect(h).toMatch(/^\[\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\] - \d{4}-\d{2}-\d{2}$/);
    for (const h of headings) {
      const id = /^\[([^\]]+)\]/.exec(h)![1]!;
      expect(text).toMatch(
        new RegExp(
          `^\\[${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]: https://github\\.com/harness-registry-guard/harness-registry-guard/`,
          'm',
        ),
      );
    }
    expect(text).toContain('https://keepachangelog.com/en/1.1.0/');
  });
});
