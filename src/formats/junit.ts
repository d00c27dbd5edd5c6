import { levelOf } from '../engine/config.js';
import type { Finding } from '../engine/finding.js';
import { lookupFailureWarning } from '../model/harness-side.js';
import type { LintResult } from '../engine/lint.js';
import type { RuleMeta } from '../engine/rule.js';
import { relatedLines } from './related.js';
import { groupBy } from '../model/group-by.js';

/**
 * JUnit XML for CI test views: Harness CI's Tests tab (a Run step's `reports: {type: JUnit}`),
 * GitLab, Jenkins, Azure DevOps and the GitHub test-report actions.
 *
 * Structure: one `<testsuite>` per rule id, in the order of the rules that ran, so a Tests tab lists "which policy
 * is broken, how often" (a bounded set of at most one suite per rule, each with its doc page),
 * rather than one suite per file (thousands in a monorepo); the file is the `classname`, which is
 * the column Harness shows next to each test and what Jenkins and GitLab group by, so the per-file
 * view is there too. Each finding is one `<testcase>` named `rule-id file:line:col`:
 *
 * - error or warning: a `<failure message="severity: message" type="rule-id">` whose body says
 *   file, line, column, rule, severity, message, entity, related locations, what to change and the
 *   Harness doc. Warnings fail too: the check ran and found something wrong (an expired or unused
 *   suppression, a rule set to `warning`). Whether the step fails is `--fail-on`'s business, not
 *   the report's, so the Tests tab can count warnings the exit code lets through.
 * - notice: `<skipped>`: a notice says a policy could not be decided (an `unresolved-reference`) or
 *   a file was not checked (skipped, Harness v1 YAML), which is what JUnit's skipped means; a
 *   passing testcase would claim a check that did not happen.
 * - suppressed (inline comment or baseline): `<skipped>` whose text says so, with the reason.
 * - a rule that is on and found nothing: one passing testcase (`classname` harness-registry-guard,
 *   name = the rule id), so a clean run reads "8 tests, 0 failures" instead of an empty report
 *   (Harness and Jenkins treat a report with no testcase as no tests at all).
 * - an internal error (exit code 2): an `<error>` testcase in a last suite, `harness-registry-guard`.
 * - lookups in Harness that got no answer: a `<skipped>` testcase `harness-lookups` in that suite,
 *   whose text is the warning the other formats carry: the run checked less than it would have.
 *
 * `<skipped>` carries its text as content, not as a `message` attribute: the Jenkins JUnit schema
 * (jenkins-junit.xsd, the schema the tests validate against) types `skipped` as a plain string.
 * Harness reads a skipped element's content as the test's description.
 *
 * Totals on every `<testsuite>` and on `<testsuites>` count the testcases below them; `time` is
 * 0 (a static check has no per-finding duration) and there is no timestamp, so the output is
 * byte-for-byte reproducible. Every string is escaped for XML 1.0: `& < > " '` as entities, tab,
 * newline and carriage return in attributes as character references (attribute normalisation would
 * turn them into spaces), and the characters XML 1.0 cannot carry at all (C0 controls other than
 * tab, LF and CR, lone surrogates, U+FFFE and U+FFFF) as the visible text `\uXXXX`.
 */

const TOOL = 'harness-registry-guard';
const INTERNAL = 'internal-error';

/**
 * Harness keeps the last 4,000 characters of a field (lite-engine's JUnit parser) and its docs warn
 * that fields over 8,000 render badly: long bodies are cut here, at the end, so what comes first
 * (position, rule, message) survives.
 */
export const MAX_BODY = 4000;
/** Related locations listed in a failure body before "and N more". */
const MAX_RELATED = 20;

type Outcome = { kind: 'pass' } | { kind: 'failure' | 'error' | 'skipped'; message?: string; type?: string; body: string };

interface TestCase {
  classname: string;
  name: string;
  outcome: Outcome;
}

interface Suite {
  name: string;
  cases: TestCase[];
}

