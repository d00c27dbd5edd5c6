import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/engine/finding.js';
import { lint, type LintResult } from '../helpers/lint.js';
import { runCli } from '../../src/cli/main.js';
import { attr, formatJunit, MAX_BODY, text } from '../../src/formats/junit.js';
import { allRules } from '../../src/rules/index.js';
import { FIXTURES } from '../helpers/fixtures.js';
import { expectGolden, FIXTURE, lintFixture } from './golden.js';
import { canonical, checkTotals, junitSchemaErrors } from './junit-validators.js';
import { runInChild } from '../helpers/child.js';
import { finding } from '../helpers/finding.js';

const ROOT = path.join(import.meta.dirname, '..', '..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-junit-'));

/** A real lint result of an empty directory (no config), with the findings and errors given. */
function resultWith(findings: Finding[], internalErrors: string[] = []): LintResult {
  return { ...lint({ cwd: tmp(), paths: ['.'], configPath: false }), findings, internalErrors, filesScanned: 1 };
}

const testcases = (xml: string) =>
  [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"[^>]*?(\/)?>/g)].map((m) => ({ classname: m[1], name: m[2] }));

describe('JUnit reporter', () => {
  const result = lintFixture();
  const xml = formatJunit(result);

  test('matches the golden file', () => {
    expectGolden('report.junit.xml', xml);
  });

  test('200,000 findings of one rule are grouped in linear time', () => {
    // Each finding copied its rule's list so far: quadratic, 85 s for 128,000 findings. Jest cannot
    // stop a synchronous test, so the report is built in a child process, killed far above the linear run.
    const script = `
      import fs from 'node:fs';
      import os from 'node:os';
      import path from 'node:path';
      import { lint } from './__tests__/helpers/lint.ts';
      import { formatJunit } from './src/formats/junit.ts';
      const result = lint({ cwd: fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-junit-')), paths: ['.'], configPath: false });
      const findings = Array.from({ length: 200_000 }, (_, i) => ({ ruleId: 'no-app-harness-registry', severity: 'error', message: 'm', file: 'f.yaml', line: i + 1, column: 1, endLine: i + 1, endColumn: 2, range: [i, i + 1] }));
      const xml = formatJunit({ ...result, findings, filesScanned: 1 });
      console.log(JSON.stringify([xml.split('<testcase ').length - 1, /name="no-app-harness-registry" tests="(\\d+)"/.exec(xml)?.[1], xml.indexOf('f.yaml:1:1') < xml.indexOf('f.yaml:200000:1')]));`;
    expect(JSON.parse(runInChild(script))).toEqual([200_000 + allRules.length - 1, '200000', true]);
  }, 120_000);

  test('the fixture report is valid against the Jenkins JUnit schema, with consistent totals', async () => {
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(checkTotals(xml)).toEqual({ tests: 10, failures: 4, errors: 0, skipped: 3 });
  });

  test('the validator is not vacuous: it rejects a skipped message attribute, a missing name and a bad character', async () => {
    expect(
      await junitSchemaErrors(
        '<testsuites><testsuite name="a" tests="1"><testcase name="x"><skipped message="m"/></testcase></testsuite></testsuites>',
      ),
    ).not.toEqual([]);
    expect(await junitSchemaErrors('<testsuites><testsuite tests="0"/></testsuites>')).not.toEqual([]);
    expect(await junitSchemaErrors('<testsuites name="\u0001"/>')).not.toEqual([]);
  });

  test('one suite per rule id, in the order of the rules that ran; a finding is a testcase named rule-id file:line:col with the file as classname', () => {
    const suites = [...xml.matchAll(/<testsuite name="([^"]*)"/g)].map((m) => m[1]);
    expect(suites).toEqual(result.rules.map((r) => r.id));
    const cases = testcases(xml);
    expect(cases).toContainEqual({
      classname: '.harness/pipelines/ship.yaml',
      name: 'require-account-image-connector .harness/pipelines/ship.yaml:48:41',
    });
    expect(cases).toContainEqual({
      classname: '.harness/connectors/old registry.yaml',
      name: 'no-app-harness-registry .harness/connectors/old registry.yaml:6:24',
    });
    // Rules with no finding get one passing testcase each.
    expect(cases).toContainEqual({ classname: 'harness-registry-guard', name: 'yaml-syntax' });
  });

  test('an error is a failure of type rule-id whose message and body say file, line, column, rule, severity and message', () => {
    const block =
      /<testcase [^>]*name="require-platform-connectivity [^"]*"[^>]*>\n\s*<failure message="([^"]*)" type="([^"]*)">([\s\S]*?)<\/failure>/.exec(
        xml,
      )!;
    expect(block[1]).toMatch(/^error: Connector `docker_hub` connects through a delegate/);
    expect(block[2]).toBe('require-platform-connectivity');
    const body = block[3]!;
    for (const line of [
      'file: .harness/connectors/docker_hub.yaml',
      'line: 12',
      'column: 24',
      'rule: require-platform-connectivity',
      'severity: error',
      'related: .harness/pipelines/ship.yaml:26:35: Used by Harness Cloud stage `test_cloud` of pipeline `ship`.',
    ])
      expect(body).toContain(`${line}\n`);
    expect(body).toMatch(/^message: Connector `docker_hub` connects through a delegate/m);
    expect(body).toMatch(/^harness docs: https:\/\/developer\.harness\.io\//m);
  });

  test('a line break in a file name or message stays inside its body line: no line a CI log reads as a command', () => {
    const name = 'bad\n::warning::INJECT\u2028x.yaml';
    const out = formatJunit(
      resultWith([
        finding({
          file: name,
          message: 'm\r\n::error::X',
          related: [{ file: name, line: 1, column: 1, endLine: 1, endColumn: 2, message: 'r' }],
        }),
      ]),
    );
    const body = /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(out)![1]!;
    expect(body.split('\n').filter((l) => !/^[a-z ]+: /.test(l))).toEqual([]);
    expect(body).toContain('file: bad\\u000A::warning::INJECT\\u2028x.yaml\n');
    expect(body).toContain('message: m&#13;'.replace('&#13;', '\\u000D\\u000A::error::X\n'));
  });

  test('suppressed findings are skipped (with the reason) and notices are skipped; neither is a failure', () => {
    const suppressed = /name="no-renamed-harness-image [^"]*"[^>]*>\n\s*<skipped>([^<]*)<\/skipped>/.exec(xml)!;
    expect(suppressed[1]).toMatch(/^suppressed by an inline comment: the mirror keeps the old name \| until the Q3 move\n/);
    expect(/<testsuite name="unresolved-reference" tests="2" failures="0" errors="0" skipped="2"/.test(xml)).toBe(true);
    expect(xml).toContain('<skipped>notice: not a failure; the check could not decide this or did not run\n');
  });

  test('a baseline suppression and a warning', async () => {
    const out = formatJunit(
      resultWith([
        finding({ suppressed: { kind: 'baseline' } }),
        finding({ line: 9, suppressed: { kind: 'baseline', reason: 'accepted in PLAT-1' } }),
        finding({ ruleId: 'suppression', severity: 'warning', line: 1, message: 'Suppression expired on 2025-01-01.' }),
      ]),
    );
    expect(await junitSchemaErrors(out)).toEqual([]);
    expect(out).toContain('<skipped>suppressed by the baseline (no reason given)\n');
    expect(out).toContain('<skipped>suppressed by the baseline: accepted in PLAT-1\n');
    expect(out).toContain('<failure message="warning: Suppression expired on 2025-01-01." type="suppression">');
    expect(checkTotals(out)).toEqual({ tests: allRules.length + 1, failures: 1, errors: 0, skipped: 2 });
  });

  test('an empty result: one passing testcase per rule, valid, nothing failing', async () => {
    const out = formatJunit(resultWith([]));
    expect(await junitSchemaErrors(out)).toEqual([]);
    expect(checkTotals(out)).toEqual({ tests: allRules.length, failures: 0, errors: 0, skipped: 0 });
    expect(testcases(out).map((c) => c.name)).toEqual(allRules.map((r) => r.id));
    expect(out).toContain(`<testsuites name="harness-registry-guard" tests="${allRules.length}" failures="0" errors="0" time="0">`);
  });

  test('with no file read, no rule claims a pass: each is skipped, saying nothing was checked', async () => {
    const out = formatJunit(lint({ cwd: tmp(), paths: ['.'], configPath: false }));
    expect(await junitSchemaErrors(out)).toEqual([]);
    expect(checkTotals(out)).toEqual({ tests: allRules.length, failures: 0, errors: 0, skipped: allRules.length });
    expect(out).toContain('<skipped>nothing was checked: no YAML file was read</skipped>');
  });

  test('rules the config turns off get no passing testcase', async () => {
    const dir = tmp();
    fs.writeFileSync(
      path.join(dir, '.harness-registry-guard.yml'),
      // Both forms of `off`: the level alone, and the level with options.
      'rules:\n  unresolved-reference: off\n  no-renamed-harness-image:\n    level: off\n',
    );
    const out = formatJunit(lint({ cwd: dir, paths: ['.'] }));
    expect(await junitSchemaErrors(out)).toEqual([]);
    expect(testcases(out).map((c) => c.name)).toEqual(
      allRules.map((r) => r.id).filter((id) => id !== 'unresolved-reference' && id !== 'no-renamed-harness-image'),
    );
  });

  test('lookups in Harness that got no answer: a skipped testcase that says so, so a clean run does not read as fully checked', async () => {
    const at = { file: 'p.yaml', start: 0, end: 1, value: 'hub', path: undefined, flags: 0 };
    const failed = {
      identifier: 'hub',
      scope: { level: 'account' as const },
      answer: { kind: 'failed' as const, reason: 'timed out after 10 s' },
      at,
    };
    const result = { ...resultWith([]), harness: { host: 'app.harness.io', lookups: [failed], requests: 3 } } as LintResult;
    const out = formatJunit(result);
    expect(await junitSchemaErrors(out)).toEqual([]);
    const suite = /<testsuite name="harness-registry-guard"[^>]*>([\s\S]*?)<\/testsuite>/.exec(out)?.[1] ?? '';
    expect(testcases(suite)).toEqual([{ classname: 'harness-registry-guard', name: 'harness-lookups' }]);
    expect(suite).toMatch(/<skipped>1 of 1 connector lookup in Harness \(app\.harness\.io\) got no answer \(timed out after 10 s\)/);
    expect(formatJunit({ ...result, harness: { ...result.harness!, lookups: [] } })).not.toContain('harness-lookups');
  });

  test('internal errors are <error> testcases in a last suite', async () => {
    const out = formatJunit(resultWith([], ['rule x failed: TypeError: boom\n    at y (z.js:1:2)']));
    expect(await junitSchemaErrors(out)).toEqual([]);
    expect(checkTotals(out)).toEqual({ tests: allRules.length + 1, failures: 0, errors: 1, skipped: 0 });
    expect(out).toMatch(
      /<testsuite name="harness-registry-guard" tests="1" failures="0" errors="1" skipped="0" time="0">\n {4}<testcase classname="harness-registry-guard" name="internal-error 1" time="0">\n {6}<error message="rule x failed: TypeError: boom" type="internal-error">rule x failed: TypeError: boom\n {4}at y \(z\.js:1:2\)<\/error>/,
    );
  });

  describe('escaping', () => {
    const nasty =
      'a <b> & "c" \'d\' ]]> \u0000\u0001\u0008\u000B\u000C\u001B\u001F\uFFFE\uFFFF \uD800 x \uDC00 \u{1F600} é\ttab\nline\r\nCRLF';
    const visible =
      'a <b> & "c" \'d\' ]]> \\u0000\\u0001\\u0008\\u000B\\u000C\\u001B\\u001F\\uFFFE\\uFFFF \\uD800 x \\uDC00 \u{1F600} é\ttab\nline\r\nCRLF';
    const out = formatJunit(
      resultWith([
        finding({ message: nasty, file: 'dir "q" <&>/p\u0007.yaml', entity: nasty }),
        finding({ ruleId: 'no-renamed-harness-image', line: 5, suppressed: { kind: 'inline', reason: nasty } }),
        finding({ ruleId: 'unresolved-reference', severity: 'notice', line: 6, message: nasty }),
      ]),
    );

    test('markup, quotes and control characters produce well-formed, schema-valid XML', async () => {
      expect(await junitSchemaErrors(out)).toEqual([]);
      // No character XML 1.0 forbids is left, raw or as a character reference.
      expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(new Set([...out.matchAll(/&#x?[0-9a-f]+;/gi)].map((m) => m[0]))).toEqual(new Set(['&#9;', '&#10;', '&#13;']));
      expect(out).not.toContain(']]>');
    });

    test('a parser reads back exactly the text, with the forbidden characters shown as \\uXXXX', async () => {
      const c14n = await canonical(out);
      // Canonical XML: attributes escape & < " and tab, LF, CR as &#x9; &#xA; &#xD;; text escapes & < > and CR.
      const inAttr = (s: string) =>
        s
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/"/g, '&quot;')
          .replace(/\t/g, '&#x9;')
          .replace(/\n/g, '&#xA;')
          .replace(/\r/g, '&#xD;');
      const inText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
      expect(c14n).toContain(`message="${inAttr(`error: ${visible}`)}"`);
      expect(c14n).toContain(`classname="${inAttr('dir "q" <&>/p\\u0007.yaml')}"`);
      // In a body, a line break inside a value is shown too: each line is one field.
      const inBody = visible.replace(/\r/g, '\\u000D').replace(/\n/g, '\\u000A');
      expect(c14n).toContain(inText(`message: ${inBody}\n`));
      expect(c14n).toContain(inText(`entity: ${inBody}\n`));
      expect(c14n).toContain(`<skipped>${inText(`suppressed by an inline comment: ${inBody}\n`)}`);
    });

    test('attr and text escape what each context needs', () => {
      expect(attr('<&>"\'\t\n\r')).toBe('&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;');
      expect(text('<&>"\'\t\n\r')).toBe('&lt;&amp;&gt;"\'\t\n&#13;');
      expect(text('\u0000\uD83D\uDE00\uDE00')).toBe('\\u0000\u{1F600}\\uDE00');
    });
  });

  test(`a very long finding is cut to ${MAX_BODY} characters of body, keeping its start (Harness keeps 4,000 per field)`, async () => {
    const long = 'x'.repeat(10_000);
    const related = Array.from({ length: 30 }, (_, i) => ({
      file: `f${i}.yaml`,
      line: i + 1,
      column: 1,
      endLine: i + 1,
      endColumn: 2,
      message: 'used here',
    }));
    const out = formatJunit(resultWith([finding({ message: long, related })]));
    expect(await junitSchemaErrors(out)).toEqual([]);
    const body = /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(out)![1]!;
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(
      body.startsWith('file: .harness/pipelines/p.yaml\nline: 3\ncolumn: 7\nrule: no-app-harness-registry\nseverity: error\nmessage: xxx'),
    ).toBe(true);
    expect(body).toMatch(/\.\.\. \(\d+ more characters cut\)$/);
    const few = formatJunit(resultWith([finding({ related })]));
    expect(few).toContain('related: f19.yaml:20:1: used here\nrelated: and 10 more\n');
  });

  test('a cut body says how many characters it really left out: what is kept plus that number is the whole', () => {
    const bodyOf = (message: string) => /<failure [^>]*>([\s\S]*?)<\/failure>/.exec(formatJunit(resultWith([finding({ message })])))![1]!;
    const whole = bodyOf('').length;
    for (const extra of [1, 2, 500, 20_000]) {
      const body = bodyOf('m'.repeat(MAX_BODY - whole + extra));
      const [, kept, count] = /^([\s\S]*)\n\.\.\. \((\d+) more characters cut\)$/.exec(body)!;
      expect(body.length).toBe(MAX_BODY);
      expect(kept!.length + Number(count)).toBe(MAX_BODY + extra);
    }
  });

  test('every rule fixture repo, sample repo and examples/ give schema-valid reports with consistent totals', async () => {
    const repos = path.join(ROOT, '__tests__', 'repos');
    const dirs = [
      path.join(ROOT, 'examples'),
      ...fs.readdirSync(repos).map((d) => path.join(repos, d)),
      ...fs.readdirSync(FIXTURES).flatMap((rule) =>
        ['valid', 'invalid'].flatMap((kind) => {
          const d = path.join(FIXTURES, rule, kind);
          return fs.existsSync(d) ? fs.readdirSync(d).map((c) => path.join(d, c)) : [];
        }),
      ),
    ];
    expect(dirs.length).toBeGreaterThanOrEqual(14);
    const reports = dirs.map((dir) => formatJunit(lint({ cwd: dir, paths: ['.'] })));
    for (const report of reports) checkTotals(report);
    const errors = (await Promise.all(reports.map(junitSchemaErrors))).flatMap((e, i) => e.map((m) => `${dirs[i]}: ${m}`));
    expect(errors).toEqual([]);
  });

  describe('CLI', () => {
    const cli = async (...argv: string[]) => {
      let out = '';
      let err = '';
      const code = await runCli(
        argv,
        FIXTURE,
        (s) => (out += s),
        (s) => (err += s),
      );
      return { code, out, err };
    };

    test('--format junit is offered and --output writes the report; the exit code still follows --fail-on', async () => {
      expect((await cli('check', '--help')).out).toMatch(/--format FORMAT +text\|json\|sarif\|github\|markdown\|junit /);
      const file = path.join(tmp(), 'report.xml');
      const r = await cli('check', '.', '--format', 'junit', '--output', file);
      expect([r.code, r.out, r.err]).toEqual([1, '', '']);
      const written = fs.readFileSync(file, 'utf8');
      expect(written).toBe(formatJunit(lint({ cwd: FIXTURE, paths: ['.'] })));
      expect(await junitSchemaErrors(written)).toEqual([]);
      expect((await cli('check', '.', '--format', 'junit', '--fail-on', 'never')).code).toBe(0);
    });
  });
});
