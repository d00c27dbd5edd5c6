// Runs the built CLI's `fix` twice over temporary input sets and checks what the fixes promise:
//   files changed; files that no longer parse (must be 0); bytes changed outside the edited ranges
//   (must be 0); files changed by the second run (must be 0).
// Input sets:
//   - a copy of ../shared/corpus/files (never copied into this repo), as is;
//   - the same copy with violations seeded into it first (images moved to app.harness.io/registry,
//     Docker connector URLs pointed there, and `executeOnDelegate: false` lines removed), keeping each
//     file's own formatting, so the checks run on real-world YAML with real fixes;
//   - the synthetic monorepo of ../shared/bench/gen.mjs (deterministic; about 1 file in 20 breaks a
//     policy), as is and seeded the same way. 1,000 pipelines by default, 10,000 with --full.
// Prints one line of numbers per input set (problems, if any, on indented lines after it).
// Exit 1 when a must-be-0 number is not 0.
// Usage: npm run build && node scripts/fix-corpus.mjs [CORPUS_DIR] [--full | --pipelines N] [--no-corpus] [--no-synthetic]
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseAllDocuments } from 'yaml';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    full: { type: 'boolean', default: false },
    pipelines: { type: 'string' },
    'no-corpus': { type: 'boolean', default: false },
    'no-synthetic': { type: 'boolean', default: false },
  },
});
const corpus = path.resolve(positionals[0] ?? '../shared/corpus/files');
const generator = path.resolve('../shared/bench/gen.mjs');
const pipelines = Number(flags.pipelines ?? (flags.full ? 10000 : 1000));
if (!Number.isInteger(pipelines) || pipelines < 1) {
  console.error(`--pipelines must be a positive whole number (got ${flags.pipelines})`);
  process.exit(2);
}
for (const [want, file, what] of [
  [!flags['no-corpus'], corpus, 'corpus'],
  [!flags['no-synthetic'], generator, 'synthetic repo generator'],
])
  if (want && !fs.existsSync(file)) {
    console.error(`${what} not found: ${file}`);
    process.exit(2);
  }
const cli = path.resolve('dist/cli/index.js');
let work = '';

const listFiles = (dir) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
const snapshot = () => new Map(listFiles(work).map((f) => [f, fs.readFileSync(path.join(work, f))]));
const hash = (b) => crypto.createHash('sha256').update(b).digest('hex');

