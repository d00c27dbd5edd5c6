import { SourceTexts } from '../engine/file-text.js';
import type { LintResult } from '../engine/lint.js';
import { totals } from '../formats/totals.js';
import { jsonPieces, REPORT_DEPTH } from '../formats/json-pieces.js';
import noAppHarnessRegistry from '../rules/no-app-harness-registry.js';
import { VERSION } from '../version.js';
import { buildChanges, buildNotChecked } from './changes.js';
import { buildInventory } from './inventory.js';
import { renderMarkdown } from './markdown.js';
import { buildDiagram } from './mermaid.js';
import { answeredRefs, harnessConnectorsOf, harnessLookupsOf } from './harness-side.js';
import { buildHarnessSteps, buildRegistries } from './steps.js';
import type { EndOfLife, MigrationReport, ReportSource } from './types.js';
import type { HarnessImageOverrides } from '../model/harness-side.js';

export type { MigrationReport, ReportSource } from './types.js';
export { detectSource } from './source.js';
export const REPORT_FORMATS = ['markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** The moment the report describes; pass a fixed date for reproducible output. Default: the current time. */
  now?: Date;
  /** The repository and commit scanned (see `detectSource`); recorded as the report's `source` when given. */
  source?: ReportSource;
  /** The account's CI image overrides read from Harness (with lookups on). */
  harnessOverrides?: HarnessImageOverrides;
}

/** app.harness.io/registry end of life (Harness docs: "The registry end point will be end of life on 15 May 2024"). */
export const APP_HARNESS_EOL = '2024-05-15';

/** Builds the migration report's data from a lint result (which carries the project model). */
export function buildReport(result: LintResult, options: ReportOptions = {}): MigrationReport {
  const now = options.now ?? new Date();
  const { project, findings } = result;
  const eol = endOfLife(now);
  const inv = buildInventory(project, findings, result.place);
  if (!result.images) throw new Error('the migration report needs the images: lint with `images: true`');
  const images = result.images;
  const texts = new SourceTexts(result.cwd);
  const textOf = (file: string) => texts.get(file);
  const execConfigFiles = new Set(images.filter((i) => i.kind === 'executionConfig').map((i) => i.at.file));
  const changes = buildChanges(project, findings, inv, eol.daysSince, textOf, execConfigFiles);
  // What Harness answered needs no check there: the Harness-side section states it.
  const answered = result.harness ? answeredRefs(result.harness) : new Set<string>();
  const harnessSteps = buildHarnessSteps(findings, { ...inv, external: inv.external.filter((x) => !answered.has(`${x.scope}\0${x.ref}`)) });
  const registries = buildRegistries(images, findings, result.place);
  const pipelineStages = new Map<string, Array<{ stage: string; infrastructure: string }>>();
  for (const p of project.pipelines) pipelineStages.set(p.identifier, []);
  for (const s of inv.stages)
    if (s.ownerKind === 'pipeline') pipelineStages.get(s.owner)?.push({ stage: s.stage, infrastructure: s.infrastructure });
  const items = changes.flatMap((c) => c.items);
  const t = totals(findings);
  return {
    schemaVersion: 1,
    tool: { name: 'harness-registry-guard', version: VERSION },
    generatedAt: now.toISOString(),
    ...(options.source ? { source: options.source } : {}),
    eol,
    replacementRegistryUrl: String(result.options[noAppHarnessRegistry.id]?.replacementRegistryUrl ?? ''),
    summary: {
      files: result.filesScanned,
      pipelines: project.pipelines.length,
      templates: project.templates.length,
      inputSets: project.inputSets.filter((s) => s.kind === 'inputSet').length + project.overlayInputSets.length,
      triggers: project.inputSets.filter((s) => s.kind === 'trigger').length + project.disabledTriggers.length,
      connectors: inv.connectors.length,
      externalConnectors: inv.external.length,
      stages: inv.stages.filter(inv.counts).length,
      cloudStages: inv.stages.filter((s) => s.cloud && inv.counts(s)).length,
      images: registries.reduce((n, r) => n + r.images.length, 0),
      findings: { errors: t.errors, warnings: t.warnings, notices: t.notices },
      changes: items.length,
      safeFixes: items.filter((i) => i.fix === 'safe').length,
      suggestions: items.filter((i) => i.fix === 'suggestion').length,
      manual: items.filter((i) => i.fix === 'manual').length,
      harnessSteps: harnessSteps.length,
    },
    changes,
    notChecked: buildNotChecked(findings),
    harnessSteps,
    connectors: inv.connectors,
    externalConnectors: inv.external,
    stages: inv.stages,
    registries,
    diagram: buildDiagram(inv, pipelineStages),
    ...(result.harness
      ? {
          harnessConnectors: harnessConnectorsOf(result.harness),
          harnessLookups: harnessLookupsOf(result.harness, options.harnessOverrides),
          ...(options.harnessOverrides ? { harnessImageOverrides: options.harnessOverrides.overrides } : {}),
        }
      : {}),
  };
}

/** The migration report as Markdown (GitHub job summary, PR comment, file) or JSON (dashboards). */
export function renderReport(result: LintResult, format: ReportFormat = 'markdown', options: ReportOptions = {}): string {
  return [...reportPieces(result, format, options)].join('');
}

/** `renderReport`'s text in pieces to write as they come: the JSON of a large repo is never held whole. */
export function reportPieces(result: LintResult, format: ReportFormat = 'markdown', options: ReportOptions = {}): Iterable<string> {
  const report = buildReport(result, options);
  return format === 'json' ? jsonPieces(report, REPORT_DEPTH) : [renderMarkdown(report)];
}

/** Days and calendar time since the app.harness.io registry's end of life (0 before it). */
export function endOfLife(now: Date): EndOfLife {
  const eol = new Date(`${APP_HARNESS_EOL}T00:00:00Z`);
  const daysSince = Math.max(0, Math.floor((now.getTime() - eol.getTime()) / 86_400_000));
  let months = (now.getUTCFullYear() - eol.getUTCFullYear()) * 12 + now.getUTCMonth() - eol.getUTCMonth();
  if (now.getUTCDate() < eol.getUTCDate()) months--;
  months = Math.max(0, months);
  const parts = [];
  if (months >= 12) parts.push(`${Math.floor(months / 12)} year${months >= 24 ? 's' : ''}`);
  if (months % 12) parts.push(`${months % 12} month${months % 12 === 1 ? '' : 's'}`);
  if (!parts.length) parts.push(`${daysSince} day${daysSince === 1 ? '' : 's'}`);
  return { date: APP_HARNESS_EOL, daysSince, since: parts.join(', ') };
}
