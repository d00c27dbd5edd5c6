import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { UNRESOLVED_REFERENCE, yamlSyntax } from '../../src/engine/builtins.js';
import { applyEdits } from '../../src/engine/edits.js';
import type { Finding, Severity } from '../../src/engine/finding.js';
import { applyFixes } from '../../src/engine/fix.js';
import { lintSync } from '../../src/engine/lint.js';
import type { OptionValues, Rule } from '../../src/engine/rule.js';
import type { HarnessFacts, HarnessLookup, HarnessSideConnector } from '../../src/model/harness-side.js';
import type { Loc } from '../../src/model/loc.js';
import type { Scope } from '../../src/model/scope.js';

// An inline rule tester in the style of ESLint's RuleTester: per rule, a table of valid and invalid
// cases, each a few YAML files written to a temporary folder and checked by the real engine with
// that rule alone (and the built-in checks). Cross-file golden folders stay in __tests__/fixtures
// and __tests__/repos.

/** The case's files by name; a string is one file, `pipeline.yaml`. */
export type Files = string | Readonly<Record<string, string>>;

export interface ValidCase {
  name: string;
  files: Files;
  /** The rule's options, as `rules.<id>` in the config gives them. */
  options?: OptionValues;
  /** What Harness answered for connectors the repo does not hold, as if its API had been asked (see `fromHarness`). */
  harness?: HarnessFacts;
}

export interface ExpectedRelated {
  messageId: string;
  line: number;
  column: number;
  /** Needed when the case has more than one file. */
  file?: string;
}

export interface ExpectedFinding {
  messageId: string;
  /** The message as the template and the report's data make it; compared when given. */
  message?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Needed when the case has more than one file. */
  file?: string;
  /** Default: the rule's severity (`notice` for `unresolved`). */
  severity?: Severity;
  /** An `unresolved-reference` notice the rule gives for a reference the repo cannot decide. */
  unresolved?: true;
  related?: ExpectedRelated[];
  /** The finding's file after its suggestion is applied (a suggestion is never applied by `fix`). */
  suggestion?: string;
  /** The Harness UI page of a connector only Harness holds. */
  harnessUrl?: string;
}

export interface InvalidCase extends ValidCase {
  /** Every finding of the rule, in the order the engine sorts them (file, line, column). */
  errors: ExpectedFinding[];
  /** The files `fix` changes with the safe fixes, as it leaves them; none when absent. */
  output?: Files;
}

export interface RuleTable {
  rule: Rule;
  valid: ValidCase[];
  invalid: InvalidCase[];
}

const DEFAULT_FILE = 'pipeline.yaml';
const filesOf = (files: Files): Record<string, string> => (typeof files === 'string' ? { [DEFAULT_FILE]: files } : { ...files });

