/**
 * The migration report's data. The JSON format is exactly this object (`schemaVersion` 1); the
 * Markdown format renders the same object. README "Migration report" documents the shape.
 */
import type { HarnessImageOverride } from '../model/harness-side.js';

export interface MigrationReport {
  schemaVersion: 1;
  tool: { name: 'harness-registry-guard'; version: string };
  /** The "now" the report was made for (ISO 8601), given by the caller. */
  generatedAt: string;
  /**
   * Which repository and commit was scanned, for links and for merging many reports into one
   * (`report --merge`). Optional: set by the CLI's `report`, absent from reports made before it.
   */
  source?: ReportSource;
  eol: EndOfLife;
  replacementRegistryUrl: string;
  summary: ReportSummary;
  changes: Change[];
  /**
   * Errors and warnings that are no policy finding (a file that does not parse, a field of the wrong
   * shape, a bad suppression): what they cover was not checked. With `changes` they make up the
   * summary's errors and warnings. Absent from reports made before it existed.
   */
  notChecked?: NotChecked[];
  harnessSteps: HarnessStep[];
  connectors: ConnectorEntry[];
  /** Connectors the YAML references that are not in the repo (usually kept in Harness, not Git). */
  externalConnectors: ExternalConnector[];
  stages: StageEntry[];
  registries: RegistryGroup[];
  diagram: Diagram;
  /**
   * Connectors as Harness itself has them (read from its API, not from Git): those the repo uses and
   * does not hold, when the report was made with lookups (`HARNESS_API_KEY`). Facts only; who uses
   * them is in `externalConnectors`. `report --merge` carries them through, per connector.
   */
  harnessConnectors?: HarnessConnector[];
  /** What was asked of Harness, when lookups ran. */
  harnessLookups?: HarnessLookups;
  /** The account's CI image overrides (execution-config) that break a policy, when lookups ran: they have no line in the repo. */
  harnessImageOverrides?: HarnessImageOverride[];
}

/** What the lookups in Harness did. */
export interface HarnessLookups {
  /** The API's host. */
  host: string;
  /** The lookups in one sentence. */
  summary: string;
  found: number;
  /** References Harness has no connector for at the scope they name. */
  notFound: Array<{ ref: string; scope: string }>;
  /** Lookups that got no answer; `warning` says why. */
  failed: number;
  warning?: string;
  /** Why the CI image overrides of an infrastructure could not be read. */
  overridesUnread?: string[];
}

/** Where the scanned files come from. */
export interface ReportSource {
  /** `owner/name`: `GITHUB_REPOSITORY`, else the GitHub `origin` remote of the scanned directory, else the folder's name. */
  repository: string;
  /** The commit scanned: `GITHUB_SHA`, else `git rev-parse HEAD`; absent outside a git checkout. */
  commit?: string;
  /** Base URL for links: `GITHUB_SERVER_URL`, default `https://github.com`. */
  serverUrl: string;
  /** POSIX path from the repository's root to the folder the report's `file` paths are relative to; absent when that is the root. */
  directory?: string;
  /**
   * POSIX path from that folder to the repository's root, when the folder is outside it: above it
   * (`report repos/alpha` run from the parent; `directory` is then `../..`) or beside it
   * (`report ../other`): the paths inside the repository start with it.
   */
  checkout?: string;
}

/** A connector as Harness has it. Only `ref` and `scope` are required; other fields are carried through as they are. */
export interface HarnessConnector {
  /** How stages refer to it: `account.x`, `org.x` or `x`. */
  ref: string;
  /** `account`, `org <org>` or `project <org>/<project>`, as in `externalConnectors`. */
  scope: string;
  type?: string;
  url?: string;
  connectivity?: string;
  /** The connector's page in the Harness UI. */
  harnessUrl?: string;
  [field: string]: unknown;
}

export interface EndOfLife {
  /** The app.harness.io registry's end of life: 2024-05-15. */
  date: string;
  daysSince: number;
  /** "1 year, 2 months" style, from the calendar. */
  since: string;
}

export interface ReportSummary {
  files: number;
  pipelines: number;
  templates: number;
  inputSets: number;
  triggers: number;
  connectors: number;
  externalConnectors: number;
  stages: number;
  cloudStages: number;
  images: number;
  findings: { errors: number; warnings: number; notices: number };
  changes: number;
  safeFixes: number;
  suggestions: number;
  manual: number;
  harnessSteps: number;
}

/** Where something is written: POSIX path relative to the scanned directory, 1-based line. */
export interface Place {
  file: string;
  line: number;
}

export type EntityKind = 'pipeline' | 'template' | 'inputSet' | 'trigger';

