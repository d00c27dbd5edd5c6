// Benchmark: our `check` (one thread and on worker threads) against Spectral and the parse/read
// floors on a synthetic Harness monorepo, how it scales with 1, 2 and 4 workers, a repo a tenth the
// size and one ten times the size, and cold start (CLI and Action on 20 files).
// Every measurement is a separate node process, timed whole (startup included, as a user sees it),
// with its peak RSS taken by rss-hook.mjs. Tables go to stdout, progress to stderr.
// Usage: node bench/run.mjs [--pipelines N] [--big N | --no-big] [--quick] [--no-spectral]
//                           [--spectral-seconds S] [--old DIR] [--shared DIR] [--cache DIR]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { synthetic as generate } from './synthetic.mjs';

const HELP = `node bench/run.mjs [options]
  --pipelines N         size of the main synthetic repo (default 10000; 1000 with --quick);
                        the linearity repo has N/10 pipelines
  --big N               size of the large repo (default 10 × --pipelines)
  --no-big              skip the large repo
  --quick               smoke run: no Spectral, no large repo, main repo 1,000 pipelines
  --old DIR             a checkout of an earlier version with its dist/ built: its cold
                        start and one-thread check are measured in the same run
  --no-spectral         skip Spectral
  --spectral-seconds S  use S as Spectral's wall on the main repo instead of running it
  --shared DIR          benchmark inputs (gen.mjs, floor.mjs, spectral-ruleset.yaml);
                        default $HRG_BENCH_SHARED, else ../shared/bench beside the repo
  --cache DIR           where generated repos and Spectral are kept between runs;
                        default $HRG_BENCH_CACHE, else the OS temp dir`;

