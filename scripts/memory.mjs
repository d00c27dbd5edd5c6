// `npm run memory`: the README's memory bound, checked on the built CLI.
//   1. `check` on the 10,000-pipeline synthetic repo (../shared/bench/gen.mjs, 11,000 files):
//      peak RSS at most 300 MB.
//   2. With --full, also the 100,000-pipeline repo (110,000 files, about 500 MB of YAML): peak RSS at
//      most 200 MB + 5 KB per file scanned (what the facts the cross-file rules keep cost; the
//      trees are dropped file by file). Generating it the first time takes a few minutes.
//   3. Then scripts/memory-50mb.mjs: one 50 MB file, whose tree is held while it is checked.
// Peak RSS is the process's own maxRSS (worker threads included), written on exit by bench/rss-hook.mjs.
// Repos are cached in $HRG_BENCH_CACHE or the OS temp dir, as bench/run.mjs does.
// Exit 1 when a bound is missed or a run fails; 2 when an input is missing.
// Usage: npm run build && npm run memory [-- --full]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { synthetic } from '../bench/synthetic.mjs';

const { values } = parseArgs({ options: { full: { type: 'boolean', default: false } } });
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.env.HRG_BENCH_SHARED ?? path.join(repo, '../shared/bench'));
const cache = path.resolve(process.env.HRG_BENCH_CACHE ?? os.tmpdir());
const cli = path.join(repo, 'dist/cli/index.js');
for (const [f, why] of [
  [cli, 'run `npm run build` first'],
  [path.join(shared, 'gen.mjs'), 'set HRG_BENCH_SHARED to the folder with gen.mjs'],
])
  if (!fs.existsSync(f)) {
    console.error(`${f} is missing: ${why}`);
    process.exit(2);
  }

/** The documented bounds, in MB. */
const BOUND_10K_MB = 300;
const boundFor = (files) => 200 + (5 * files) / 1024;

const hook = pathToFileURL(path.join(repo, 'bench/rss-hook.mjs')).href;
let failed = false;

function checkRepo(n, boundMb) {
  const r = synthetic(n, { shared, cache, log: (s) => console.log(s) });
  const rssFile = path.join(os.tmpdir(), `hrg-memory-rss-${process.pid}-${n}`);
  fs.rmSync(rssFile, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'never'], {
    cwd: r.dir,
    env: {
      ...process.env,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${hook}`].filter(Boolean).join(' '),
      HRG_BENCH_RSS_FILE: rssFile,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 24,
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const kib = fs.existsSync(rssFile)
    ? Math.max(
        ...fs
          .readFileSync(rssFile, 'utf8')
          .trim()
          .split('\n')
          .map((l) => Number(l.split(' ')[1])),
      )
    : NaN;
  fs.rmSync(rssFile, { force: true });
  const mb = kib / 1024;
  const bound = boundMb(r.files);
  const ok = run.status === 0 && mb <= bound;
  console.log(
    `${n.toLocaleString('en-US')} pipelines (${r.files.toLocaleString('en-US')} files, ${r.mb.toFixed(0)} MB of YAML): wall ${wall.toFixed(1)} s, peak RSS ${mb.toFixed(0)} MB, bound ${bound.toFixed(0)} MB: ${ok ? 'ok' : 'FAIL'}`,
  );
  if (run.status !== 0) console.log(`  exit ${run.status ?? run.signal}: ${String(run.stderr).trim().split('\n').slice(-5).join('\n  ')}`);
  failed ||= !ok;
}

checkRepo(10_000, () => BOUND_10K_MB);
if (values.full) checkRepo(100_000, boundFor);
const single = spawnSync(process.execPath, [path.join(repo, 'scripts/memory-50mb.mjs')], { cwd: repo, stdio: 'inherit' });
failed ||= single.status !== 0;
process.exit(failed ? 1 : 0);
