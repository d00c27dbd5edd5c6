// Runs the built CLI over the real Harness files of ../shared/corpus, one source repository at a
// time, the way a user meets it: each repository's files are laid out at their original paths in a
// temporary directory (never in this repo), scanned with the default settings, and removed.
// Prints files, findings by rule and severity, crashes and wall time.
//
//   node scripts/corpus.mjs [CORPUS_DIR] [--cli PATH] [--json]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : args.splice(i, 2)[1];
};
const cli = path.resolve(flag('--cli') ?? 'dist/cli/index.js');
const asJson = args.includes('--json') && args.splice(args.indexOf('--json'), 1);
const corpus = path.resolve(args[0] ?? '../shared/corpus');
const manifest = path.join(corpus, 'manifest.tsv');
if (!fs.existsSync(manifest)) {
  console.error(`corpus manifest not found: ${manifest}`);
  process.exit(2);
}

const repos = new Map();
for (const line of fs.readFileSync(manifest, 'utf8').split('\n').slice(1)) {
  const [saved, repo, file] = line.split('\t');
  if (!saved || !repo || !file) continue;
  if (!repos.has(repo)) repos.set(repo, []);
  repos.get(repo).push({ saved, file });
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-corpus-'));
const rows = {};
const perRepo = [];
let files = 0;
let scanned = 0;
let entities = 0;
let failures = 0;
const started = process.hrtime.bigint();
try {
  for (const [repo, list] of repos) {
    const root = path.join(tmp, repo.replace('/', '__'));
    for (const { saved, file } of list) {
      const to = path.join(root, file);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(corpus, 'files', saved), to);
      files++;
    }
    const run = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.status !== 0) {
      failures++;
      console.error(`${repo}: CLI exit ${run.status}\n${run.stderr}`);
      continue;
    }
    const { findings, summary } = JSON.parse(run.stdout);
    scanned += summary.files;
    entities += summary.entities;
    const counts = {};
    for (const f of findings) {
      const row = (rows[f.ruleId] ??= { error: 0, warning: 0, notice: 0 });
      row[f.severity]++;
      counts[f.ruleId] = (counts[f.ruleId] ?? 0) + 1;
    }
    perRepo.push({ repo, files: list.length, findings: findings.length, counts });
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
const total = Object.values(rows).reduce((n, r) => n + r.error + r.warning + r.notice, 0);
if (asJson) {
  console.log(JSON.stringify({ repos: repos.size, files, scanned, entities, rows, total, failures, perRepo }, null, 2));
} else {
  console.log(`corpus: ${files} files from ${repos.size} repositories, each scanned on its own with default settings`);
  console.log(`read and parsed: ${scanned} files, ${entities} Harness entities`);
  console.log('findings by rule:');
  for (const [rule, c] of Object.entries(rows).sort())
    console.log(`  ${rule.padEnd(34)} ${c.error} error, ${c.warning} warning, ${c.notice} notice`);
  const noisiest = [...perRepo].sort((a, b) => b.findings - a.findings).slice(0, 3);
  console.log(`most findings: ${noisiest.map((r) => `${r.repo} ${r.findings}`).join(', ')}`);
  console.log(`total: ${total} findings; CLI failures: ${failures}`);
  console.log(`wall: ${(wallMs / 1000).toFixed(2)} s (${repos.size} CLI runs)`);
}
process.exitCode = failures ? 1 : 0;
