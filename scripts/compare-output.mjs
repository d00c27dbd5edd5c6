// Proves a change kept behaviour: runs the CLI built at a git ref (its committed dist/) and the
// current dist/ over the same inputs and compares their JSON output byte for byte: `check` (every
// finding and position) and `report` (minus its timestamp). Inputs: ../shared/corpus/files and the
// synthetic monorepo of ../shared/bench/gen.mjs (1,000 pipelines; --pipelines N for another size).
// Usage: npm run build && node scripts/compare-output.mjs [--ref REF] [--pipelines N]   (REF default: HEAD~1)
// Exit 1 when an output differs.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { ref: { type: 'string', default: 'HEAD~1' }, pipelines: { type: 'string', default: '1000' } } });
const shared = path.resolve('../shared');
for (const needed of ['bench/gen.mjs', 'corpus/files'])
  if (!fs.existsSync(path.join(shared, needed))) {
    console.error(`not found: ${path.join(shared, needed)} (this script reads ../shared beside the repository)`);
    process.exit(2);
  }
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-compare-'));

// The old CLI is its ref's committed bundle: dist/ needs nothing else to run.
const old = path.join(work, 'old');
fs.mkdirSync(old);
const archive = execFileSync('git', ['archive', values.ref, 'dist'], { maxBuffer: 64 * 1024 * 1024 });
execFileSync('tar', ['-x', '-C', old], { input: archive });

const synthetic = path.join(work, 'synthetic');
execFileSync(process.execPath, [path.join(shared, 'bench/gen.mjs'), synthetic, values.pipelines]);
const inputs = [
  { name: 'corpus', dir: path.join(shared, 'corpus/files'), include: ['--include', '**/*.{yaml,yml,template,tpml}'] },
  { name: `synthetic (${values.pipelines} pipelines)`, dir: synthetic, include: [] },
];
const commands = [
  ['check', '--format', 'json', '--fail-on', 'never'],
  ['report', '--format', 'json'],
];

function run(cli, dir, args) {
  const r = spawnSync(process.execPath, [cli, args[0], '.', ...args.slice(1)], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${cli} ${args.join(' ')} in ${dir} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return r.stdout.replace(/"generatedAt": "[^"]*"/, '"generatedAt": ""');
}

let differ = 0;
try {
  for (const input of inputs)
    for (const args of commands) {
      const all = [...args, ...input.include];
      const before = run(path.join(old, 'dist/cli/index.js'), input.dir, all);
      const after = run(path.resolve('dist/cli/index.js'), input.dir, all);
      const same = before === after;
      if (!same) differ++;
      console.log(`${same ? 'same' : 'DIFFERENT'}: ${args[0]} on ${input.name} (${before.length} bytes before, ${after.length} after)`);
    }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(differ ? 1 : 0);