/** Writes the files into a fresh folder, runs `fn` there, and removes the folder. */
function inFolder<T>(files: Files, fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-rule-'));
  try {
    for (const [name, text] of Object.entries(filesOf(files))) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const settings = (rule: Rule, dir: string, c: ValidCase) => ({
  rules: [rule],
  cwd: dir,
  paths: ['.'],
  configPath: false as const,
  ...(c.options ? { ruleOptions: { [rule.id]: c.options } } : {}),
  ...(c.harness ? { harnessFacts: c.harness } : {}),
});

/** A connector only Harness holds, as its API describes it: a Docker connector with the given URL unless `extra` says otherwise. */
export const harnessConnector = (identifier: string, scope: Scope, extra: Partial<HarnessSideConnector> = {}): HarnessSideConnector => ({
  identifier,
  scope,
  type: 'DockerRegistry',
  urls: ['https://registry.hub.docker.com'],
  delegateSelectors: [],
  uiUrl: `https://app.harness.io/ng/connectors/${identifier}`,
  ...extra,
});

/** Harness's answers: the connectors it holds, and the references (identifier at a scope) it has none for. */
export function fromHarness(found: HarnessSideConnector[], notFound: Array<{ identifier: string; scope: Scope }> = []): HarnessFacts {
  const at: Loc = { file: '(harness)', start: 0, end: 0, value: null, path: undefined, flags: 0 };
  const lookups: HarnessLookup[] = [
    ...found.map((connector) => ({
      identifier: connector.identifier,
      scope: connector.scope,
      at,
      answer: { kind: 'found' as const, connector },
    })),
    ...notFound.map(({ identifier, scope }) => ({ identifier, scope, at, answer: { kind: 'notFound' as const } })),
  ];
  return { host: 'app.harness.io', lookups, requests: lookups.length };
}

/** The rule's own findings and the unresolved-reference notices it gives. */
const ownFindings = (rule: Rule, findings: readonly Finding[]) =>
  findings.filter((f) => f.ruleId === rule.id || (f.ruleId === UNRESOLVED_REFERENCE && f.forRule === rule.id));

/** The template a message was made from: of those it matches, the one with the most fixed text. */
export function messageIdOf(rule: Rule, message: string): string | undefined {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matching = Object.entries(rule.messages).filter(([, template]) =>
    new RegExp(
      `^${template
        .split(/\{\{\s*\w+\s*\}\}/)
        .map(escape)
        .join('[^]*')}$`,
    ).test(message),
  );
  const fixed = (template: string) => template.replace(/\{\{\s*\w+\s*\}\}/g, '').length;
  return matching.sort(([, a], [, b]) => fixed(b) - fixed(a))[0]?.[0];
}

/** A finding as a case states it: only what the expectation names is compared, beyond message, place and severity. */
function describeFinding(rule: Rule, f: Finding, expected: ExpectedFinding | undefined, texts: Record<string, string>) {
  const unresolved = f.ruleId === UNRESOLVED_REFERENCE;
  const out: ExpectedFinding = { messageId: f.messageId ?? '(none)', line: f.line, column: f.column, file: f.file };
  if (expected?.message !== undefined) out.message = f.message;
  if (expected?.endLine !== undefined) out.endLine = f.endLine;
  if (expected?.endColumn !== undefined) out.endColumn = f.endColumn;
  out.severity = f.severity;
  if (unresolved) out.unresolved = true;
  if (f.related?.length)
    out.related = f.related.map((r) => ({
      messageId: messageIdOf(rule, r.message) ?? r.message,
      line: r.line,
      column: r.column,
      file: r.file,
    }));
  if (f.harnessUrl) out.harnessUrl = f.harnessUrl;
  if (f.suggestion) out.suggestion = applyEdits((texts[f.file] ?? '').replace(/^\uFEFF/, ''), f.suggestion.edits);
  return out;
}

/** An expectation with its defaults filled in: the only file, the rule's severity. */
function withDefaults(rule: Rule, e: ExpectedFinding, only: string | undefined): ExpectedFinding {
  const file = e.file ?? only;
  return {
    ...e,
    file: file ?? '(name the file: the case has several)',
    severity: e.severity ?? (e.unresolved ? 'notice' : rule.severity),
    ...(e.related ? { related: e.related.map((r) => ({ ...r, file: r.file ?? file ?? '(name the file)' })) } : {}),
  };
}

/**
 * Registers the table's tests, in the test file that defines it (`__tests__/rules/<id>.test.ts`);
 * imported anywhere else (the meta test reads every table), it is only data. Returns the table.
 */
export function testRule(definedIn: string, rule: Rule, cases: Omit<RuleTable, 'rule'>): RuleTable {
  const table = { rule, ...cases };
  if (path.basename(definedIn) !== `${rule.id}.test.ts`) throw new Error(`the table of ${rule.id} must be in ${rule.id}.test.ts`);
  if (expect.getState().testPath !== definedIn) return table;

  describe(rule.id, () => {
    test('case names are unique', () => {
      const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
      expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    });

    test.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', (_, c) => {
      const findings = inFolder(c.files, (dir) => lintSync(settings(rule, dir, c)).findings);
      expect(findings.filter((f) => f.ruleId === yamlSyntax.id)).toEqual([]);
      expect(ownFindings(rule, findings).map((f) => `${f.file}:${f.line}:${f.column} ${f.messageId}: ${f.message}`)).toEqual([]);
    });

    test.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', (_, c) => {
      const texts = filesOf(c.files);
      const names = Object.keys(texts);
      const { findings, fixed } = inFolder(c.files, (dir) => ({
        findings: lintSync(settings(rule, dir, c)).findings,
        fixed: applyFixes({ ...settings(rule, dir, c), dryRun: true }).files,
      }));
      expect(findings.filter((f) => f.ruleId === yamlSyntax.id)).toEqual([]);
      const own = ownFindings(rule, findings);
      const expected = c.errors.map((e) => withDefaults(rule, e, names.length === 1 ? names[0] : undefined));
      expect(own.map((f, i) => describeFinding(rule, f, expected[i], texts))).toEqual(expected);
      expect(Object.fromEntries(fixed.map((f) => [f.file, f.fixed]))).toEqual(c.output === undefined ? {} : filesOf(c.output));
    });
  });
  return table;
}
