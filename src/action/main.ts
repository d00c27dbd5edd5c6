import fs from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { ConfigError } from '../engine/config.js';
import { UsageError } from '../engine/errors.js';
import { failingFindings, type Finding } from '../engine/finding.js';
import { lintSync, type LintResult, type LintSettings } from '../engine/lint.js';
import { createGitHubApi, redact, type CheckConclusion, type GitHubApi } from '../github/client.js';
import { publishCheckRun, toCheckRunAnnotation } from '../github/checks.js';
import { changeScope } from '../github/changed-files.js';
import { readRunContext, type RunContext } from '../github/context.js';
import { gitShow } from '../github/git.js';
import { fetchPatches, suggestedChanges, syncSuggestions } from '../github/suggestions.js';
import { renderReport } from '../migration/index.js';
import { planAnnotations } from '../formats/github.js';
import { renderMarkdown, type ConnectorImpact, type LinkBase } from '../formats/markdown.js';
import { defaultDocsBaseUrl, formatSarif } from '../formats/sarif.js';
import { plural, totals } from '../formats/totals.js';
import { detectChanges, type ChangeDetection } from './detect-changes.js';
import { baseOverlay, changesConnectors, connectorImpacts } from './impact.js';
import { allRules, rules } from '../rules/index.js';
import { gateSources } from './gate.js';
import { getSettings, InputError, type ActionSettings } from './inputs.js';

export const CHECK_RUN_NAME = 'harness-registry-guard';
/** The check run's `output.summary` holds at most 65,535 characters. */
const CHECK_SUMMARY_MAX_BYTES = 60_000;
/** The job summary may hold 1 MiB per step; keep a margin. */
const SUMMARY_MAX_BYTES = 1_000_000;
/** Warning annotations given to changes of the gate; the summary lists them all. */
const MAX_GATE_ANNOTATIONS = 5;

type Env = Record<string, string | undefined>;

export interface RunDeps {
  createApi?: (token: string, baseUrl: string) => GitHubApi;
}

/** Exit codes, also the `exit-code` output: 0 nothing reaches fail-on, 1 something does, 2 bad input or internal error. */
export type ExitCode = 0 | 1 | 2;

/**
 * The Action: read the inputs once, lint the whole workspace, work out what the pull request
 * changed, then report through every surface GitHub rations (annotations within 10/10/10, one
 * check run, the job summary, SARIF) and fail the step when findings reach `fail-on` or anything
 * goes wrong inside. The token only ever goes to the API client; everything printed is redacted.
 */
export async function run(env: Env = process.env, deps: RunDeps = {}): Promise<ExitCode> {
  let token = '';
  const say = (s: string) => core.info(redact(s, token));
  let settings: ActionSettings;
  try {
    settings = getSettings(env);
    token = settings.token;
  } catch (e) {
    return fail(2, e instanceof InputError ? e.message : `reading inputs failed: ${(e as Error).message}`, token);
  }
  try {
    return await runWith(settings, env, deps, say);
  } catch (e) {
    if (e instanceof InputError) return fail(2, e.message, token);
    if (e instanceof UsageError) return configFailure(e, settings, token);
    say(`Internal error: ${(e as Error).stack ?? e}`);
    return fail(2, `internal error: ${(e as Error).message}`, token);
  }
}

/** A bad config or baseline file: each config problem is annotated at its line, and the step fails naming the input. */
function configFailure(e: UsageError, settings: ActionSettings, token: string): ExitCode {
  if (e instanceof ConfigError)
    for (const p of e.problems.slice(0, 9))
      core.error(redact(p.message, token), { title: 'config', file: p.file, startLine: p.line, startColumn: p.column });
  const input =
    /baseline/i.test(e.message) && settings.baselinePath
      ? 'baseline'
      : /config/i.test(e.message) && settings.configPath
        ? 'config'
        : undefined;
  return fail(2, input ? `input \`${input}\`: ${e.message}` : e.message, token);
}

function fail(code: ExitCode, message: string, token: string): ExitCode {
  core.setOutput('exit-code', code);
  core.setFailed(`harness-registry-guard: ${redact(message, token)}`);
  process.exitCode = code;
  return code;
}

