import type { Edit, Located, Severity, Suggestion } from './finding.js';
import type { ImageCatalogue } from '../model/images.js';
import type { Project } from '../model/project.js';

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
}

export interface RuleOptions {
  /** Registry URL that replaces app.harness.io/registry in messages and fixes. */
  replacementRegistryUrl: string;
  catalogue: ImageCatalogue;
  /**
   * `assumeHarnessCloudImageConnector` in the config: `account.harnessImage` is known to connect
   * through the Harness Platform, so its absence from the repo leaves nothing undecided.
   */
  assumeHarnessCloudImageConnector?: boolean;
}

export interface RelatedReport {
  at: Located;
  message: string;
}

export interface Report<M extends string> {
  at: Located;
  /** Offsets in `at`'s file when the finding is a part of the node: a reference inside a longer string. */
  span?: [number, number];
  messageId: M;
  data?: Record<string, string | number>;
  /** Defaults to the rule's severity; `notice` for values that cannot be known statically. */
  severity?: Severity;
  /** Identifier of the Harness entity the finding is in. */
  entity?: string;
  related?: RelatedReport[];
  /** Safe fix: edits on the file of `at` (see engine/edits.ts). Only for rules whose `fixable` is `safe`. */
  fix?: Edit[];
  /** One sentence saying what the fix changes (and anything it leaves in place). */
  fixTitle?: string;
  /** A change a human must confirm; never applied by `fix`. */
  suggestion?: Suggestion;
}

/** A policy the repo cannot decide: an `unresolved-reference` notice that belongs to the rule that reports it. */
export interface UnresolvedReport {
  at: Located;
  message: string;
  entity?: string;
  related?: RelatedReport[];
}

export interface RuleContext<M extends string> {
  project: Project;
  options: RuleOptions;
  report(r: Report<M>): void;
  /** Reports a reference the repo cannot resolve, where that leaves this rule's policy undecided. */
  unresolved(r: UnresolvedReport): void;
}

export interface Rule<M extends string = string> extends RuleMeta {
  /** Message templates; `{{name}}` is filled from the report's data. */
  messages: Record<M, string>;
  check(ctx: RuleContext<M>): void;
}

/** Typed rule definition: a report with an unknown messageId does not compile. */
export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => (k in data ? String(data[k]) : `{{${k}}}`));
}

export const DOCS_CONNECT_REGISTRY =
  'https://developer.harness.io/docs/platform/connectors/artifact-repositories/connect-to-harness-container-image-registry-using-docker-connector';
export const DOCS_DOCKER_CONNECTOR =
  'https://developer.harness.io/docs/platform/connectors/cloud-providers/ref-cloud-providers/docker-registry-connector-settings-reference';
export const DOCS_HARNESS_CLOUD =
  'https://developer.harness.io/docs/continuous-integration/use-ci/set-up-build-infrastructure/use-harness-cloud-build-infrastructure';
export const DOCS_CI_IMAGES = 'https://developer.harness.io/docs/continuous-integration/use-ci/set-up-build-infrastructure/harness-ci';
