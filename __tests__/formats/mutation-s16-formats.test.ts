import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../src/engine/finding.js';
import type { HarnessFacts } from '../../src/model/harness-side.js';
import { allRules } from '../../src/rules/index.js';
import { fingerprints, toSarif } from '../../src/formats/sarif.js';
import { formatJson } from '../../src/formats/json.js';
import { jsonPieces } from '../../src/formats/json-pieces.js';
import { location, renderMarkdown } from '../../src/formats/markdown.js';
import { renderSummary } from '../../src/action/summary.js';
import { changedFiles, changeScope } from '../../src/github/changed-files.js';
import { toHtml } from '../helpers/render-markdown.js';
import { formatJunit, MAX_BODY } from '../../src/formats/junit.js';
import { formatText } from '../../src/formats/text.js';
import { codeFrame } from '../../src/formats/code-frame.js';
import { unifiedDiff } from '../../src/formats/diff.js';
import { readmeUrl, ruleDocsUrl } from '../../src/formats/links.js';
import { COLOR, displayWidth, NO_STYLE } from '../../src/formats/style.js';
import { formatGithub, planAnnotations, toAnnotation, workflowCommand } from '../../src/formats/github.js';
import { lint, type LintResult } from '../helpers/lint.js';
import { FIXTURE, lintFixture } from './golden.js';
import { finding } from '../helpers/finding.js';

/**
 * Behaviour of the output formats that no other test pinned down, found by mutation testing
 * (each test here fails with one small change to the formatter it names).
 */

/** Harness lookups: one found nothing, one got no answer. */
const facts = {
  host: 'app.harness.io',
  requests: 3,
  lookups: [
    { identifier: 'a', scope: { level: 'account' }, answer: { kind: 'notFound' } },
    { identifier: 'b', scope: { level: 'account' }, answer: { kind: 'failed', reason: 'timed out after 10 s' } },
    { identifier: 'c', scope: { level: 'account' }, answer: { kind: 'notFound' } },
  ],
} as unknown as HarnessFacts;

const WARNING = '1 of 3 connector lookups in Harness (app.harness.io) got no answer (timed out after 10 s)';

