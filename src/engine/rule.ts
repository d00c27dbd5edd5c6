import type { Edit, Severity, Suggestion } from './finding.js';
import type { Connector, Entity } from '../model/entities.js';
import type { HarnessSideConnector } from '../model/harness-side.js';
import type { Loc } from '../model/loc.js';
import type { Project } from '../model/project.js';
import type { View } from '../model/view.js';
import type { SourceFile } from '../parse/source.js';

export type Fixable = 'safe' | 'suggestion' | 'none';

/** What every rule, built-in or policy, tells reporters, SARIF and the docs. */
export interface RuleMeta {
  id: string;
  /** The number of the image-registry policy the rule enforces (README "The rules"); built-ins have none. */
  policy?: number;
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
  /** Its findings are uses of the app.harness.io registry, shut down on 15 May 2024: the migration report says how long ago. */
  aboutRetiredRegistry?: boolean;
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

/** Data a message template is filled from: names and values, never sentences. */
export type MessageData = Record<string, string | number>;

/** Another place that explains a report (each use of a connector); its message is one of the rule's, like the report's. */
export interface RelatedReport<M extends string = string, N = Loc> {
  at: N;
  messageId: M;
  data?: MessageData;
}

/** What a rule reports. `N` is where: a `View` for file rules, a `Loc` for project rules. */
export interface Report<M extends string, N = Loc> {
  at: N;
  /** Offsets in `at`'s file when the finding is a part of the node: a reference inside a longer string. */
  span?: [number, number];
  messageId: M;
  data?: MessageData;
  /** Defaults to the rule's severity; `notice` for values that cannot be known statically. */
  severity?: Severity;
  /** Identifier of the Harness entity the finding is in. */
  entity?: string;
  related?: RelatedReport<M, N>[];
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
  /**
   * The messages `unresolved` gives for a value left to run time (a runtime input nothing in the
   * repo fills, an expression): the migration report asks to check those values where they are supplied.
   */
  runtimeValueMessages?: readonly M[];
  checkFile?(ctx: FileContext<M, O>): void;
  checkProject?(ctx: ProjectContext<M, O>): void;
  /** Why one use of a connector breaks the rule's policy, in a few words, for the migration report; undefined when it does not. */
  connectorUseFailure?(use: ConnectorUseFacts): string | undefined;
  /** What to change in Harness on a connector only Harness holds that the rule reports, one sentence, for the migration report. */
  changeInHarness?(replacementRegistryUrl: string): string;
}

/** One use of a connector, as the migration report asks the rules about it. */
export interface ConnectorUseFacts {
  /** The reference as the stage (or input set, trigger, template) gives it. */
  ref: string;
  /** The connector it resolves to; absent when the repo does not hold it. */
  connector?: Connector;
  /** The connector Harness holds for it at the scope it resolves to, when the repo does not hold it and Harness was asked. */
  inHarness?: HarnessSideConnector;
  /** The using stage runs on Harness Cloud. */
  cloud: boolean;
  /** The reference is an Override Image Connector (`harnessImageConnectorRef`). */
  imageConnector: boolean;
  /** Ids of the rules with errors or warnings on the connector. */
  findings: readonly string[];
}

type Definition<M extends string, D> = Omit<RuleMeta, 'options'> & {
  options?: D;
  messages: Record<M, string>;
  runtimeValueMessages?: readonly NoInfer<M>[];
  checkFile?(ctx: FileContext<M, ValuesOf<D>>): void;
  checkProject?(ctx: ProjectContext<M, ValuesOf<D>>): void;
  connectorUseFailure?(use: ConnectorUseFacts): string | undefined;
  changeInHarness?(replacementRegistryUrl: string): string;
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

/** A rule's message `id`, filled from `data`. */
export function messageOf(rule: Pick<Rule, 'messages'>, id: string, data?: MessageData): string {
  return formatMessage(rule.messages[id] ?? id, data);
}

function formatMessage(template: string, data: MessageData = {}): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  // Joined, not concatenated: `+` makes a rope of the parts, and a large repo keeps hundreds of
  // thousands of these messages (the 100,000-pipeline repo peaked 55 MB higher).
  const out: string[] = [parts[0]!];
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i]!;
    out.push(k in data ? String(data[k]) : `{{${k}}}`, parts[i + 1]!);
  }
  return out.join('');
}

/**
 * A message template split at its placeholders: text, name, text, ... Found once per template: a
 * large repo's findings list thousands of related locations, each with its message.
 */
function partsOf(template: string): readonly string[] {
  let parts = templateParts.get(template);
  if (!parts) {
    if (templateParts.size >= 1000) templateParts.clear();
    templateParts.set(template, (parts = template.split(/\{\{\s*(\w+)\s*\}\}/)));
  }
  return parts;
}
const templateParts = new Map<string, readonly string[]>();
