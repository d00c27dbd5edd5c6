import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';

// Every `uses:` in .github/workflows is local (`./…`) or pinned by a full 40-hex commit SHA with a
// `# vX.Y.Z` comment naming the release, as hardened workflows do: a tag can be moved, a SHA cannot.

const WORKFLOWS = path.join(import.meta.dirname, '..', '.github', 'workflows');

interface UsesRef {
  where: string;
  uses: string;
}

/** Every `uses:` value in a parsed workflow: reusable-workflow jobs and steps. */
export function usesOf(workflow: unknown, file: string): UsesRef[] {
  const jobs = (workflow as { jobs?: Record<string, { uses?: unknown; steps?: Array<{ uses?: unknown }> }> })?.jobs ?? {};
  return Object.entries(jobs).flatMap(([id, job]) => [
    ...(job.uses !== undefined ? [{ where: `${file} jobs.${id}.uses`, uses: String(job.uses) }] : []),
    ...(job.steps ?? []).flatMap((s, i) =>
      s.uses !== undefined ? [{ where: `${file} jobs.${id}.steps[${i}]`, uses: String(s.uses) }] : [],
    ),
  ]);
}

/** Why a `uses:` value is not acceptable, or undefined when it is local or SHA-pinned. */
export function pinProblem(uses: string): string | undefined {
  if (uses.startsWith('./')) return undefined;
  if (uses.startsWith('docker://'))
    return /@sha256:[0-9a-f]{64}$/.test(uses) ? undefined : 'a docker:// image must be pinned by @sha256 digest';
  const m = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?@(.+)$/.exec(uses);
  if (!m) return 'not owner/repo[/path]@ref';
  return /^[0-9a-f]{40}$/.test(m[1]!) ? undefined : `ref ${m[1]} is not a full 40-hex commit SHA`;
}

/** `uses:` lines in the raw text whose SHA pin lacks a `# vX.Y.Z` comment (the structure test cannot see comments). */
export function uncommentedPins(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => /^\s*(?:-\s+)?uses:\s*[^\s#]+@[0-9a-f]{40}\b/.test(l) && !/#\s*v\d+\.\d+\.\d+\s*$/.test(l))
    .map((l) => l.trim());
}

const files = fs
  .readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe('GitHub workflows', () => {
  test('the workflows are there', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'examples.yml', 'release.yml']));
  });

  test.each(files)('%s: every uses: is ./… or pinned by a 40-hex commit SHA with a # vX.Y.Z comment', (file) => {
    const text = fs.readFileSync(path.join(WORKFLOWS, file), 'utf8');
    const refs = usesOf(parse(text), file);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.flatMap((r) => (pinProblem(r.uses) ? [`${r.where}: ${r.uses}: ${pinProblem(r.uses)}`] : []))).toEqual([]);
    // Every uses: line in the text was seen by the parser (none hides in a block the walk misses).
    expect(text.split('\n').filter((l) => /^\s*(?:-\s+)?uses:/.test(l))).toHaveLength(refs.length);
    expect(uncommentedPins(text)).toEqual([]);
  });

  test.each(files)('%s: least privilege: no workflow-wide write permission; every job sets its own permissions', (file) => {
    const wf = parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as {
      permissions?: Record<string, string>;
      jobs: Record<string, { permissions?: Record<string, string> }>;
    };
    expect(wf.permissions).toBeDefined();
    expect(Object.values(wf.permissions ?? {}).filter((v) => v === 'write')).toEqual([]);
    for (const [id, job] of Object.entries(wf.jobs)) expect(`${id}: ${JSON.stringify(job.permissions)}`).not.toMatch(/undefined/);
  });

  test('only the release jobs may write: contents for the GitHub release, an id token for npm provenance', () => {
    const writes = files.flatMap((file) => {
      const wf = parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')) as {
        jobs: Record<string, { permissions?: Record<string, string> }>;
      };
      return Object.entries(wf.jobs).flatMap(([id, job]) =>
        Object.entries(job.permissions ?? {})
          .filter(([, v]) => v === 'write')
          .map(([k]) => `${file} ${id} ${k}`),
      );
    });
    expect(writes).toEqual(['release.yml release contents', 'release.yml npm id-token']);
  });

  test('the checks reject what they should', () => {
    expect(pinProblem('./')).toBeUndefined();
    expect(pinProblem('./.github/workflows/ci.yml')).toBeUndefined();
    expect(pinProblem('actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1')).toBeUndefined();
    expect(pinProblem('github/codeql-action/upload-sarif@0123456789abcdef0123456789abcdef01234567')).toBeUndefined();
    expect(pinProblem('actions/checkout@v7')).toMatch(/not a full 40-hex/);
    expect(pinProblem('actions/checkout@v7.0.1')).toMatch(/not a full 40-hex/);
    expect(pinProblem('actions/checkout@main')).toMatch(/not a full 40-hex/);
    expect(pinProblem('actions/checkout@3d3c42e')).toMatch(/not a full 40-hex/);
    expect(pinProblem('actions/checkout@3D3C42E5AAC5BA805825DA76410C181273BA90B1')).toMatch(/not a full 40-hex/);
    expect(pinProblem('actions/checkout')).toMatch(/not owner\/repo/);
    expect(pinProblem('docker://alpine:3')).toMatch(/sha256/);
    expect(pinProblem(`docker://alpine@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    const wf = parse('jobs:\n  a:\n    uses: o/r/.github/workflows/x.yml@main\n  b:\n    steps:\n      - run: x\n      - uses: o/r@v1\n');
    expect(usesOf(wf, 'w.yml').map((r) => `${r.where} ${pinProblem(r.uses)}`)).toEqual([
      'w.yml jobs.a.uses ref main is not a full 40-hex commit SHA',
      'w.yml jobs.b.steps[1] ref v1 is not a full 40-hex commit SHA',
    ]);
    expect(
      uncommentedPins(
        '      - uses: o/r@0123456789abcdef0123456789abcdef01234567\n      - uses: o/r@0123456789abcdef0123456789abcdef01234567 # v1.2.3\n',
      ),
    ).toEqual(['- uses: o/r@0123456789abcdef0123456789abcdef01234567']);
  });
});
