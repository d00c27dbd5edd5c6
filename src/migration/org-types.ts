/**
 * The organisation report: many repositories' migration reports (`report --format json`) merged by
 * `report --merge`. The JSON format is exactly this object; the Markdown format renders it. README
 * "Migration report" documents the shape. Every list is sorted, so the same reports give the same
 * bytes whatever order the files are named in.
 */
import type { ConnectorUse, EndOfLife, EntityKind, HarnessConnector, NotChecked, Place, ReportSummary } from './types.js';

export interface OrgReport {
  schemaVersion: 1;
  kind: 'organisation';
  tool: { name: 'harness-registry-guard'; version: string };
  /** The oldest and newest `generatedAt` of the merged reports (the merge adds no clock of its own). */
  scanned: { from: string; to: string };
  /** From the newest report. */
  eol: EndOfLife;
  totals: OrgTotals;
  repositories: OrgRepository[];
  /** Policy findings (the reports' change items) by rule, with the count in each repository. */
  rules: OrgRuleTotal[];
  /** Account- and org-scope connectors, each once for the whole account or org, with every repository, pipeline and stage using it. */
  connectors: OrgConnector[];
  /**
   * The reports' checks in Harness, deduplicated: a check on an account or org connector appears once, listing where it comes from.
   * Reports made with lookups add the changes their Harness-side connectors need and the account's CI image overrides that break a policy.
   */
  harnessSteps: OrgHarnessStep[];
  /** The reports' `harnessConnectors`, deduplicated; present only when some report has them. */
  harnessConnectors?: Array<HarnessConnector & { repositories: string[] }>;
}

export interface OrgTotals extends Pick<
  ReportSummary,
  | 'files'
  | 'pipelines'
  | 'templates'
  | 'stages'
  | 'cloudStages'
  | 'images'
  | 'findings'
  | 'changes'
  | 'safeFixes'
  | 'suggestions'
  | 'manual'
> {
  repositories: number;
  /** Entries of `connectors`, and how many of them more than one repository uses or defines. */
  connectors: number;
  sharedConnectors: number;
  /** Entries of `harnessSteps` (after deduplication). */
  harnessSteps: number;
}

export interface OrgRepository {
  repository: string;
  /** The commit scanned, when the report recorded it; links need it. */
  commit?: string;
  serverUrl?: string;
  directory?: string;
  /** `{serverUrl}/{repository}/tree/{commit}`, when the commit is known. */
  url?: string;
  /** The report had no `source` (made before it existed): `repository` is the file's name. */
  sourceMissing?: true;
  generatedAt: string;
  toolVersion: string;
  summary: ReportSummary;
  /** Every change item of the report, with a link to its line at the commit scanned. */
  changes: OrgChange[];
  /** The report's `notChecked` (errors and warnings that are no policy finding), linked; absent when it has none. */
  notChecked?: Array<NotChecked & { link?: string }>;
}

export interface OrgChange extends Place {
  ruleId: string;
  severity: 'error' | 'warning' | 'notice';
  fix: 'safe' | 'suggestion' | 'manual';
  title: string;
  link?: string;
}

export interface OrgRuleTotal {
  ruleId: string;
  total: number;
  repositories: Array<{ repository: string; count: number }>;
}

/** A place in one repository, with its link (`{serverUrl}/{repository}/blob/{commit}/{path}#L{line}`) when the commit is known. */
export interface OrgPlace extends Place {
  repository: string;
  link?: string;
}

export type OrgUse = ConnectorUse & { repository: string; link?: string };

export interface OrgConnector {
  /** `account.x` or `org.x`. */
  ref: string;
  identifier: string;
  scope: { level: 'account' } | { level: 'org'; org: string };
  /** Repositories that use or define it. */
  repositories: string[];
  /** Every pipeline (or template, input set, trigger) using it, per repository, with the stages. */
  affects: Array<{ repository: string; ownerKind: EntityKind; owner: string; stages: string[] }>;
  /** Uses that break a policy (`failing` set), but a template's own, which the pipelines instantiating it repeat. */
  failingUses: number;
  /** Where its YAML is, in the repositories that keep it in Git. */
  definitions: OrgDefinition[];
  /** The definitions disagree on type, URLs or connectivity (only one of them can be what Harness has). */
  definitionsDiffer?: true;
  /** What Harness says about it (the reports' `harnessConnectors`), when known. */
  harness?: Array<HarnessConnector & { repositories: string[] }>;
  /** Repositories whose lookups Harness answered it has no such connector: references to it fail at run time. */
  notInHarness?: string[];
  usedBy: OrgUse[];
}

export interface OrgDefinition extends OrgPlace {
  name?: string;
  type: string;
  urls: string[];
  connectivity: string;
  /** Rule ids of the errors and warnings on it in that repository. */
  findings: string[];
}

export interface OrgHarnessStep {
  subject: string;
  /** `account` or `org <org>`: one check for every repository; `repository <owner/name>`: a value only that repository sets. */
  scope: string;
  /** The distinct actions the reports ask for. */
  actions: string[];
  repositories: string[];
  from: Array<{ repository: string; action: string; reason: string; places: OrgPlace[] }>;
  /**
   * For an account or org connector that some repository keeps in Git: where. A repository that
   * only references it cannot know this; the merge can.
   */
  definedIn?: OrgPlace[];
}
