import { describe, expect, jest, test } from '@jest/globals';
import * as core from '@actions/core';
import type { Finding, Severity } from '../../src/engine/finding.js';
import { changedFiles as files, changeScope } from '../../src/github/changed-files.js';

const changedFiles = (...args: Parameters<typeof files>) => changeScope(files(...args))!;
import {
  ANNOTATIONS_PER_LEVEL,
  formatGithub,
  inertLines,
  planAnnotations,
  rankFindings,
  toAnnotation,
  workflowCommand,
} from '../../src/formats/github.js';
import { toCheckRunAnnotation } from '../../src/github/checks.js';
import path from 'node:path';
import { lint } from '../helpers/lint.js';
import { expectGolden, FIXTURE, lintFixture } from './golden.js';

const finding = (i: number, severity: Severity, file = `f${i}.yaml`, ruleId = 'no-app-harness-registry'): Finding => ({
  ruleId,
  severity,
  message: `finding ${i}`,
  file,
  line: i + 1,
  column: 3,
  endLine: i + 1,
  endColumn: 9,
  range: [i, i + 1],
});

/** 40 findings: 25 errors, 5 warnings, 10 notices. */
const forty = (): Finding[] => [
  ...Array.from({ length: 25 }, (_, i) => finding(i, 'error')),
  ...Array.from({ length: 5 }, (_, i) => finding(25 + i, 'warning')),
  ...Array.from({ length: 10 }, (_, i) => finding(30 + i, 'notice', `n${i}.yaml`, 'unresolved-reference')),
];

const count = (plan: ReturnType<typeof planAnnotations>, l: Severity) => plan.annotations.filter((a) => a.level === l).length;

