import type { Edit, Severity, Suggestion } from './finding.js';
import type { Entity } from '../model/entities.js';
import type { Loc } from '../model/loc.js';
import type { Project } from '../model/project.js';
import type { View } from '../model/view.js';
import type { SourceFile } from '../parse/source.js';

export type Fixable = 'safe' | 'suggestion' | 'none';

/** What every rule, built-in or policy, tells reporters, SARIF and the docs. */
export interface RuleMeta {
  id: string;
  /** The policy from DEVELOPERS.md the rule enforces; built-ins have none. */
  policy?: 1 | 2 | 3 | 4;
  severity: Severity;
  /** One sentence; also the SARIF shortDescription and the docs page's first line. */
  description: string;
  /** The Harness docs page the policy comes from. */
  harnessDocs: string;
  /** What to change, for reports. */
  remediation: string;
  fixable: Fixable;
  /** The rule's settings, as ESLint's `meta.schema`: each one a JSON Schema and a default. */
  options?: Readonly<Record<string, RuleOption>>;
}

/** One setting of a rule, set in the config under `rules.<id>` (or, with `topLevel`, at the top of the config). */
export interface RuleOption<T = unknown> {
  description: string;
  /** JSON Schema of the value; the config and any command-line flag are validated against it. */
  schema: object;
  default: T;
  /** Also accepted as a top-level key of the config file, where earlier versions read it. */
  topLevel?: boolean;
}

/** The option values a rule's `check` gets, typed from its option declarations' defaults. */
export type ValuesOf<D> = { [K in keyof D]: D[K] extends RuleOption<infer T> ? T : never };

export interface RelatedReport<N = Loc> {
  at: N;
  message: string;
}

/** What a rule reports. `N` is where: a `View` for file rules, a `Loc` for project rules. */
export interface Report<M extends string, N = Loc> {
  at: N;
  /** Offsets in `at`'s file when the finding is a part of the node: a reference inside a longer string. */
  span?: [number, number];
  messageId: M;
  data?: Record<string, string | number>;
  /** Defaults to the rule's severity; `notice` for values that cannot be known statically. */
  severity?: Severity;
  /** Identifier of the Harness entity the finding is in. */
  entity?: string;
  related?: RelatedReport<N>[];
  /** The Harness UI page of the connector the finding is about, when only Harness holds it. */
  harnessUrl?: string;
  /** Safe fix: edits on the file of `at` (see model/yaml-edits.ts). Only for rules whose `fixable` is `safe`. */
  fix?: Edit[];
  /** One sentence saying what the fix changes (and anything it leaves in place). */
  fixTitle?: string;
  /** A change a human must confirm; never applied by `fix`. */
  suggestion?: Suggestion;
}

/**
 * A policy the repo cannot decide: an `unresolved-reference` notice that belongs to the rule that
 * reports it. Its message is one of the rule's messages, like any report. A `warning` when Harness
 * was asked and has no such connector either: the pipeline fails at run time.
 */
export type UnresolvedReport<M extends string> = Pick<Report<M>, 'at' | 'messageId' | 'data' | 'entity' | 'related'> & {
  severity?: 'warning';
};

/** Option values, keyed by option name. */
export type OptionValues = Record<string, unknown>;

/**
 * What a file rule sees: one parsed file, wherever it is checked (a worker thread, or the main
 * one). File rules are the ones whose every finding is decided by a single file.
 */
export interface FileContext<M extends string, O extends OptionValues = OptionValues> {
  file: SourceFile;
  /** YAML embedded in the file (a trigger's `inputYaml`), parsed; positions map into the file. */
  embedded: readonly SourceFile[];
  /** The file's Harness entities, as parsed, each with the map under its top-level key. */
  entities: ReadonlyArray<{ entity: Entity<View>; root: View }>;
  /** The rule's options: its defaults, overridden by the config and the command line. */
  options: O;
  report(r: Report<M, View>): void;
}

/** What a project rule sees: the model of every file of the scan, for questions across files. */
export interface ProjectContext<M extends string, O extends OptionValues = OptionValues> {
  project: Project;
  options: O;
  report(r: Report<M>): void;
  /** Reports a reference the repo cannot resolve, where that leaves this rule's policy undecided. */
  unresolved(r: UnresolvedReport<M>): void;
}

/**
 * A rule: its metadata and messages, and its checks. `checkFile` sees one parsed file at a time
 * (wherever it is scanned: a worker thread or the main one); `checkProject` sees the facts of
 * every file, for questions across files (a stage and the connector it names). A rule has either
 * or both: a policy about a connector's URL is decided in its file, and again for connectors
 * that only Harness holds.
 */
export interface Rule<M extends string = string, O extends OptionValues = OptionValues> extends RuleMeta {
  /** Message templates; `{{name}}` is filled from the report's data, which holds names and values, never sentences. */
  messages: Record<M, string>;
  checkFile?(ctx: FileContext<M, O>): void;
  checkProject?(ctx: ProjectContext<M, O>): void;
}

type Definition<M extends string, D> = Omit<RuleMeta, 'options'> & {
  options?: D;
  messages: Record<M, string>;
  checkFile?(ctx: FileContext<M, ValuesOf<D>>): void;
  checkProject?(ctx: ProjectContext<M, ValuesOf<D>>): void;
};

/**
 * Typed rule definition: a report with an unknown messageId, or a use of an option the rule does not
 * declare, does not compile. Option values are typed from the declared defaults.
 */
export function defineRule<M extends string, D extends Record<string, RuleOption> = Record<never, RuleOption>>(
  rule: Definition<M, D>,
): Rule {
  if (!rule.checkFile && !rule.checkProject) throw new Error(`rule ${rule.id} has no check`);
  return rule as unknown as Rule;
}

/** The value of each of a rule's options: its default, then the config's, then the command line's. */
export function optionDefaults(meta: RuleMeta): OptionValues {
  return Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, o]) => [k, o.default]));
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}
