import { spawnSync } from 'node:child_process';
import { expect } from '@jest/globals';

/**
 * Runs `script`, an ES module that may import the TypeScript sources (`./src/...`, from the
 * repository root), in a child process killed after `limitMs`: jest cannot stop a synchronous loop,
 * so a test that work stays linear runs it where a kill ends it, at a bound far above the linear
 * run and far below the super-linear one. Expects no signal and nothing on stderr; returns stdout.
 */
export function runInChild(script: string, o: { limitMs?: number; nodeArgs?: string[]; input?: string } = {}): string {
  const res = spawnSync(
    process.execPath,
    [...(o.nodeArgs ?? []), '--import', './__tests__/fuzz/ts-register.mjs', '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: o.limitMs ?? 90_000, maxBuffer: 1 << 28, ...(o.input !== undefined ? { input: o.input } : {}) },
  );
  expect([res.signal, res.stderr]).toEqual([null, '']);
  return res.stdout;
}