function runFix() {
  const run = spawnSync(
    process.execPath,
    [cli, 'fix', '.', '--format', 'json', '--fail-on', 'never', '--include', '**/*.{yaml,yml,template,tpml,json}'],
    {
      cwd: work,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  if (run.status !== 0) {
    console.error(`fix failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(1);
  }
  return JSON.parse(run.stdout);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const hasBom = (b) => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
const parseErrors = (text) => {
  try {
    return parseAllDocuments(text, { uniqueKeys: true }).reduce((n, d) => n + d.errors.length, 0);
  } catch {
    return Infinity;
  }
};

/** UTF-8 bytes of `after` that differ from `before` outside the edits (which are on `before`). */
function bytesOutside(before, after, edits) {
  let diff = 0;
  let out = 0;
  let pos = 0;
  const gap = (from, to) => {
    const a = before.slice(from, to);
    const b = after.slice(out, out + (to - from));
    if (a !== b) for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff += Buffer.byteLength(a[i] ?? '') || 1;
    out += to - from;
  };
  for (const e of [...edits].sort((x, y) => x.start - y.start)) {
    gap(pos, e.start);
    out += e.text.length;
    pos = e.end;
  }
  gap(pos, before.length);
  return diff + Buffer.byteLength(after.slice(out));
}

/** Writes violations into a copy, keeping quotes, comments and line endings. Returns how many edits it made. */
function seed(dir) {
  let n = 0;
  for (const f of listFiles(dir)) {
    const file = path.join(dir, f);
    const text = fs.readFileSync(file, 'latin1');
    let out = text.replace(
      /^(\s*(?:-\s+)?image:[ \t]*)(["']?)([a-z0-9][\w./-]*(?::[\w.-]+)?)\2([ \t]*(?:#[^\r\n]*)?)(\r?)$/gm,
      (m, pre, q, img, post, cr) => {
        if (/^[^/]*[.:]/.test(img) && img.includes('/')) return m; // already names a registry
        n++;
        return `${pre}${q}app.harness.io/registry/${img}${q}${post}${cr}`;
      },
    );
    if (/^connector:/m.test(out) && /type:\s*DockerRegistry/.test(out)) {
      out = out.replace(
        /^(\s*dockerRegistryUrl:[ \t]*)(["']?)([^\s"'#]+)\2/gm,
        (m, pre, q) => (n++, `${pre}${q}https://app.harness.io/registry${q}`),
      );
      out = out.replace(/^[ \t]*executeOnDelegate:[ \t]*false[^\r\n]*\r?\n/gm, () => (n++, ''));
    }
    if (out !== text) fs.writeFileSync(file, out, 'latin1');
  }
  return n;
}

/** Copies the corpus into DIR. */
const copyCorpus = (dir) => fs.cpSync(corpus, dir, { recursive: true });
/** Writes the synthetic monorepo into DIR. */
function generate(dir) {
  const gen = spawnSync(process.execPath, [generator, dir, String(pipelines)], { encoding: 'utf8' });
  if (gen.status !== 0) {
    console.error(`gen.mjs failed (exit ${gen.status}):\n${gen.stderr}`);
    process.exit(2);
  }
}

function run(label, fill, seeded) {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-fix-corpus-'));
  fill(work);
  const violations = seeded ? seed(work) : 0;
  const started = process.hrtime.bigint();
  const before = snapshot();
  const first = runFix();
  const afterFirst = snapshot();
  const edited = new Map(first.files.map((f) => [f.file, f]));

  let changed = 0;
  let unparseable = 0;
  let outside = 0;
  const problems = [];
  for (const [file, old] of before) {
    const now = afterFirst.get(file);
    if (!now) {
      problems.push(`${file}: deleted`);
      outside += old.length;
      continue;
    }
    if (old.equals(now)) continue;
    changed++;
    const report = edited.get(file.split(path.sep).join('/'));
    let oldText;
    let newText;
    try {
      oldText = utf8.decode(old);
      newText = utf8.decode(now);
    } catch {
      problems.push(`${file}: not UTF-8 after fixing`);
      unparseable++;
      continue;
    }
    if (parseErrors(newText) > parseErrors(oldText)) {
      unparseable++;
      problems.push(`${file}: no longer parses`);
    }
    if (hasBom(old) !== hasBom(now)) {
      outside += 3;
      problems.push(`${file}: BOM ${hasBom(old) ? 'lost' : 'added'}`);
    }
    if (!report) {
      outside += Math.max(old.length, now.length);
      problems.push(`${file}: changed but not reported`);
      continue;
    }
    const n = bytesOutside(oldText, newText, report.edits);
    if (n) problems.push(`${file}: ${n} bytes changed outside the edited ranges`);
    outside += n;
  }
  for (const f of afterFirst.keys()) if (!before.has(f)) problems.push(`${f}: left behind (temporary file?)`);

  const second = runFix();
  const afterSecond = snapshot();
  let secondChanges = 0;
  for (const [file, b] of afterFirst) if (hash(b) !== hash(afterSecond.get(file) ?? Buffer.alloc(0))) secondChanges++;

  const fixes = first.files.reduce((n, f) => n + f.fixes.length, 0);
  const byRule = {};
  for (const f of first.files) for (const x of f.fixes) byRule[x.ruleId] = (byRule[x.ruleId] ?? 0) + 1;
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;

  const rules = Object.entries(byRule)
    .sort()
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  console.log(
    `${label}: ${before.size} files${seeded ? ` (${violations} edits seeded)` : ''}; ` +
      `${changed} changed by ${fixes} fixes in ${first.passes} passes (converged: ${first.converged})${rules ? ` [${rules}]` : ''}; ` +
      `${first.suggestions.length} suggestions; ${first.skipped.length} files left as they were because a pass broke them; ` +
      `unparseable: ${unparseable}; bytes changed outside edits: ${outside}; second run: ${secondChanges} files changed, ${second.files.length} reported; ` +
      `wall ${(wallMs / 1000).toFixed(2)} s`,
  );
  for (const p of problems) console.log(`  problem: ${p}`);
  fs.rmSync(work, { recursive: true, force: true });
  return !(unparseable || outside || secondChanges || second.files.length);
}

const ok = [];
if (!flags['no-corpus']) ok.push(run('corpus as is', copyCorpus, false), run('corpus with seeded violations', copyCorpus, true));
if (!flags['no-synthetic'])
  ok.push(
    run(`synthetic repo (${pipelines} pipelines) as is`, generate, false),
    run(`synthetic repo (${pipelines} pipelines) with seeded violations`, generate, true),
  );
process.exit(ok.every(Boolean) ? 0 : 1);