let opt;
try {
  ({ values: opt } = parseArgs({
    options: {
      pipelines: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'no-spectral': { type: 'boolean', default: false },
      'spectral-seconds': { type: 'string' },
      big: { type: 'string' },
      'no-big': { type: 'boolean', default: false },
      old: { type: 'string' },
      shared: { type: 'string' },
      cache: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (e) {
  usage(e.message);
}
if (opt.help) {
  console.log(HELP);
  process.exit(0);
}

const RUNS = 3; // the median of 3 damps noise from the page cache and the other core; Spectral runs once
const SPECTRAL = '@stoplight/spectral-cli@6.16.3';
// Issue 14's targets: parallel check within the js-yaml floor, 10× Spectral, peak RSS 300 MB (10k) and
// 600 MB (100k), the large repo's time within 12× the main one's, cold start within 0.1 s of before.
const TARGETS = { vsJsYaml: 1.0, vsSpectral: 10, peakRssMB: 300, bigRssMB: 600, bigTimeRatio: 12, coldStartSlack: 0.1, pipelines: 10000 };
const WORKERS_ENV = 'HARNESS_REGISTRY_GUARD_WORKERS';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(opt.shared ?? process.env.HRG_BENCH_SHARED ?? path.join(repo, '../shared/bench'));
const cache = path.resolve(opt.cache ?? process.env.HRG_BENCH_CACHE ?? os.tmpdir());
const pipelines = Number(opt.pipelines ?? (opt.quick ? 1000 : 10000));
if (!Number.isInteger(pipelines) || pipelines < 10) usage(`--pipelines must be an integer ≥ 10 (got ${opt.pipelines})`);
const spectralGiven = opt['spectral-seconds'] === undefined ? undefined : Number(opt['spectral-seconds']);
if (spectralGiven !== undefined && !(spectralGiven > 0))
  usage(`--spectral-seconds must be a positive number (got ${opt['spectral-seconds']})`);
const runSpectral = !opt.quick && !opt['no-spectral'] && spectralGiven === undefined;
const bigPipelines = opt.quick || opt['no-big'] ? undefined : Number(opt.big ?? pipelines * 10);
if (bigPipelines !== undefined && !(Number.isInteger(bigPipelines) && bigPipelines > pipelines))
  usage(`--big must be an integer above --pipelines (got ${opt.big})`);

function usage(msg) {
  console.error(`${msg}\n\n${HELP}`);
  process.exit(2);
}
const log = (s) => console.error(`[bench] ${s}`);
const fmt = (x, d = 2) => (x === undefined ? '–' : x.toFixed(d));
const int = (x) => Math.round(x).toLocaleString('en-US');

for (const f of ['gen.mjs', 'floor.mjs', 'spectral-ruleset.yaml'])
  if (!fs.existsSync(path.join(shared, f))) usage(`${path.join(shared, f)} not found: pass --shared DIR or set HRG_BENCH_SHARED`);
const cli = path.join(repo, 'dist/cli/index.js');
const action = path.join(repo, 'dist/index.js');
for (const f of [cli, action]) if (!fs.existsSync(f)) usage(`${f} not found: run npm run build first`);
const old = opt.old ? { cli: path.resolve(opt.old, 'dist/cli/index.js'), action: path.resolve(opt.old, 'dist/index.js') } : undefined;
if (old) for (const f of [old.cli, old.action]) if (!fs.existsSync(f)) usage(`--old: ${f} not found: build that checkout first`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-bench-run-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
const hookUrl = pathToFileURL(path.join(repo, 'bench/rss-hook.mjs')).href;
const failures = [];
const loadAtStart = os.loadavg()[0]; // other work on a 2-core machine skews walls; the report says how busy it was

// --- inputs ---------------------------------------------------------------------------------

const synthetic = (n) => generate(n, { shared, cache, log });

/** floor.mjs imports `yaml`; ESM ignores NODE_PATH, so run a copy sitting next to a node_modules link to ours. */
function yamlFloorScript() {
  const dir = path.join(work, 'floor');
  fs.mkdirSync(dir);
  fs.copyFileSync(path.join(shared, 'floor.mjs'), path.join(dir, 'floor.mjs'));
  fs.symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return path.join(dir, 'floor.mjs');
}

/** Spectral's CLI script, installed once into the cache (never into package.json); run with node so the hook sees it. */
function spectralBin() {
  const prefix = path.join(cache, 'hrg-bench-spectral');
  const pkgDir = path.join(prefix, 'node_modules/@stoplight/spectral-cli');
  const version = () => JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version;
  if (!fs.existsSync(path.join(pkgDir, 'package.json')) || version() !== SPECTRAL.split('@').pop()) {
    log(`installing ${SPECTRAL} into ${prefix}`);
    const r = spawnSync('npm', ['install', '--prefix', prefix, SPECTRAL, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error(`npm install ${SPECTRAL} exited ${r.status ?? r.signal}`);
  }
  const { bin } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  return path.join(pkgDir, typeof bin === 'string' ? bin : bin.spectral);
}

// --- measuring ------------------------------------------------------------------------------

let seq = 0;
/** One node process: wall seconds, peak RSS in MiB (summed over node processes it forked), its stdout file. */
function once(args, { cwd, env = process.env, ok = [0] }) {
  const id = seq++;
  const rssFile = path.join(work, `rss-${id}`);
  const outFile = path.join(work, `out-${id}`);
  const errFile = path.join(work, `err-${id}`);
  const [out, err] = [fs.openSync(outFile, 'w'), fs.openSync(errFile, 'w')];
  const nodeOptions = [env.NODE_OPTIONS, `--import=${hookUrl}`].filter(Boolean).join(' ');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd,
    env: { ...env, NODE_OPTIONS: nodeOptions, HRG_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', out, err],
  });
  const wall = (performance.now() - t0) / 1000;
  fs.closeSync(out);
  fs.closeSync(err);
  if (r.error || !ok.includes(r.status)) {
    const tail = fs.readFileSync(errFile, 'utf8').trim().split('\n').slice(-15).join('\n');
    throw new Error(`node ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal ?? r.error}\n${tail}`);
  }
  const peak = new Map();
  for (const line of fs.readFileSync(rssFile, 'utf8').trim().split('\n')) {
    const [pid, kib] = line.split(' ').map(Number);
    peak.set(pid, Math.max(peak.get(pid) ?? 0, kib));
  }
  return { wall, rssMB: [...peak.values()].reduce((a, b) => a + b, 0) / 1024, outFile, status: r.status };
}

/** Median wall of `runs`; peak RSS is the largest seen, so memory is never understated. */
function measure(label, args, o = {}, runs = RUNS) {
  log(`${label}: ${runs} run${runs > 1 ? 's' : ''}`);
  const all = [];
  for (let i = 0; i < runs; i++) all.push(onceChecked(args, o));
  return summary(all);
}

function onceChecked(args, o) {
  const r = once(args, o);
  log(`  ${r.wall.toFixed(3)} s, ${r.rssMB.toFixed(0)} MB`);
  o.check?.(r);
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median wall, largest peak RSS, and every run's wall in order (undefined where a run failed). */
const summary = (runs) => {
  const done = runs.filter(Boolean);
  return done.length
    ? { wall: median(done.map((r) => r.wall)), rssMB: Math.max(...done.map((r) => r.rssMB)), walls: runs.map((r) => r?.wall) }
    : {};
};

/**
 * Runs the commands in turn, once each per round (A B C … A B C …), so that the host's slow and
 * fast spells fall on all of them alike: the ratios between them are then taken round by round
 * (`paired`). A command that fails is reported and left out of its row.
 */
function measureRounds(commands, runs = RUNS) {
  const results = commands.map(() => []);
  for (let round = 0; round < runs; round++)
    commands.forEach((c, i) => {
      log(`${c.label}: round ${round + 1} of ${runs}`);
      results[i].push(attempt(c.label, () => onceChecked(c.args, c.o)));
    });
  return results.map(summary);
}

/** The median of a ÷ b over the rounds both ran in. */
function paired(a, b) {
  const ratios = (a?.walls ?? []).flatMap((x, i) => (x && b?.walls?.[i] ? [x / b.walls[i]] : []));
  return ratios.length ? median(ratios) : undefined;
}

/** Runs `fn`; a crash is reported, kept for the exit code, and leaves the row empty instead of stopping the benchmark. */
function attempt(label, fn) {
  try {
    return fn();
  } catch (e) {
    log(`FAILED ${label}: ${e.message}`);
    failures.push(label);
    return undefined;
  }
}

/** Our check must print JSON that parses; the findings count goes in the report. */
const checkJson = (counts) => (r) => {
  const { findings, summary } = JSON.parse(fs.readFileSync(r.outFile, 'utf8'));
  if (!Array.isArray(findings)) throw new Error('check --format json printed no findings array');
  counts.push({ findings: findings.length, files: summary?.files });
};
const checkArgs = ['check', '.', '--format', 'json', '--fail-on', 'never'];

// --- run ------------------------------------------------------------------------------------

const main = synthetic(pipelines);
const small = synthetic(Math.max(10, Math.round(pipelines / 10)));
const tiny = synthetic(10);
const big = bigPipelines ? synthetic(bigPipelines) : undefined;
const rows = [];
const counts = new Map(); // label → findings counts of every run, which must agree
const withWorkers = (n) => ({ ...process.env, [WORKERS_ENV]: String(n) });
/** A `check` command on a repo: its row's label, and its findings counts (which must agree run to run). */
const checkCommand = (what, repo, { env, bin = cli } = {}) => {
  const c = [];
  counts.set(`${what} (${int(repo.n)} pipelines)`, c);
  return { what, repo, label: `${what} ${repo.n}`, args: [bin, ...checkArgs], o: { cwd: repo.dir, env, check: checkJson(c) } };
};
const checkRow = (what, repo, options = {}) => {
  const c = checkCommand(what, repo, options);
  const row = { what, repo, ...attempt(c.label, () => measure(c.label, c.args, c.o, options.runs)) };
  rows.push(row);
  return row;
};

// The main repo's rows, and the js-yaml floor the first is judged against, run in rounds (see measureRounds).
let jsyamlNote;
try {
  createRequire(path.join(repo, 'package.json')).resolve('js-yaml');
} catch {
  jsyamlNote = 'js-yaml `load` floor skipped: js-yaml does not resolve from node_modules (it is only a transitive dev dependency).';
  log(jsyamlNote);
}
const mainCommands = [
  checkCommand('`check`, workers as sized by default', main),
  checkCommand('`check`, one thread', main, { env: withWorkers(0) }),
  ...(old ? [checkCommand('`check` of --old, one thread', main, { bin: old.cli, env: withWorkers(0) })] : []),
  ...[1, 2, 4].map((n) => ({ n, ...checkCommand(`\`check\`, ${n} worker${n > 1 ? 's' : ''}`, main, { env: withWorkers(n) }) })),
  ...(jsyamlNote
    ? []
    : [
        {
          what: 'js-yaml `load` floor',
          repo: main,
          label: 'js-yaml load floor',
          args: [path.join(repo, 'bench/floor-jsyaml.mjs'), main.dir],
          o: { cwd: work },
        },
      ]),
];
const measured = measureRounds(mainCommands).map((m, i) => ({ ...mainCommands[i], ...m }));
const [parallel, serial] = measured;
const oldSerial = old ? measured[2] : undefined;
const scaling = measured.filter((m) => m.n);
const jsyaml = jsyamlNote ? undefined : measured.at(-1);
rows.push(...measured.filter((m) => m !== jsyaml));
const smallRow = checkRow('`check`, workers as sized by default', small);
// The large repo's 110,000 files are read once, untimed, before its three runs: the 10k rows are
// measured with their files in the page cache (their rounds warm it), and the large repo's first
// run otherwise found them out of it (this host reclaims cold pages) and took 1.5–4× the next two.
const yamlFloor = attempt('yaml floor setup', yamlFloorScript);
if (big && yamlFloor) attempt('warming the large repo', () => once([yamlFloor, big.dir, 'read'], { cwd: work }));
const bigRow = big ? checkRow('`check`, workers as sized by default', big) : undefined;

let spectral;
if (spectralGiven !== undefined) spectral = { wall: spectralGiven, given: true };
else if (runSpectral)
  spectral = attempt('spectral', () =>
    measure(
      `Spectral ${main.n}`,
      [spectralBin(), 'lint', '.harness/**/*.yaml', '-r', path.join(shared, 'spectral-ruleset.yaml')],
      { cwd: main.dir, ok: [0, 1] },
      1,
    ),
  );
if (spectral)
  rows.push({
    what: `Spectral 6.16.3, shared ruleset${spectral.given ? ' (wall given with --spectral-seconds)' : ''}`,
    repo: main,
    ...spectral,
    isSpectral: true,
  });

if (yamlFloor)
  rows.push({
    what: '`yaml` parseDocument floor',
    repo: main,
    ...attempt('yaml floor', () => measure('yaml parseDocument floor', [yamlFloor, main.dir], { cwd: work })),
  });
if (jsyaml) rows.push(jsyaml);
if (yamlFloor)
  rows.push({
    what: 'read-bytes floor',
    repo: main,
    ...attempt('read floor', () => measure('read-bytes floor', [yamlFloor, main.dir, 'read'], { cwd: work })),
  });

// Cold start: the Action as a runner starts it on a push (no token, no event payload: no network,
// no git diff). Inherited GITHUB_*/INPUT_*/RUNNER_* variables (the bench may itself run in Actions) are dropped.
const actionEnv = () => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(GITHUB_|INPUT_|RUNNER_|ACTIONS_)/.test(k)));
  const summary = path.join(work, 'step-summary.md');
  const output = path.join(work, 'github-output');
  fs.writeFileSync(summary, ''); // @actions/core refuses to write to a summary or output file that is missing
  fs.writeFileSync(output, '');
  return {
    ...env,
    GITHUB_WORKSPACE: tiny.dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    INPUT_PATH: '.',
    'INPUT_FAIL-ON': 'error',
    'INPUT_ONLY-CHANGED': 'auto',
    INPUT_SUMMARY: 'true',
  };
};
const cold = [
  {
    what: 'node startup (empty script, for reference)',
    ...attempt('node startup', () => measure('node -e ""', ['-e', ''], { cwd: tiny.dir })),
  },
  {
    what: `CLI \`check\` (${tiny.files} files)`,
    target: true,
    ...attempt('cold CLI', () => measure('cold start CLI', [cli, ...checkArgs], { cwd: tiny.dir })),
  },
  // Exit 1 means findings reached fail-on, which is normal; 2 would be a bad input or an internal error.
  {
    what: `Action \`dist/index.js\` (${tiny.files} files, push event)`,
    target: true,
    ...attempt('cold Action', () => measure('cold start Action', [action], { cwd: tiny.dir, env: actionEnv(), ok: [0, 1] })),
  },
];
const coldOld = old && {
  cli: attempt('cold CLI --old', () => measure('cold start CLI --old', [old.cli, ...checkArgs], { cwd: tiny.dir })),
  action: attempt('cold Action --old', () =>
    measure('cold start Action --old', [old.action], { cwd: tiny.dir, env: actionEnv(), ok: [0, 1] }),
  ),
};
if (coldOld) cold.push({ what: 'CLI `check` of --old', ...coldOld.cli }, { what: 'Action of --old', ...coldOld.action });

// --- report ---------------------------------------------------------------------------------

const vs = (row) => {
  if (row.isSpectral || row.wall === undefined || !spectral || row.repo !== main) return '–';
  const r = spectral.wall / row.wall;
  const x = r >= 1 ? r : 1 / r;
  return `${x.toFixed(x < 2 ? 2 : 1)}× ${r >= 1 ? 'faster' : 'slower'}`;
};
const git = (...a) => spawnSync('git', a, { cwd: repo, encoding: 'utf8' }).stdout?.trim() ?? '';
const out = [];
const p = (s = '') => out.push(s);

// The tool is what src/ and dist/ hold; commits that only touch bench/ or docs don't change it.
p(
  `harness-registry-guard: HEAD ${git('rev-parse', '--short', 'HEAD') || '?'}, src/ and dist/ last changed in ${git('log', '-1', '--format=%h', '--', 'src', 'dist') || '?'}${git('status', '--porcelain', '--', 'dist', 'src') ? ' (and modified since)' : ''}, node ${process.version}, ${os.cpus().length} CPUs, ${new Date().toISOString().slice(0, 10)}`,
);
p(
  `Median of ${RUNS} runs (Spectral: 1); the main repo's \`check\` rows and the js-yaml floor run in turn, once each per round, and the ratios between them below are medians of their round-by-round ratios. Wall = whole process; peak RSS in MiB. Load average (1 min) at start ${loadAtStart.toFixed(2)}, at end ${os.loadavg()[0].toFixed(2)}.`,
);
p();
p('| what | files | MB | wall (s) | files/s | MB/s | peak RSS (MB) | vs Spectral |');
p('|---|---:|---:|---:|---:|---:|---:|---|');
for (const r of rows)
  p(
    `| ${r.what} (${int(r.repo.n)} pipelines) | ${int(r.repo.files)} | ${fmt(r.repo.mb, 1)} | ${r.wall === undefined ? 'failed' : fmt(r.wall)} | ${r.wall ? int(r.repo.files / r.wall) : '–'} | ${r.wall ? fmt(r.repo.mb / r.wall, 1) : '–'} | ${fmt(r.rssMB, 0)} | ${vs(r)} |`,
  );
if (jsyamlNote) p(`\n${jsyamlNote}`);
if (!spectral) p(`\nSpectral not run${opt.quick ? ' (--quick)' : ''}; pass --spectral-seconds S to compare against a known wall.`);

for (const [label, c] of counts) {
  if (!c.length) continue;
  const n = new Set(c.map((x) => x.findings));
  p(`\n${label}: JSON parses, ${[...n].join(' / ')} findings in ${c[0].files} files${n.size > 1 ? ' (DIFFERENT across runs!)' : ''}.`);
}
const allMain = [...counts].filter(([label]) => label.endsWith(`(${int(main.n)} pipelines)`) && !label.includes('--old'));
const mainFindings = new Set(allMain.flatMap(([, c]) => c.map((x) => x.findings)));
if (mainFindings.size > 1) p(`\nThe one-thread and worker runs found DIFFERENT counts on the main repo: ${[...mainFindings].join(' / ')}.`);

if (scaling.every((r) => r.wall)) {
  p('\n| workers (main repo) | wall (s) | speed-up over one thread | peak RSS (MB) |');
  p('|---:|---:|---:|---:|');
  if (serial.wall) p(`| 0 (main thread) | ${fmt(serial.wall)} | 1.00× | ${fmt(serial.rssMB, 0)} |`);
  for (const r of scaling) p(`| ${r.n} | ${fmt(r.wall)} | ${serial.wall ? `${fmt(paired(serial, r))}×` : '–'} | ${fmt(r.rssMB, 0)} |`);
  p(`\n${os.availableParallelism()} CPUs here: more workers than CPUs share them, so their extra cost shows.`);
}
if (parallel.wall && smallRow.wall)
  p(
    `\nLinearity: ${int(small.files)} files ${fmt(smallRow.wall)} s, ${int(main.files)} files ${fmt(parallel.wall)} s: small/main wall ratio ${fmt(smallRow.wall / parallel.wall, 3)} (${fmt(small.files / main.files, 3)} would be linear with no fixed cost).`,
  );

p('\n| cold start | wall (s) | peak RSS (MB) |');
p('|---|---:|---:|');
for (const c of cold) p(`| ${c.what} | ${c.wall === undefined ? 'failed' : fmt(c.wall, 3)} | ${fmt(c.rssMB, 0)} |`);

const check = (ok, text) => (ok === undefined ? `${text} (not measured)` : `${text} ${ok ? '✅ met' : '❌ missed'}`);
const note = main.n === TARGETS.pipelines ? '' : ` (targets are for ${int(TARGETS.pipelines)} pipelines; this repo has ${int(main.n)})`;
const ratio = (a, b) => (a && b ? a / b : undefined);
const vsJs = paired(parallel, jsyaml);
// Spectral runs once, for about ten times as long as `check`: against the median of check's runs.
// (Tried paired with one check run right after it: that run came out 1.4× the median, and one
// run is too few to pair with.)
const vsSp = ratio(spectral?.wall, parallel.wall);
const bigRatio = ratio(bigRow?.wall, parallel.wall);
const within = (v, t) => (v === undefined ? undefined : v <= t);
p(`\n| target${note} | measured | target |`);
p('|---|---:|---|');
p(`| parallel \`check\` ÷ js-yaml floor | ${fmt(vsJs)}× | ${check(within(vsJs, TARGETS.vsJsYaml), `≤ ${TARGETS.vsJsYaml}×`)} |`);
p(
  `| Spectral ÷ parallel \`check\` | ${fmt(vsSp, 1)}× | ${check(vsSp === undefined ? undefined : vsSp >= TARGETS.vsSpectral, `≥ ${TARGETS.vsSpectral}×`)} |`,
);
p(
  `| peak RSS, main repo, parallel / one thread (MB) | ${fmt(parallel.rssMB, 0)} / ${fmt(serial.rssMB, 0)} | ${check(within(Math.max(parallel.rssMB ?? NaN, serial.rssMB ?? NaN) || undefined, TARGETS.peakRssMB), `≤ ${TARGETS.peakRssMB}`)} |`,
);
if (big) {
  p(
    `| peak RSS, ${int(big.n)} pipelines (MB) | ${fmt(bigRow.rssMB, 0)} | ${check(within(bigRow.rssMB, TARGETS.bigRssMB), `≤ ${TARGETS.bigRssMB}`)} |`,
  );
  p(
    `| wall ${int(big.n)} ÷ wall ${int(main.n)} | ${fmt(bigRatio, 1)}× | ${check(within(bigRatio, TARGETS.bigTimeRatio), `≤ ${TARGETS.bigTimeRatio}×`)} |`,
  );
}
const [cliNow, actionNow] = [cold[1].wall, cold[2].wall];
if (coldOld) {
  const [dCli, dAction] = [cliNow - coldOld.cli?.wall, actionNow - coldOld.action?.wall];
  const known = Number.isFinite(dCli) && Number.isFinite(dAction);
  p(
    `| cold start over --old, CLI / Action (s) | ${fmt(dCli, 3)} / ${fmt(dAction, 3)} | ${check(known ? Math.max(dCli, dAction) <= TARGETS.coldStartSlack : undefined, `≤ ${TARGETS.coldStartSlack}`)} |`,
  );
} else
  p(
    `| cold start, CLI / Action (s) | ${fmt(cliNow, 3)} / ${fmt(actionNow, 3)} | within ${TARGETS.coldStartSlack} s of before: pass --old DIR to compare |`,
  );
const vsOld = paired(serial, oldSerial);
if (vsOld) p(`| one-thread \`check\`, this ÷ --old | ${fmt(vsOld)}× | (for reference) |`);
if (failures.length) p(`\nFAILED: ${failures.join(', ')} (see stderr).`);

console.log(out.join('\n'));
// A benchmark, not a test: missed targets still exit 0; only a crash fails the run.
process.exitCode = failures.length ? 1 : 0;