describe('SARIF', () => {
  const sarif = (findings: Finding[], extra: Partial<LintResult> = {}) =>
    toSarif({ findings, internalErrors: [], rules: allRules, ...extra }).runs[0]!;

  it('gives an empty range (a whole-file finding) a region one column wide', () => {
    const [r] = sarif([finding({ line: 1, column: 1, endLine: 1, endColumn: 1 })]).results;
    expect(r!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 });
  });

  it('lists a related file whose name holds brackets as one link: the brackets are escaped in the link text', () => {
    const related = [{ file: 'a[1].yaml', line: 2, column: 3, endLine: 2, endColumn: 4, message: 'Used here.' }];
    const [r] = sarif([finding({ related })]).results;
    expect(r!.message.text).toBe(`${finding().message} Related: [a\\[1\\].yaml:2](1).`);
  });

  it('carries the Harness UI page of a connector only Harness holds as the harnessUrl property', () => {
    const url = 'https://app.harness.io/ng/account/x/settings/resources/connectors/hub';
    const [r] = sarif([finding({ harnessUrl: url })]).results;
    expect(r!.properties).toEqual({ harnessUrl: url });
  });

  it('gives a result no properties when it has no entity, YAML path or Harness page', () => {
    const [r] = sarif([finding()]).results;
    expect(r).not.toHaveProperty('properties');
  });

  it('gives a finding of a rule that is not among the rules that ran no ruleIndex (rather than -1)', () => {
    const run = toSarif({ findings: [finding({ ruleId: 'not-a-rule' })], internalErrors: [], rules: allRules }).runs[0]!;
    expect(run.results[0]).not.toHaveProperty('ruleIndex');
  });

  it('reports Harness lookups that got no answer as a warning notification; the run itself succeeded', () => {
    expect(sarif([], { harness: facts }).invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [{ level: 'warning', message: { text: expect.stringContaining(WARNING) } }],
    });
  });

  it('names the file in a fingerprint from the repository root, so it is the same whichever folder the check ran from', () => {
    const prints = (cwd: string) => toSarif(lint({ cwd, paths: ['.'] })).runs[0]!.results.map((r) => r.partialFingerprints);
    const fromRoot = prints(FIXTURE);
    expect(fromRoot.length).toBeGreaterThan(0);
    expect(prints(path.join(FIXTURE, '.harness'))).toEqual(fromRoot);
  });

  describe('fingerprints of a finding with no identity (from its text)', () => {
    // A suppression problem or a whole-file finding has no semantic identity: its text is the key.
    const bare = (over: Partial<Finding>) => finding({ ruleId: 'suppression', severity: 'warning', message: 'm', ...over });
    const print = (text: string, f: Finding) => fingerprints([f], () => text)[0];

    it('do not change with text on the same line outside the range', () => {
      const f = bare({ line: 2, column: 3, endLine: 2, endColumn: 8 });
      expect(print('a: 1\nb: hello # one\n', f)).toBe(print('a: 1\nb: hello # two\n', f));
      expect(print('a: 1\nb: hello\n', f)).not.toBe(print('a: 1\nb: world\n', f));
    });

    it('do not change when spaces are added around the offending text', () => {
      const f = bare({ line: 1, column: 1, endLine: 1, endColumn: 12 });
      expect(print('# x-disable\n', f)).toBe(print('# x-disable   \n', { ...f, endColumn: 15 }));
    });

    it('change with a line in the middle of a range over several lines', () => {
      const f = bare({ line: 1, column: 1, endLine: 3, endColumn: 3 });
      expect(print('a: 1\nb: 2\nc: 3\n', f)).not.toBe(print('a: 1\nb: 9\nc: 3\n', f));
    });

    it('depend on the text of a finding on the last line of a file without a final newline', () => {
      const f = bare({ line: 2, column: 1, endLine: 2, endColumn: 5 });
      expect(print('a: 1\nb: 2', f)).not.toBe(print('a: 1\nb: 3', f));
    });
  });
});

describe('JSON', () => {
  const result = lintFixture();
  type Report = { findings: Array<Record<string, unknown>>; summary: Record<string, unknown>; harness?: Record<string, unknown> };
  const json = (over: Partial<LintResult>) => JSON.parse(formatJson({ ...result, ...over })) as Report;

  it('says what was asked of Harness: lookups by answer, requests, and the warning when some got no answer', () => {
    expect(json({ harness: facts }).harness).toEqual({
      host: 'app.harness.io',
      lookups: 3,
      found: 0,
      notFound: 2,
      failed: 1,
      requests: 3,
      warning: expect.stringContaining(WARNING),
    });
    expect(json({ harness: { ...facts, lookups: [] } }).harness).not.toHaveProperty('warning');
    expect(json({})).not.toHaveProperty('harness');
  });

  it('counts by rule only the findings that are not suppressed', () => {
    const summary = json({ findings: [finding(), finding({ line: 9, suppressed: { kind: 'inline' } })] }).summary;
    expect(summary).toMatchObject({ findings: 1, suppressed: 1, byRule: { 'no-app-harness-registry': 1 } });
  });

  it("gives a finding's entity, forRule and harnessUrl when it has them", () => {
    const url = 'https://app.harness.io/ng/account/x/settings/resources/connectors/hub';
    const f = finding({ entity: 'ship', forRule: 'require-platform-connectivity', harnessUrl: url });
    const [out] = json({ findings: [f] }).findings;
    expect(out).toMatchObject({ entity: 'ship', forRule: 'require-platform-connectivity', harnessUrl: url });
    const [plain] = json({ findings: [finding()] }).findings;
    expect(Object.keys(plain!)).toEqual(['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn']);
  });
});

