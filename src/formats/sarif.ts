import crypto from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { levelOf } from '../engine/config.js';
import { fromRepoRoot } from '../engine/discover.js';
import type { Finding, Severity } from '../engine/finding.js';
import { SourceTexts } from '../engine/file-text.js';
import type { LintResult } from '../engine/lint.js';
import type { RuleMeta } from '../engine/rule.js';
import { lookupFailureWarning } from '../model/harness-side.js';
import { TOOL_NAME, VERSION } from '../version.js';
import { defaultDocsBaseUrl, PROJECT_URL, ruleDocsUrl } from './links.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`): one run, the rules
 * that ran as `tool.driver.rules`, a region per result, `relatedLocations` for cross-file findings,
 * and a `primaryLocationLineHash` that depends on what is wrong and where in the YAML structure,
 * not on the line number, so alerts survive unrelated edits above them.
 */

export interface SarifOptions {
  /** Base URL of the rule pages; `<base>/<rule-id>.md` becomes each rule's helpUri. */
  docsBaseUrl?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', notice: 'note' };

// Minimal SARIF types: only what we write.
interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SarifRegion };
  message?: { text: string };
}
export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: 'inSource' | 'external'; justification?: string }>;
  properties?: Record<string, unknown>;
}
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: { driver: Record<string, unknown> & { rules: Array<Record<string, unknown>> } };
    automationDetails: { id: string };
    columnKind: 'utf16CodeUnits';
    originalUriBaseIds: Record<string, { description: { text: string } }>;
    invocations: Array<{
      executionSuccessful: boolean;
      toolExecutionNotifications?: Array<{ level: 'error' | 'warning'; message: { text: string } }>;
    }>;
    results: SarifResult[];
  }>;
}

/** Percent-encodes a POSIX relative path for a SARIF `uri` (spaces, `#`, `%`, non-ASCII), keeping `/`. */
export const toUri = (file: string) => file.split('/').map(encodeURIComponent).join('/');

function region(p: { line: number; column: number; endLine: number; endColumn: number }): SarifRegion {
  const endLine = Math.max(p.line, p.endLine);
  // SARIF endColumn is exclusive, as ours is; an empty region (a whole-file finding) is one column wide.
  const endColumn = endLine === p.line ? Math.max(p.column + 1, p.endColumn) : Math.max(1, p.endColumn);
  return { startLine: p.line, startColumn: p.column, endLine, endColumn };
}

/** Where a file is for SARIF: from the repository root, or (outside it) an absolute file URI. */
type Artifact = (file: string) => { uri: string; uriBaseId?: string };

const location = (artifact: Artifact, file: string, p: Parameters<typeof region>[0]): SarifLocation => ({
  physicalLocation: { artifactLocation: artifact(file), region: region(p) },
});

function ruleDescriptor(rule: RuleMeta, docsBaseUrl: string): Record<string, unknown> {
  const helpUri = ruleDocsUrl(rule.id, docsBaseUrl);
  const name = rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  return {
    id: rule.id,
    // A name that is the id in other case (`Schema`) is one SARIF validators warn about (SARIF1001).
    ...(name.toLowerCase() !== rule.id.toLowerCase() ? { name } : {}),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    helpUri,
    help: {
      text: `${rule.description}\n\nWhat to change: ${rule.remediation}\n\nHarness documentation: ${rule.harnessDocs}\nRule page: ${helpUri}`,
      markdown: `${rule.description}\n\n**What to change:** ${rule.remediation}\n\n[Harness documentation](${rule.harnessDocs}) · [Rule page](${helpUri})`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['harness', rule.policy ? 'policy' : 'checker'],
      precision: 'high',
      'problem.severity': rule.severity === 'notice' ? 'recommendation' : rule.severity,
    },
  };
}

/** The text a finding points at in its file's text; undefined without the text. */
function regionText(text: string | undefined, f: Finding): string | undefined {
  if (text === undefined) return undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (f.line < 1 || f.line > lines.length) return undefined;
  if (f.endLine <= f.line) return lines[f.line - 1]!.slice(f.column - 1, Math.max(f.column - 1, f.endColumn - 1));
  const parts = [
    lines[f.line - 1]!.slice(f.column - 1),
    ...lines.slice(f.line, f.endLine - 1),
    (lines[f.endLine - 1] ?? '').slice(0, f.endColumn - 1),
  ];
  return parts.join('\n');
}

/**
 * Stable fingerprints: sha256 of rule id, file and what the finding is about (the core's identity:
 * semantic YAML path and value hash; else YAML path or entity and the offending text), so a line
 * moving does not change it; `:n` counts repeats of the same key in file order (GitHub's form).
 */
