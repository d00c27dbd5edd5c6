import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint, type LintResult } from './lint.js';

/** Writes `files` into a fresh temp dir and lints it there; findings' paths are relative to that dir. */
export function lintFiles(files: Record<string, string>, extra: Partial<Parameters<typeof lint>[0]> = {}): LintResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    return lint({ cwd: dir, paths: ['.'], ...extra });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `file:line:col: severity: message [rule]` lines, the golden-file format; related locations follow, indented. */
export function goldenLines(result: LintResult): string[] {
  return result.findings.flatMap((f) => [
    `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]`,
    ...(f.related ?? []).map((r) => `  related ${r.file}:${r.line}:${r.column}: ${r.message}`),
  ]);
}

export const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