describe('JSON pieces', () => {
  it('leave out an undefined or function member of an object and write null for one in a list, as JSON.stringify does', () => {
    const value = { a: undefined, b: 1, f: () => 1, list: [undefined, () => 1, 2], inner: { c: undefined, d: 2 } };
    expect([...jsonPieces(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });
});

describe('Markdown', () => {
  const links = { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' };
  const scan = (findings: Finding[], over: Partial<LintResult> = {}) => ({
    findings,
    filesScanned: 1,
    harnessFiles: 1,
    skippedNotHarness: [],
    internalErrors: [],
    ...over,
  });

  it('states the first line of an internal error, which fails the step', () => {
    const md = renderMarkdown(scan([], { internalErrors: ['rule x failed: boom\n    at y (z.js:1:2)'] }));
    expect(md).toContain('**Internal error** (a bug in harness-registry-guard; the step fails): rule x failed: boom\n');
    expect(md).not.toContain('z.js');
  });

  it('links a finding to Harness with a URL that stays one link, parentheses and spaces encoded', () => {
    const md = renderMarkdown(scan([finding({ harnessUrl: 'https://app.harness.io/ng/a (b)/connectors/hub' })]));
    expect(toHtml(md)).toContain('<a href="https://app.harness.io/ng/a%20%28b%29/connectors/hub">Open in Harness</a>');
  });

  it('shows a backtick in a file name as a quote when there is no link, so the location stays one code span', () => {
    expect(location('.harness/a`b.yaml', 3, 3)).toBe("`.harness/a'b.yaml:3`");
  });

  it('links a file at the commit shaOf gives for it, when one is given', () => {
    const md = renderMarkdown(scan([finding()]), { links: { ...links, shaOf: () => 'feedface' } });
    expect(md).toContain('(https://github.com/acme/shop/blob/feedface/.harness/pipelines/p.yaml#L3)');
  });

  it('has no "What to change" section when nothing was found', () => {
    expect(renderMarkdown(scan([]))).not.toContain('What to change');
  });

  it('links rule pages under a docs base given with a trailing slash without a double slash', () => {
    const md = renderMarkdown(scan([finding()]), { docsBaseUrl: 'https://example.com/rules/' });
    expect(md).toContain('[rule page](https://example.com/rules/no-app-harness-registry.md)');
  });

  it('says where to read the findings cut from the table', () => {
    const many = Array.from({ length: 40 }, (_, i) => finding({ line: i + 1, message: `m${i} ${'x'.repeat(100)}` }));
    const md = renderMarkdown(scan(many), { maxBytes: 3000, seeAlso: 'the SARIF report' });
    expect(md).toMatch(/_\d+ more findings not listed: the summary is kept under \d+ KiB\. See the SARIF report\._/);
  });

  it('once a table is cut, lists nothing after it: a small later group is counted, not shown', () => {
    const big = finding({ message: 'x'.repeat(3000) });
    const small = finding({ line: 9, message: 'y', suppressed: { kind: 'inline' } });
    const md = renderMarkdown(scan([big, small]), { maxBytes: 3000 });
    expect(md).not.toContain('Suppressed findings (1)');
    expect(md).toContain('_2 more findings not listed');
  });

  it('in the job summary, a group with no finding (nothing in the changed files) gets no table', () => {
    const changed = changeScope(changedFiles('api', [{ path: 'other.yaml', status: 'modified' }]))!;
    const md = renderSummary(scan([finding()]), { changed });
    expect(md).not.toContain('Findings in changed files');
    expect(md).toContain('### Findings elsewhere in the repository (1)');
  });
});

describe('JUnit', () => {
  /** The failure body of a report with this one finding (of a rule that has no page, so the body is the finding). */
  const body = (message: string) => {
    const xml = formatJunit({ ...lint({ cwd: FIXTURE, paths: [] }), findings: [finding({ ruleId: 'x', message })], filesScanned: 1 });
    return /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(xml)![1]!;
  };

  it(`keeps a body of exactly ${MAX_BODY} characters whole; one more character and it is cut`, () => {
    const room = MAX_BODY - body('').length;
    expect(body('m'.repeat(room))).toHaveLength(MAX_BODY);
    expect(body('m'.repeat(room))).not.toContain('more characters cut');
    expect(body('m'.repeat(room + 1))).toMatch(/\.\.\. \(\d+ more characters cut\)$/);
    expect(body('m'.repeat(room + 1)).length).toBeLessThanOrEqual(MAX_BODY);
  });
});

describe('text', () => {
  const result = (findings: Finding[], over: Partial<LintResult> = {}) =>
    ({
      findings,
      filesScanned: 1,
      harnessFiles: 1,
      entities: 1,
      skippedNotHarness: [],
      internalErrors: [],
      ...over,
    }) as unknown as LintResult;
  const related = [{ file: 'b.yaml', line: 2, column: 3, endLine: 2, endColumn: 4, message: 'Used here.' }];

  it('--quiet lists no suppressed error', () => {
    const out = formatText(result([finding(), finding({ line: 9, suppressed: { kind: 'inline' } })]), { quiet: true });
    expect(out.split('\n').filter((l) => l.includes(': error'))).toEqual([
      `.harness/pipelines/p.yaml:3:7: error: ${finding().message} [no-app-harness-registry]`,
    ]);
  });

  it('lists no related locations under a suppressed finding', () => {
    const out = formatText(result([finding({ related, suppressed: { kind: 'baseline' } })]));
    expect(out).not.toContain('related:');
    expect(formatText(result([finding({ related })]))).toContain('  related: b.yaml:2:3: Used here.\n');
  });

  it("the terminal form names a Harness-only connector's page under the finding", () => {
    const url = 'https://app.harness.io/ng/account/x/settings/resources/connectors/hub';
    const out = formatText(result([finding({ harnessUrl: url })]), { terminal: { cwd: FIXTURE, color: false } });
    expect(out).toContain(`\n  in Harness: ${url}\n`);
  });

  it('the terminal form colours the count line red with errors, yellow with only warnings, green with neither', () => {
    const countLine = (findings: Finding[]) =>
      formatText(result(findings), { terminal: { cwd: FIXTURE, color: true } })
        .split('\n')
        .at(-2);
    expect(countLine([finding()])).toMatch(/^\x1b\[31m/);
    expect(countLine([finding({ severity: 'warning' })])).toBe('\x1b[33m0 errors, 1 warning, 0 notices in 1 file.\x1b[39m');
    expect(countLine([finding({ severity: 'notice' })])).toBe('\x1b[32m0 errors, 0 warnings, 1 notice in 1 file.\x1b[39m');
  });

  it('lists no "Rule docs:" heading when no finding is listed', () => {
    expect(formatText(result([]), { docsLinks: true })).not.toContain('Rule docs:');
  });

  describe('the fix hint', () => {
    const fix = [{ start: 0, end: 1, text: 'x' }];
    const suggestion = { title: 'Use the mirror', edits: fix };
    const hint = (findings: Finding[], fixFindings?: Finding[]) =>
      formatText(result(findings), { fixCommand: 'hrg fix .', ...(fixFindings ? { fixFindings } : {}) })
        .split('\n')
        .filter((l) => l.includes('can be fixed automatically'));

    it('is not given when the only fix is on a suppressed finding', () => {
      expect(hint([finding({ fix, suppressed: { kind: 'inline' } })])).toEqual([]);
      expect(hint([finding()])).toEqual([]);
    });

    it('counts as suggestions only the findings that have no safe fix', () => {
      expect(hint([finding({ fix, suggestion }), finding({ line: 9, suggestion })])).toEqual([
        '1 finding can be fixed automatically: run `hrg fix .` (add --dry-run to see the diff first); it also lists 1 suggested change to review, never applied.',
      ]);
    });

    it('counts the fixes of the whole scan when they are more than those listed (check --changed)', () => {
      expect(hint([finding()], [finding(), finding({ line: 9, fix })])).toEqual([
        '1 finding in the whole scan, not only those shown, can be fixed automatically: run `hrg fix .` (add --dry-run to see the diff first).',
      ]);
    });
  });

  it('names 2 files skipped as not Harness YAML in the plural', () => {
    expect(formatText(result([], { skippedNotHarness: ['a.yaml', 'b.yaml'] }))).toContain(
      '2 files that are not Harness YAML and do not parse as YAML (templates for Helm, Go, Jinja or Terraform, for example) were skipped.',
    );
  });

  it('says what was looked up in Harness, and warns when lookups got no answer', () => {
    const out = formatText(result([], { harness: facts }));
    expect(out).toContain('\nLooked up 3 connectors in Harness (app.harness.io): 0 found, 2 not found, 1 without an answer; 3 requests.\n');
    expect(out).toContain(`\nWarning: ${WARNING}`);
  });

  it('adds the notes it is given after the counts, made safe for a terminal', () => {
    const out = formatText(result([]), { notes: ['Checked 2 changed files.', 'bad\x1b[31m'] });
    expect(out.endsWith('0 errors, 0 warnings, 0 notices in 1 file.\nChecked 2 changed files.\nbad\uFFFD[31m\n')).toBe(true);
  });
});

describe('GitHub annotations', () => {
  const findings = (n: number, severity: Finding['severity']) =>
    Array.from({ length: n }, (_, i) => finding({ severity, file: `${severity}${i}.yaml` }));
  const levels = (plan: ReturnType<typeof planAnnotations>) => plan.annotations.map((a) => a.level);

  it("puts a Harness-only connector's page in the annotation's message", () => {
    const url = 'https://app.harness.io/ng/account/x/settings/resources/connectors/hub';
    expect(toAnnotation(finding({ harnessUrl: url })).message).toBe(`${finding().message} In Harness: ${url}`);
  });

  it('lists exactly 5 related locations with no "and 0 more"', () => {
    const related = Array.from({ length: 5 }, (_, i) => ({
      file: 'b.yaml',
      line: i + 1,
      column: 1,
      endLine: i + 1,
      endColumn: 2,
      message: 'Used here.',
    }));
    const lines = toAnnotation(finding({ related })).message.split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)).toBe('related: b.yaml:5:1: Used here.');
  });

  it('exactly 10 of each level fit: all annotated, no overflow notice', () => {
    const plan = planAnnotations([...findings(10, 'error'), ...findings(10, 'notice')]);
    expect(levels(plan).filter((l) => l === 'notice')).toHaveLength(10);
    expect(plan.overflowNotice).toBeUndefined();
  });

  it('when only notices overflow, the overflow notice takes one of their 10 slots', () => {
    const plan = planAnnotations(findings(11, 'notice'));
    expect(levels(plan)).toHaveLength(9);
    expect(plan.overflow).toEqual({ error: 0, warning: 0, notice: 2 });
    expect(plan.overflowNotice).toMatch(/^2 more findings \(2 notices\) not annotated/);
  });

  it('a finding over several lines gives a workflow command with no column properties', () => {
    expect(workflowCommand(toAnnotation(finding({ endLine: 5 })))).toBe(
      `::error title=no-app-harness-registry,file=.harness/pipelines/p.yaml,line=3,endLine=5::${finding().message}`,
    );
  });

  it('lists no related locations under a suppressed finding in the plain log lines', () => {
    const related = [{ file: 'b.yaml', line: 2, column: 3, endLine: 2, endColumn: 4, message: 'Used here.' }];
    const out = formatGithub({ findings: [finding({ related, suppressed: { kind: 'baseline' } })] } as unknown as LintResult);
    expect(out).toContain('(suppressed: baseline)');
    expect(out).not.toContain('related:');
  });

  it('prints nothing at all for a run with no findings', () => {
    expect(formatGithub({ findings: [] } as unknown as LintResult)).toBe('');
  });

  it('names files and related files from the repository root whichever folder the check ran from', () => {
    const below = formatGithub(lint({ cwd: path.join(FIXTURE, '.harness'), paths: ['.'] }));
    expect(below).toContain('%0Arelated: .harness/pipelines/ship.yaml:26:35: ');
    // A repository checked out inside another: from the root of the one the files are in.
    const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-s16-'));
    fs.mkdirSync(path.join(outer, '.git'));
    fs.cpSync(FIXTURE, path.join(outer, 'inner'), { recursive: true });
    expect(formatGithub(lint({ cwd: outer, paths: ['inner'] }))).toBe(formatGithub(lintFixture()));
  });
});

describe('code frame', () => {
  const frame = (text: string, line: number, column: number, endLine: number, endColumn: number) =>
    codeFrame(text, { line, column, endLine, endColumn }, NO_STYLE, (c) => c);

  it('shows the last line of a file that does not end with a newline', () => {
    expect(frame('a: 1\nb: 2', 2, 4, 2, 5)).toEqual(['  2 | b: 2', '    |    ^']);
  });

  it('windows a line wider than 120 columns though shorter in characters (wide characters): cut before the finding', () => {
    const line = `k: ${'名'.repeat(70)}`;
    expect(frame(`${line}\n`, 1, 64, 1, 65)).toEqual([`  1 | …${'名'.repeat(50)}`, `    | ${' '.repeat(81)}^^`]);
  });

  it('does not show the spaces that end a source line', () => {
    expect(frame('a: 1   \n', 1, 1, 1, 2)[0]).toBe('  1 | a: 1');
  });
});

describe('unified diff', () => {
  it('joins two changes 6 unchanged lines apart (twice the context) into one hunk, as diff -u does', () => {
    const before = '1\n2\n3\n4\n5\n6\n7\n8\n';
    const after = 'X\n2\n3\n4\n5\n6\n7\nY\n';
    expect(unifiedDiff(before, after, 'a/f', 'b/f').split('\n')[2]).toBe('@@ -1,8 +1,8 @@');
  });

  it('past 1,000 edits, anchors only on lines found once on each side: a line twice on one side is no anchor', () => {
    const lines = (p: string) => Array.from({ length: 1100 }, (_, i) => `${p}${i}\n`);
    // `m` is in both once; `D` is twice in the old text and once in the new.
    const before = ['m\n', ...lines('u'), 'D\n', 'D\n', 'z1\n'].join('');
    const after = ['D\n', ...lines('v'), 'm\n', 'z2\n'].join('');
    const diff = unifiedDiff(before, after, 'a/f', 'b/f').split('\n');
    expect(diff).toContain(' m');
    expect(diff).not.toContain('-m');
  });

  it('numbers an empty side as line 0, as diff -u does', () => {
    expect(unifiedDiff('', 'a\n', 'a/f', 'b/f')).toBe('--- a/f\n+++ b/f\n@@ -0,0 +1 @@\n+a\n');
    expect(unifiedDiff('a\nb\n', '', 'a/f', 'b/f')).toBe('--- a/f\n+++ b/f\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });
});

describe('terminal style', () => {
  it('writes no escape codes around an empty text', () => {
    expect([COLOR.bold(''), COLOR.dim(''), COLOR.red('')]).toEqual(['', '', '']);
  });

  it('counts U+303F (ideographic half fill space) as one column, unlike the wide characters around it', () => {
    expect(displayWidth('\u303f')).toBe(1);
    expect(displayWidth('\u303e\u3040')).toBe(4);
  });
});

describe('links', () => {
  it('a rule page under a base given with a trailing slash has no double slash', () => {
    expect(ruleDocsUrl('no-app-harness-registry', 'https://example.com/rules//')).toBe(
      'https://example.com/rules/no-app-harness-registry.md',
    );
  });

  it('a README link goes to the section it names', () => {
    expect(readmeUrl('configuration')).toMatch(/\/README\.md#configuration$/);
    expect(readmeUrl()).toMatch(/\/README\.md$/);
  });
});