async function runWith(settings: ActionSettings, env: Env, deps: RunDeps, say: (s: string) => void): Promise<ExitCode> {
  const ctx = readRunContext(env);
  const api = settings.token && ctx.repo ? (deps.createApi ?? createGitHubApi)(settings.token, ctx.apiUrl) : undefined;
  const detection: ChangeDetection =
    ctx.pullRequest || (ctx.push && settings.onlyChanged) ? await detectChanges(settings.workspace, ctx, api) : { notes: [] };
  const notes = [...ctx.warnings.map((w) => `Event payload: ${w}.`), ...detection.notes];

  // On a pull request the gate's own files (config, baseline) come from the base commit.
  const gate =
    ctx.pullRequest && detection.changed
      ? gateSources({
          workspace: settings.workspace,
          paths: settings.paths,
          ...(settings.configPath ? { configPath: settings.configPath } : {}),
          ...(settings.baselinePath ? { baselinePath: settings.baselinePath } : {}),
          changed: detection.changed,
          ...(detection.gitBase ? { gitBase: detection.gitBase } : {}),
          ...(ctx.pullRequest.baseSha ? { baseSha: ctx.pullRequest.baseSha } : {}),
          trustHead: settings.configFrom === 'head',
          ruleIds: allRules.map((r) => r.id),
        })
      : undefined;
  const lintSettings: LintSettings = { cwd: settings.workspace, paths: settings.paths, rules };
  // The migration report lists every image by registry.
  if (settings.report || settings.reportFile) lintSettings.images = true;
  const configPath = gate ? gate.configPath : settings.configPath;
  const baselinePath = gate ? gate.baselinePath : settings.baselinePath;
  if (configPath !== undefined) lintSettings.configPath = configPath;
  if (baselinePath) lintSettings.baselinePath = baselinePath;
  if (gate?.overlay.size) lintSettings.overlay = gate.overlay;
  notes.push(...(gate?.notes ?? []));
  const result = lintSync(lintSettings);
  const gateChanges = gate?.changes ?? [];
  const impacts = detection.changed ? impactsOf(result, lintSettings, detection, ctx, notes) : [];

  const failing = failingFindings(result.findings, settings.failOn);
  const internal = result.internalErrors.length > 0;
  const willFail = failing.length > 0 || internal;
  const t = totals(result.findings);

  // SARIF first: the file exists even if a later surface fails.
  let sarifWritten = '';
  if (settings.sarifFile) {
    try {
      fs.mkdirSync(path.dirname(settings.sarifFile), { recursive: true });
      fs.writeFileSync(settings.sarifFile, formatSarif(result, { docsBaseUrl: docsBase(ctx) }));
      sarifWritten = settings.sarifFile;
      say(`SARIF written to ${sarifWritten}.`);
    } catch (e) {
      throw new InputError(
        'sarif-file',
        `cannot write "${settings.sarifFile}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }

  const seeAlso = [
    settings.summary ? 'the job summary' : '',
    settings.checkRun && api ? `the check run "${CHECK_RUN_NAME}"` : '',
    sarifWritten ? 'the SARIF file' : '',
    'the step log',
  ]
    .filter(Boolean)
    .join(', ');
  const gateAnnotations = gateChanges.slice(0, MAX_GATE_ANNOTATIONS);
  const scope = changeScope(detection.changed);
  const plan = planAnnotations(result.findings, {
    changed: scope,
    onlyChanged: settings.onlyChanged,
    reserveErrorSlot: willFail,
    reserveWarnings: gateAnnotations.length,
    seeAlso,
  });

  const links: LinkBase | undefined =
    ctx.repo && ctx.headSha ? { serverUrl: ctx.serverUrl, repository: `${ctx.repo.owner}/${ctx.repo.repo}`, sha: ctx.headSha } : undefined;
  const verdict =
    settings.failOn === 'never'
      ? `\`fail-on: never\`: the step passes whatever is found.`
      : failing.length
        ? `❌ ${plural(failing.length, 'finding')} reach \`fail-on: ${settings.failOn}\`: the step fails.`
        : `✅ Nothing reaches \`fail-on: ${settings.failOn}\`.`;

  // Check run: one run, every annotation in scope, 50 per request.
  if (settings.checkRun) {
    if (!api || !ctx.repo || !ctx.headSha)
      notes.push('`check-run: true` but no token, repository or commit is known: no check run was created.');
    else {
      const conclusion: CheckConclusion = willFail ? 'failure' : 'success';
      try {
        const { requests } = await publishCheckRun(api, ctx.repo, {
          name: CHECK_RUN_NAME,
          headSha: ctx.headSha,
          conclusion,
          title: `${plural(t.errors + t.warnings + t.notices, 'finding')}: ${plural(t.errors, 'error')}, ${plural(t.warnings, 'warning')}, ${plural(t.notices, 'notice')}`,
          summary: renderMarkdown(result, {
            links,
            changed: scope,
            impacts,
            notes: [verdict],
            maxBytes: CHECK_SUMMARY_MAX_BYTES,
            docsBaseUrl: docsBase(ctx),
            seeAlso: 'the job summary',
          }),
          annotations: plan.inScope.map(toCheckRunAnnotation),
        });
        notes.push(
          `Check run "${CHECK_RUN_NAME}" holds all ${plural(plan.inScope.length, 'annotation')} (${plural(requests, 'API request')}).`,
        );
      } catch (e) {
        notes.push(
          `Could not create the check run (${(e as Error).message}); ${(e as { status?: number }).status === 403 ? 'the token is read-only (a pull request from a fork?) or lacks `checks: write`; ' : ''}the annotations and this summary are all there is.`,
        );
      }
    }
  }

  // Changes to the gate first, so reviewers see them; then the findings, within the per-step budget.
  for (const c of gateAnnotations)
    core.warning(redact(c.message, settings.token), { title: 'gate change', file: c.file, startLine: c.line });
  for (const c of gateChanges) say(`Gate change: ${c.file}:${c.line}: ${c.message}`);
  // Workflow-command annotations within the per-step budget, ranked; @actions/core escapes them.
  for (const a of plan.annotations) {
    const props = {
      title: a.title,
      file: a.file,
      startLine: a.startLine,
      endLine: a.endLine,
      startColumn: a.startColumn,
      endColumn: a.endColumn,
    };
    core[a.level](redact(a.message, settings.token), props);
  }
  if (plan.overflowNotice) core.notice(plan.overflowNotice);
  const annotated = `Annotated ${plan.annotations.length} of ${plural(plan.inScope.length, 'finding')} in ${settings.onlyChanged && detection.changed ? 'changed files' : 'the scanned files'}${plan.unchangedFiles ? ` (${plural(plan.unchangedFiles, 'finding')} in unchanged files: summary only)` : ''}.`;
  for (const n of notes) say(n);
  say(plan.overflowNotice ? `${annotated} ${plan.overflowNotice}` : annotated);
  // In the summary itself, the rest is "below", not "in the job summary".
  notes.push(
    plan.overflowNotice ? `${annotated} ${plan.overflowNotice.replace(/ See .*$/, ' The findings tables below list them.')}` : annotated,
  );

  core.startGroup(`All ${plural(result.findings.length, 'finding')}`);
  for (const f of result.findings) say(logLine(f));
  core.endGroup();

  if (settings.suggestions) {
    const posted = await postSuggestions(settings, ctx, api, result);
    say(posted);
    notes.push(posted);
  }
  const report = settings.report || settings.reportFile ? renderReport(result, 'markdown') : undefined;
  if (report && settings.reportFile) {
    try {
      fs.mkdirSync(path.dirname(settings.reportFile), { recursive: true });
      fs.writeFileSync(settings.reportFile, report);
      notes.push(`Migration report written to \`${path.relative(settings.workspace, settings.reportFile)}\`.`);
    } catch (e) {
      throw new InputError(
        'report-file',
        `cannot write "${settings.reportFile}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }

  if (settings.summary || settings.report) {
    let md = settings.summary
      ? renderMarkdown(result, {
          links,
          changed: scope,
          impacts,
          gateChanges,
          notes: [verdict, ...notes],
          docsBaseUrl: docsBase(ctx),
          seeAlso: sarifWritten ? 'the SARIF file and the step log' : 'the step log',
        })
      : '';
    if (report) {
      const room = SUMMARY_MAX_BYTES - Buffer.byteLength(md);
      md +=
        Buffer.byteLength(report) + 2 <= room
          ? `\n\n${report}`
          : `\n\nThe migration report (${Buffer.byteLength(report)} bytes) does not fit in the job summary's 1 MiB${settings.reportFile ? `; it is in \`${path.relative(settings.workspace, settings.reportFile)}\`` : '; set `report-file` to keep it as a file'}.\n`;
    }
    try {
      await core.summary.addRaw(redact(md, settings.token), true).write();
    } catch (e) {
      say(`Job summary not written: ${(e as Error).message}`);
    }
  }

  core.setOutput('findings', t.errors + t.warnings + t.notices);
  core.setOutput('errors', t.errors);
  core.setOutput('warnings', t.warnings);
  core.setOutput('sarif-file', sarifWritten);

  if (internal) {
    for (const e of result.internalErrors) say(`Internal error: ${e}`);
    return fail(2, `internal error: ${result.internalErrors.map((e) => e.split('\n')[0]).join('; ')}`, settings.token);
  }
  if (failing.length)
    return fail(1, `${plural(failing.length, 'finding')} reach fail-on: ${settings.failOn}. See ${seeAlso}.`, settings.token);
  core.setOutput('exit-code', 0);
  return 0;
}

/**
 * Posts the fixes as suggested changes on lines inside the pull request's diff, updating or
 * removing this Action's earlier comments. Only files whose checkout equals the PR head get
 * suggestions, because a pull_request checkout is the test-merge commit. Never fails the run.
 */
async function postSuggestions(settings: ActionSettings, ctx: RunContext, api: GitHubApi | undefined, result: LintResult): Promise<string> {
  const pr = ctx.pullRequest;
  if (!pr || !ctx.repo) return '`suggestions: true` applies to pull requests only: no suggestions posted.';
  if (!api?.pulls) return '`suggestions: true` but no token: no suggestions posted.';
  if (pr.isFork) return 'This pull request comes from a fork, whose token is read-only: fixes are not posted as suggestions.';
  const { owner, repo } = ctx.repo;
  try {
    const read = (file: string) => {
      try {
        return fs.readFileSync(path.join(settings.workspace, file), 'utf8');
      } catch {
        return undefined;
      }
    };
    const atHead = (file: string) => {
      const text = read(file);
      const head = pr.headSha ? gitShow(settings.workspace, pr.headSha, file) : undefined;
      // Without git history the checkout is taken as the head: the API still refuses lines outside the diff.
      return text !== undefined && (head === undefined || head === text) ? text : undefined;
    };
    const changes = suggestedChanges(result.findings, atHead);
    const patches = await fetchPatches(api.pulls, owner, repo, pr.number);
    const r = await syncSuggestions({ api: api.pulls, owner, repo, pullNumber: pr.number, headSha: pr.headSha ?? '', patches, changes });
    for (const e of r.errors) core.warning(redact(e, settings.token));
    return `Suggested changes: ${r.created} created, ${r.updated} updated, ${r.deleted} removed, ${r.unchanged} unchanged; ${r.outsideDiff.length} outside the diff (see the findings).`;
  } catch (e) {
    return `Suggested changes not posted (${redact((e as Error).message, settings.token)}).`;
  }
}

/** The stages in unchanged files that changed connectors affect; never fails the run. */
function impactsOf(
  result: LintResult,
  lintSettings: LintSettings,
  detection: ChangeDetection,
  ctx: RunContext,
  notes: string[],
): ConnectorImpact[] {
  const changed = detection.changed!;
  if (!changesConnectors(result, changed)) return [];
  let base: LintResult | undefined;
  try {
    const overlay = baseOverlay(lintSettings.cwd, changed, detection.gitBase, ctx.pullRequest?.baseSha ?? ctx.push?.before);
    if (overlay) base = lintSync({ ...lintSettings, overlay });
  } catch (e) {
    notes.push(
      `Linting the base versions of the changed files failed (${(e as Error).message}); connector users are listed without comparison.`,
    );
  }
  const impacts = connectorImpacts(result.findings, changed, base?.findings);
  if (!base && impacts.length)
    notes.push(
      'The base versions of the changed connectors are not in the checkout, so the stages they break are not told apart from stages that were broken before (check out with `fetch-depth: 2` or more).',
    );
  return impacts;
}

/** Rule pages of the Action version that runs, when the runner says which one it is. */
function docsBase(ctx: RunContext): string {
  if (ctx.actionRepository && ctx.actionRef) return `${ctx.serverUrl}/${ctx.actionRepository}/blob/${ctx.actionRef}/docs/rules`;
  return defaultDocsBaseUrl();
}

/** One finding per log line; newlines in messages are flattened so no line can start a workflow command. */
const logLine = (f: Finding) =>
  `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message.replace(/[\r\n]+/g, ' ')} [${f.ruleId}]${f.suppressed ? ` (suppressed: ${f.suppressed.kind})` : ''}`;
