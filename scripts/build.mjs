// Bundles the Action (dist/index.js), the CLI (dist/cli/index.js) and the scan worker both start
// for large repos (dist/worker/index.js) with ncc, after compiling the scan's schemas
// (scripts/validators.mjs). Deterministic,
// so CI can rebuild and compare against the committed dist/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { GENERATED, generateValidators } from './validators.mjs';

const ncc = (entry, out) =>
  execFileSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', entry, '-o', out, '--license', 'licenses.txt', '-q'],
    { stdio: 'inherit' },
  );

fs.writeFileSync(GENERATED, generateValidators());
fs.rmSync('dist', { recursive: true, force: true });
ncc('src/action/index.ts', 'dist');
ncc('src/cli/index.ts', 'dist/cli');
ncc('src/worker/index.ts', 'dist/worker');
const cli = 'dist/cli/index.js';
const body = fs.readFileSync(cli, 'utf8');
if (!body.startsWith('#!')) fs.writeFileSync(cli, '#!/usr/bin/env node\n' + body);
fs.chmodSync(cli, 0o755);