export function fingerprints(
  findings: readonly Finding[],
  textOf: (file: string) => string | undefined = () => undefined,
  /** The file as the fingerprint names it (from the repository root, so it does not depend on where the check ran). */
  named: (file: string) => string = (file) => file,
): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    // The core's identity (semantic path + value hash, also what baselines match on) when it has one.
    const key = f.identity
      ? [f.ruleId, named(f.file), f.identity.path, f.identity.valueHash].join('\0')
      : [f.ruleId, named(f.file), f.yamlPath ?? f.entity ?? '', (regionText(textOf(f.file), f) ?? f.message).trim()].join('\0');
    const hash = crypto.createHash('sha256').update(key).digest('hex').slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

/** Escapes `[` and `]` in plain text that goes inside a SARIF message with embedded links. */
const escapeLinkText = (s: string) => s.replace(/[\\[\]]/g, (c) => `\\${c}`);

export function toSarif(
  result: Pick<LintResult, 'findings' | 'internalErrors' | 'rules'> & Partial<Pick<LintResult, 'cwd' | 'harness' | 'config' | 'scope'>>,
  opts: SarifOptions = {},
): SarifLog {
  const docsBaseUrl = (opts.docsBaseUrl ?? defaultDocsBaseUrl()).replace(/\/+$/, '');
  // The rules that ran: not those the config turns off.
  const rules = result.rules.filter((r) => levelOf(result.config, r.id) !== 'off');
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const cwd = result.cwd;
  const texts = cwd === undefined ? undefined : new SourceTexts(cwd);
  // Paths from the repository root, as %SRCROOT% says, whichever folder the check ran from.
  const inRepo = cwd === undefined ? (file: string) => file : fromRepoRoot(cwd, result.scope?.root);
  const artifact: Artifact = (file) => {
    const rel = inRepo(file);
    return rel === undefined ? { uri: pathToFileURL(path.resolve(cwd!, file)).href } : { uri: toUri(rel), uriBaseId: '%SRCROOT%' };
  };
  const prints = fingerprints(result.findings, texts && ((file) => texts.get(file)), (file) => inRepo(file) ?? file);
  const results = result.findings.map((f, i): SarifResult => {
    const out: SarifResult = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? -1,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [location(artifact, f.file, f)],
      partialFingerprints: { primaryLocationLineHash: prints[i]! },
    };
    if (out.ruleIndex < 0) delete (out as Partial<SarifResult>).ruleIndex;
    // Accepted findings stay in the log as suppressed results: code scanning shows them as dismissed.
    if (f.suppressed)
      out.suppressions = [
        {
          kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external',
          ...(f.suppressed.reason ? { justification: f.suppressed.reason } : {}),
        },
      ];
    if (f.related?.length) {
      out.relatedLocations = f.related.map((r, j) => ({ id: j + 1, ...location(artifact, r.file, r), message: { text: r.message } }));
      const links = f.related.map((r, j) => `[${escapeLinkText(`${r.file}:${r.line}`)}](${j + 1})`);
      out.message.text = `${f.message} Related: ${links.join(', ')}.`;
    }
    const properties = {
      ...(f.entity ? { entity: f.entity } : {}),
      ...(f.yamlPath ? { yamlPath: f.yamlPath } : {}),
      // A connector only Harness holds has no artifact in the repo: its UI page is a property of the result.
      ...(f.harnessUrl ? { harnessUrl: f.harnessUrl } : {}),
    };
    if (Object.keys(properties).length) out.properties = properties;
    return out;
  });
  const invocation: SarifLog['runs'][number]['invocations'][number] = { executionSuccessful: result.internalErrors.length === 0 };
  const lookups = result.harness && lookupFailureWarning(result.harness);
  const notifications = [
    ...result.internalErrors.map((e) => ({ level: 'error' as const, message: { text: e.split('\n')[0]! } })),
    ...(lookups ? [{ level: 'warning' as const, message: { text: lookups } }] : []),
  ];
  if (notifications.length) invocation.toolExecutionNotifications = notifications;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: VERSION,
            semanticVersion: VERSION,
            informationUri: PROJECT_URL,
            rules: rules.map((r) => ruleDescriptor(r, docsBaseUrl)),
          },
        },
        automationDetails: { id: `${TOOL_NAME}/` },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The root of the checked-out repository (the folder holding .git).' } },
        },
        invocations: [invocation],
        results,
      },
    ],
  };
}

export function formatSarif(result: LintResult, opts?: SarifOptions): string {
  return JSON.stringify(toSarif(result, opts), null, 2) + '\n';
}