describe('GitHub annotation plan', () => {
  test('matches the golden file (--format github)', () => {
    expectGolden('report.github.txt', formatGithub(lintFixture()));
  });

  test('300,000 findings are listed in the plain log lines, not a stack overflow', () => {
    // The log lines were appended with one spread call, whose arguments overflowed the stack past about
    // 125,000 findings.
    const findings = Array.from({ length: 300_000 }, (_, i) => finding(i, 'error'));
    const out = formatGithub({ findings } as unknown as Parameters<typeof formatGithub>[0]).split('\n');
    const start = out.findIndex((l) => l.startsWith('::stop-commands::'));
    expect(start).toBe(ANNOTATIONS_PER_LEVEL + 1);
    expect(out.slice(start + 1, -2)).toHaveLength(300_000 - ANNOTATIONS_PER_LEVEL);
    expect(out[start + 1]).toBe(
      `f${ANNOTATIONS_PER_LEVEL}.yaml:${ANNOTATIONS_PER_LEVEL + 1}:3: error: finding ${ANNOTATIONS_PER_LEVEL} [no-app-harness-registry]`,
    );
    expect(out.at(-2)).toBe(`::${out[start]!.slice('::stop-commands::'.length)}::`);
  });

  test('file names and messages from the repo cannot issue workflow commands in the plain log lines', () => {
    const evil = 'c\n::error title=INJECTED,file=README.md,line=1::attacker text\n## All clear.yaml';
    const findings = [...forty(), { ...finding(99, 'error', evil), message: 'x\r::warning::also injected' }];
    const out = formatGithub({ findings } as unknown as Parameters<typeof formatGithub>[0]).split('\n');
    const start = out.findIndex((l) => l.startsWith('::stop-commands::'));
    const marker = out[start]!.slice('::stop-commands::'.length);
    const end = out.indexOf(`::${marker}::`);
    expect(marker).toMatch(/^[0-9a-f]{64}$/);
    expect(end).toBeGreaterThan(start);
    // Every line outside the block is one of our annotations; the block holds the rest, one finding a line.
    expect(
      out
        .slice(0, start)
        .every(
          (l) => /^::(error|warning|notice) title=(no-app-harness-registry|unresolved-reference),/.test(l) || l.startsWith('::notice::'),
        ),
    ).toBe(true);
    expect(out.slice(end + 1).filter(Boolean)).toEqual([]);
    expect(out.slice(start + 1, end).filter((l) => l.includes('INJECTED'))).toEqual([
      'c ::error title=INJECTED,file=README.md,line=1::attacker text ## All clear.yaml:100:3: error: x ::warning::also injected [no-app-harness-registry]',
    ]);
  });

  test('related locations end an annotation and follow a plain line, injection-safe in both', () => {
    const related = [{ file: 'a\n::error::x.yaml', line: 2, column: 3, endLine: 2, endColumn: 4, message: 'Used\nhere.' }];
    const findings = [...forty(), { ...finding(99, 'error', 'z.yaml'), related }];
    const out = formatGithub({ findings } as unknown as Parameters<typeof formatGithub>[0]).split('\n');
    expect(out).toContain('  related: a ::error::x.yaml:2:3: Used here.');
    const annotated = formatGithub({ findings: [findings.at(-1)] } as unknown as Parameters<typeof formatGithub>[0]);
    expect(annotated).toContain('%0Arelated: a%0A::error::x.yaml:2:3: Used%0Ahere.');
    expect(annotated.split('\n')).toHaveLength(2);
  });

  test('inert lines: nothing for no lines; the end marker is a hash of the lines, so they cannot hold it', () => {
    expect(inertLines([])).toEqual([]);
    const [open, ...rest] = inertLines(['a', 'b\nc']);
    const marker = open!.slice('::stop-commands::'.length);
    expect(rest).toEqual(['a', 'b c', `::${marker}::`]);
    expect(inertLines(['a', 'b c'])[0]).toBe(open);
    expect(inertLines(['a', 'b d'])[0]).not.toBe(open);
  });

  test('40 findings stay within 10 error, 10 warning and 10 notice annotations, and the rest is counted', () => {
    const plan = planAnnotations(forty(), { reserveErrorSlot: true, seeAlso: 'the job summary' });
    // 9 errors (one slot for setFailed), 5 warnings, 9 notices + the overflow notice.
    expect([count(plan, 'error'), count(plan, 'warning'), count(plan, 'notice')]).toEqual([9, 5, 9]);
    expect(plan.overflow).toEqual({ error: 16, warning: 0, notice: 1 });
    expect(plan.overflowNotice).toBe(
      '17 more findings (16 errors, 1 notice) not annotated: GitHub shows at most 10 annotations of each level per step. See the job summary.',
    );
    expect(count(plan, 'notice') + 1).toBeLessThanOrEqual(ANNOTATIONS_PER_LEVEL);
    expect(plan.inScope).toHaveLength(40);
  });

  test('without a failure to report, errors get all 10 slots; no overflow means no notice and all notice slots', () => {
    const plan = planAnnotations(forty().slice(0, 12));
    expect(count(plan, 'error')).toBe(10);
    const small = planAnnotations([finding(1, 'error'), finding(2, 'notice')]);
    expect(small.overflowNotice).toBeUndefined();
    expect(small.annotations).toHaveLength(2);
  });

  test('only findings in changed files are annotated; the others are counted', () => {
    const changed = changedFiles('api', [
      { path: 'f1.yaml', status: 'modified' },
      { path: 'n3.yaml', status: 'added' },
    ]);
    const plan = planAnnotations(forty(), { changed });
    expect(plan.annotations.map((a) => a.file)).toEqual(['f1.yaml', 'n3.yaml']);
    expect(plan.unchangedFiles).toBe(38);
    expect(planAnnotations(forty(), { changed, onlyChanged: false }).inScope).toHaveLength(40);
  });

  test('suppressed findings are never annotated nor counted as overflow or unchanged', () => {
    const list = forty().map((f, i) => (i < 20 ? { ...f, suppressed: { kind: 'baseline' as const } } : f));
    const plan = planAnnotations(list, { changed: changedFiles('api', [{ path: 'f21.yaml', status: 'modified' }]) });
    expect(plan.annotations.map((a) => a.file)).toEqual(['f21.yaml']);
    expect(plan.unchangedFiles).toBe(19);
    expect(plan.inScope).toHaveLength(1);
    expect(
      formatGithub({ ...lintFixture(), findings: list })
        .split('\n')
        .filter((l) => l.endsWith('(suppressed: baseline)')),
    ).toHaveLength(20);
  });

  test('ranking: findings on changed lines first, then policy rules before built-ins, then file order', () => {
    const a = finding(1, 'error', 'a.yaml', 'schema');
    const b = finding(2, 'error', 'a.yaml');
    const c = finding(3, 'error', 'b.yaml');
    const changed = changedFiles('api', [
      { path: 'a.yaml', status: 'modified', lines: new Set([99]) },
      { path: 'b.yaml', status: 'modified', lines: new Set([4]) },
    ]);
    expect(rankFindings([a, b, c], changed).map((f) => f.line)).toEqual([4, 3, 2]);
    expect(rankFindings([a, b, c]).map((f) => f.line)).toEqual([3, 4, 2]);
  });

  test('multi-line findings drop columns (the runner ignores them when line != endLine)', () => {
    const a = toAnnotation({ ...finding(1, 'error'), endLine: 5 });
    expect(a).toMatchObject({ startLine: 2, endLine: 5 });
    expect(a.startColumn).toBeUndefined();
  });

  test('a check-run annotation is the workflow-command annotation under the Checks API names: one mapping for both', () => {
    for (const f of [finding(1, 'error'), { ...finding(2, 'notice'), endLine: 7 }, { ...finding(3, 'warning'), endColumn: 1 }]) {
      const a = toAnnotation(f);
      const c = toCheckRunAnnotation(f);
      expect(c).toEqual({
        path: a.file,
        start_line: a.startLine,
        end_line: a.endLine,
        ...(a.startColumn !== undefined ? { start_column: a.startColumn, end_column: a.endColumn } : {}),
        annotation_level: { error: 'failure', warning: 'warning', notice: 'notice' }[a.level],
        message: a.message,
        title: a.title,
      });
    }
    // Multi-line: no columns on either surface (the runner and the Checks API refuse them).
    expect(toCheckRunAnnotation({ ...finding(2, 'notice'), endLine: 7 })).not.toHaveProperty('start_column');
    // An end column before the start column is clamped the same way on both.
    expect(toCheckRunAnnotation({ ...finding(3, 'warning'), endColumn: 1 })).toMatchObject({ start_column: 3, end_column: 3 });
  });

  test('control characters from the repo (ESC starts colour codes in the log) reach neither annotations nor plain lines', () => {
    const findings = [...forty(), { ...finding(99, 'error', 'p\u001b[31mRED.yaml'), message: 'x\u0001\u001b[2Jy' }];
    const out = formatGithub({ findings } as unknown as Parameters<typeof formatGithub>[0]);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('p\uFFFD[31mRED.yaml');
  });

  test('bidirectional overrides from the repo cannot reorder what an annotation shows', () => {
    const findings = [{ ...finding(1, 'error', 'p\u202Etxt.yaml'), message: 'image `a\u2066b\u2069` is wrong' }];
    const out = formatGithub({ findings } as unknown as Parameters<typeof formatGithub>[0]);
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(out).toContain('p\uFFFDtxt.yaml');
    expect(out).toContain('image `a\uFFFDb\uFFFD` is wrong');
  });

  test('a lookup failure warning takes one of the 10 warning slots, so the runner does not drop it as the 11th', () => {
    const findings = Array.from({ length: 12 }, (_, i) => finding(i, 'warning'));
    const harness = { host: 'app.harness.io', requests: 1, lookups: [{ answer: { kind: 'failed', reason: 'timed out' } }] };
    const out = formatGithub({ findings, harness } as unknown as Parameters<typeof formatGithub>[0]).split('\n');
    const warnings = out.filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(warnings.at(-1)).toMatch(/^::warning::/);
  });

  test('annotation files are from the repository root whichever folder the check ran from (a working-directory step)', () => {
    const files = (out: string) => [...out.matchAll(/,file=([^,]+),/g)].map((m) => m[1]);
    const below = formatGithub(lint({ cwd: path.join(FIXTURE, '.harness'), paths: ['.'] }));
    expect(files(below)).toEqual(files(formatGithub(lintFixture())));
    expect(files(below)[0]).toMatch(/^\.harness\//);
  });

  test('workflow commands are escaped exactly as @actions/core escapes them', () => {
    const nasty: Finding = { ...finding(1, 'warning', 'dir,with:odd%/x y.yaml'), message: 'line one\nline two 100% done\r' };
    const a = toAnnotation(nasty);
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => (written.push(String(s)), true));
    try {
      core.warning(a.message, {
        title: a.title,
        file: a.file,
        startLine: a.startLine,
        endLine: a.endLine,
        startColumn: a.startColumn,
        endColumn: a.endColumn,
      });
    } finally {
      spy.mockRestore();
    }
    expect(workflowCommand(a)).toBe(written.join('').trimEnd());
    expect(workflowCommand(a)).toBe(
      '::warning title=no-app-harness-registry,file=dir%2Cwith%3Aodd%25/x y.yaml,line=2,endLine=2,col=3,endColumn=9::line one%0Aline two 100%25 done%0D',
    );
  });
});