export type UseKind = 'overrideImageConnector' | 'harnessImage' | 'codebase' | 'step' | 'serviceDependency' | 'baseImage';

/** Where a value comes from. */
export type ValueSource = 'stage' | 'template' | 'templateInputs' | 'default' | 'allowedValues' | 'inputSet' | 'trigger' | 'builtIn';

export interface ConnectorUse extends Place {
  ownerKind: EntityKind;
  owner: string;
  stage?: string;
  how: UseKind;
  step?: string;
  /** For override image connectors and runtime inputs: where the reference value comes from. */
  source?: ValueSource;
  /** The input set or trigger that supplies the value, for those sources. */
  via?: string;
  /** The stage runs on Harness Cloud. */
  cloud: boolean;
  /** Why this use breaks a policy, when it does (the diagram marks these edges). */
  failing?: string;
}

export interface ConnectorEntry extends Place {
  /** How a stage in the connector's own scope refers to it: `account.x`, `org.x` or `x`. */
  ref: string;
  identifier: string;
  name?: string;
  scope: { level: 'account' | 'org' | 'project'; org?: string; project?: string };
  type: string;
  urls: string[];
  provider?: string;
  /** `spec.auth.type`, `spec.credential.type` or `spec.authentication.type`; never a secret. */
  authType?: string;
  /** `platform` (executeOnDelegate: false), `delegate`, or `delegate (default)` when the field is absent. */
  connectivity: 'platform' | 'delegate' | 'delegate (default)';
  delegateSelectors: string[];
  usedBy: ConnectorUse[];
  /** Rule ids of the errors and warnings reported on the connector. */
  findings: string[];
}

export interface ExternalConnector {
  ref: string;
  /** Scope the reference resolves to, e.g. `account`, `org default`, `project default/payments`. */
  scope: string;
  usedBy: ConnectorUse[];
}

export interface StageEntry extends Place {
  ownerKind: 'pipeline' | 'template';
  owner: string;
  stage: string;
  name?: string;
  /** Effective infrastructure kind, after templates and `useFromStage`. */
  infrastructure: string;
  /** Where the infrastructure is defined when not in the stage itself: `template x`, `stage y`. */
  infrastructureFrom?: string;
  cloud: boolean;
  /** The image connector(s) that can take effect, with where each value comes from. */
  imageConnector: Array<{ ref: string; source: ValueSource; via?: string } & Place>;
  /** Set when the value is not written here: an expression, a runtime input nothing fills, or a template input its users fill. */
  imageConnectorUnknown?: 'expression' | 'runtime-input' | 'templateUsers';
}

export interface ImageEntry extends Place {
  image: string;
  kind: 'image' | 'helm' | 'executionConfig';
  field?: string;
  /** Rule ids of errors and warnings on this image. */
  findings: string[];
}

export interface RegistryGroup {
  /** Registry host and path prefix; `docker.io` for Docker Hub references without a host. */
  registry: string;
  images: ImageEntry[];
}

export interface EditChange {
  /** The YAML key whose value changes or is inserted, when there is one. */
  field?: string;
  /** The current text, or null when the key is absent and would be inserted. */
  current: string | null;
  proposed: string;
}

export interface ChangeItem extends Place {
  ruleId: string;
  severity: 'error' | 'warning' | 'notice';
  column: number;
  /** The finding's message: why. */
  why: string;
  fix: 'safe' | 'suggestion' | 'manual';
  /** What the fix or suggestion does; the rule's remediation for manual changes. */
  title: string;
  edits: EditChange[];
  docs: string;
  /** For a connector only Harness holds: its page in the Harness UI, where the change is made. */
  harnessUrl?: string;
}

export interface Change {
  target: { kind: 'connector'; identifier: string; file: string } | { kind: 'file'; file: string };
  items: ChangeItem[];
  /** Pipelines the change affects. */
  blastRadius: { pipelines: string[]; note?: string };
  /** Set for changes about the app.harness.io registry: days since its end of life. */
  daysSinceEol?: number;
}

export interface NotChecked extends Place {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface HarnessStep {
  /** What to check or do in Harness, one sentence. */
  action: string;
  /** The reference or value in question. */
  subject: string;
  /**
   * For a connector, the scope the reference resolves to (`account`, `org default`, `project
   * default/shop`): `org.x` from two orgs is two connectors, and two checks.
   */
  scope?: string;
  reason: string;
  places: Place[];
}

export interface Diagram {
  /** `stages`: pipelines with their stages; `pipelines`: one node per pipeline; `capped`: failing pipelines first, the rest grouped. */
  mode: 'stages' | 'pipelines' | 'capped';
  pipelinesShown: number;
  pipelinesTotal: number;
  failingEdges: number;
  mermaid: string;
}
