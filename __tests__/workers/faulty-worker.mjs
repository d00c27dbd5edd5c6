// A scan worker for the pool's tests: the real registry plus faulty-rule.ts, which misbehaves on
// files named for it. Loads the TypeScript sources through the fuzz test's module hooks.
import { register } from 'node:module';

register('../fuzz/ts-hooks.mjs', import.meta.url);
const { serveScans } = await import('../../src/engine/pool.ts');
const { rules } = await import('../../src/rules/index.ts');

const { faulty } = await import('./faulty-rule.ts');
serveScans([...rules, faulty]);