export function formatJunit(result: LintResult): string {
  const suites = buildSuites(result);
  const all = suites.flatMap((s) => s.cases);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="${TOOL}" ${counts(all, false)} time="0">`);
  for (const suite of suites) {
    lines.push(`  <testsuite name="${attr(suite.name)}" ${counts(suite.cases, true)} time="0">`);
    for (const c of suite.cases) lines.push(...testcase(c));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

const NOTHING_CHECKED = { kind: 'skipped', body: 'nothing was checked: no YAML file was read' } as const;

function buildSuites(result: LintResult): Suite[] {
  const byRule = groupBy(result.findings, (f) => f.ruleId);
  const known = result.rules.map((r) => r.id);
  const metaOf = (id: string) => result.rules.find((r) => r.id === id);
  const others = [...byRule.keys()].filter((id) => !known.includes(id)).sort();

  const suites: Suite[] = [];
  for (const id of [...known, ...others]) {
    const findings = byRule.get(id);
    if (findings?.length) suites.push({ name: id, cases: findings.map((f) => findingCase(f, metaOf(id))) });
    else if (levelOf(result.config, id) !== 'off')
      suites.push({
        name: id,
        // With no file read, a pass would claim a check that did not happen.
        cases: [{ classname: TOOL, name: id, outcome: result.filesScanned ? { kind: 'pass' } : NOTHING_CHECKED }],
      });
  }
  const lookups = result.harness && lookupFailureWarning(result.harness);
  const tool: TestCase[] = [
    ...(lookups ? [{ classname: TOOL, name: 'harness-lookups', outcome: { kind: 'skipped', body: cap(lookups) } } as const] : []),
    ...result.internalErrors.map((e, i) => ({
      classname: TOOL,
      name: `${INTERNAL} ${i + 1}`,
      outcome: { kind: 'error', message: firstLine(e), type: INTERNAL, body: cap(e) } as const,
    })),
  ];
  if (tool.length) suites.push({ name: TOOL, cases: tool });
  return suites;
}

function findingCase(f: Finding, meta: RuleMeta | undefined): TestCase {
  const name = `${f.ruleId} ${f.file}:${f.line}:${f.column}`;
  if (f.suppressed) {
    const how = f.suppressed.kind === 'baseline' ? 'suppressed by the baseline' : 'suppressed by an inline comment';
    const reason = f.suppressed.reason ? `: ${oneLine(f.suppressed.reason)}` : ' (no reason given)';
    return { classname: f.file, name, outcome: { kind: 'skipped', body: cap(`${how}${reason}\n\n${details(f, meta)}`) } };
  }
  if (f.severity === 'notice')
    return {
      classname: f.file,
      name,
      outcome: {
        kind: 'skipped',
        body: cap(`notice: not a failure; the check could not decide this or did not run\n\n${details(f, meta)}`),
      },
    };
  return {
    classname: f.file,
    name,
    outcome: { kind: 'failure', message: `${f.severity}: ${f.message}`, type: f.ruleId, body: cap(details(f, meta)) },
  };
}

/** The failure (or skipped) body: where, which rule, how severe, what is wrong, what to change. */
function details(f: Finding, meta: RuleMeta | undefined): string {
  const lines = [
    `file: ${f.file}`,
    `line: ${f.line}`,
    `column: ${f.column}`,
    `rule: ${f.ruleId}`,
    `severity: ${f.severity}`,
    `message: ${f.message}`,
  ];
  if (f.entity) lines.push(`entity: ${f.entity}`);
  lines.push(...relatedLines(f, MAX_RELATED));
  if (meta) lines.push(`what to change: ${meta.remediation}`, `harness docs: ${meta.harnessDocs}`);
  return lines.map(oneLine).join('\n');
}

/**
 * A body line's value on one line: a line break inside it (a file name can hold one) would start a
 * line of its own, which a CI log may read as a command (`::error::`); shown as `\u000A`, as other controls are.
 */
const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]/g, asCode);

function testcase(c: TestCase): string[] {
  const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0"`;
  const o = c.outcome;
  if (o.kind === 'pass') return [`${open}/>`];
  const attrs = [
    o.message !== undefined ? ` message="${attr(o.message)}"` : '',
    o.type !== undefined ? ` type="${attr(o.type)}"` : '',
  ].join('');
  return [`${open}>`, `      <${o.kind}${attrs}>${text(o.body)}</${o.kind}>`, '    </testcase>'];
}

/** `tests failures errors [skipped]`: `<testsuites>` has no skipped attribute in the Jenkins schema. */
function counts(cases: readonly TestCase[], withSkipped: boolean): string {
  const n = (kind: Outcome['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
  const base = `tests="${cases.length}" failures="${n('failure')}" errors="${n('error')}"`;
  return withSkipped ? `${base} skipped="${n('skipped')}"` : base;
}

const firstLine = (s: string) => s.split('\n')[0]!;

function cap(s: string): string {
  if (s.length <= MAX_BODY) return s;
  // The note takes room too, so what it says is cut counts the characters it stands in for.
  let kept: number;
  let note = '';
  do {
    kept = MAX_BODY - note.length;
    note = `\n... (${s.length - kept} more characters cut)`;
  } while (kept + note.length !== MAX_BODY);
  return s.slice(0, kept) + note;
}

/**
 * Characters XML 1.0 cannot carry, even as a character reference: C0 controls except tab, LF and
 * CR; U+FFFE and U+FFFF; and UTF-16 surrogates that are not part of a pair.
 */
const ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A character as the visible text `\\uXXXX`. */
const asCode = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
const visible = (s: string) => s.replace(ILLEGAL, asCode);

const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Element text: markup characters as entities; CR as a reference so a parser does not fold CRLF. */
export const text = (s: string) => visible(s).replace(/[&<>\r]/g, (c) => ENTITY[c]!);

/** Attribute value (always double-quoted): markup and quote characters, tab, LF and CR as references. */
export const attr = (s: string) => visible(s).replace(/[&<>"'\t\n\r]/g, (c) => ENTITY[c]!);
