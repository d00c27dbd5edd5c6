import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);

/** The Sarif.Multitool binary of @microsoft/sarif-multitool for this platform. */
export const multitoolBinary = (): string => require('@microsoft/sarif-multitool') as string;

/** The SARIF 2.1.0 JSON Schema (draft 2020-12) shipped inside the multitool package. */
export function sarifSchema(): object {
  const dir = path.dirname(multitoolBinary());
  return JSON.parse(fs.readFileSync(path.join(dir, 'sarif-2.1.0.json'), 'utf8')) as object;
}

let validate: ReturnType<Ajv2020['compile']> | undefined;

/** Schema errors as `instancePath message` lines; empty when the log is valid. */
export function schemaErrors(log: unknown): string[] {
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    validate = ajv.compile(sarifSchema());
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

export interface MultitoolResult {
  /** Results of level error or warning: what the GitHub ingestion rules reject or flag. */
  problems: string[];
  /** Every result, any level. */
  all: string[];
  status: number | null;
}

/**
 * `Sarif.Multitool validate FILE --rule-kind Gh` (GitHub code scanning's ingestion rules). The
 * file goes first: `--rule-kind` takes a list and would swallow it. The tool exits 0 even when it
 * finds problems, so its own SARIF output is read.
 */
export function multitoolValidate(file: string): MultitoolResult {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-multitool-')), 'validation.sarif');
  const r = spawnSync(multitoolBinary(), ['validate', file, '--output', out, '--rule-kind', 'Gh', '--level', 'Error;Warning;Note'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  if (!fs.existsSync(out)) throw new Error(`Sarif.Multitool wrote no output (status ${r.status}): ${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    runs: Array<{
      results?: Array<{ level?: string; ruleId?: string; message?: { text?: string; arguments?: string[] } }>;
      invocations?: Array<{ executionSuccessful?: boolean }>;
    }>;
  };
  const results = log.runs.flatMap((run) => run.results ?? []);
  const show = (x: (typeof results)[number]) =>
    `${x.level ?? 'warning'} ${x.ruleId}: ${x.message?.text ?? (x.message?.arguments ?? []).join(' | ')}`;
  const problems = results.filter((x) => (x.level ?? 'warning') === 'error' || (x.level ?? 'warning') === 'warning').map(show);
  if (!log.runs.every((run) => run.invocations?.every((i) => i.executionSuccessful !== false)))
    problems.push('multitool: execution not successful');
  return { problems, all: results.map(show), status: r.status };
}
