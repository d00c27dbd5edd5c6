// Synthetic Harness monorepos from the shared gen.mjs, cached per size and gen.mjs content in `cache`
// (bench/run.mjs and scripts/memory.mjs share them). A repo is generated beside its final name and
// renamed, so a killed run leaves only a `.tmp-*` directory, never a half repo.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The repo with `n` pipelines: its directory, YAML file count and MB of YAML. */
export function synthetic(n, { shared, cache, log = () => {} }) {
  const genHash = createHash('sha256')
    .update(fs.readFileSync(path.join(shared, 'gen.mjs')))
    .digest('hex')
    .slice(0, 8);
  const dir = path.join(cache, `hrg-bench-${n}-${genHash}`);
  if (!fs.existsSync(dir)) {
    log(`generating ${n} pipelines into ${dir}`);
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    const r = spawnSync(process.execPath, [path.join(shared, 'gen.mjs'), tmp, String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`gen.mjs ${n} exited ${r.status ?? r.signal}`);
    fs.renameSync(tmp, dir);
  }
  let files = 0,
    bytes = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  };
  walk(dir);
  return { dir, n, files, mb: bytes / 1e6 };
}
