// A scan worker for the pool's tests: the real registry plus faulty-rule.ts, which misbehaves on
// files named for it. Loads the TypeScript sources through the fuzz test's module hooks.
// Also: the first worker (in this process) to send back a batch holding exit-after-batch*.yaml
// exits right after sending it, between two batches.
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';

register('../fuzz/ts-hooks.mjs', import.meta.url);
const { serveScans } = await import('../../src/engine/pool.ts');
const { rules } = await import('../../src/rules/index.ts');

const exitedOnce = path.join(os.tmpdir(), `hrg-pool-exit-after-batch-${process.pid}`);
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message) => {
  post(message);
  if (typeof message?.json === 'string' && message.json.includes('exit-after-batch') && !fs.existsSync(exitedOnce)) {
    fs.writeFileSync(exitedOnce, '');
    process.exit(4);
  }
};

const { faulty } = await import('./faulty-rule.ts');
serveScans([...rules, faulty]);
