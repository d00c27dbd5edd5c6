import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import { rules } from '../../src/rules/index.js';
import { lint, type LintResult } from '../helpers/lint.js';

export const GOLDEN = path.join(import.meta.dirname, '__golden__');
/**
 * The shared multi-rule fixture every reporter's golden file is made from, as a repository of its
 * own: a copy with a `.git`, so paths from the repository root (SARIF, annotations) are the
 * fixture's, wherever this checkout is.
 */
export const FIXTURE = (() => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-fixture-'));
  fs.cpSync(path.join(import.meta.dirname, 'fixture'), copy, { recursive: true });
  fs.mkdirSync(path.join(copy, '.git'));
  return copy;
})();

/** The rules the goldens were made with: a rule added to the registry changes none of them. */
const GOLDEN_RULES = [
  'no-app-harness-registry',
  'require-platform-connectivity',
  'require-account-image-connector',
  'no-renamed-harness-image',
];

export const lintFixture = (): LintResult => lint({ cwd: FIXTURE, paths: ['.'], rules: rules.filter((r) => GOLDEN_RULES.includes(r.id)) });

/** Compares with `__golden__/<name>`; `UPDATE_GOLDEN=1 npm test` rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npm test -- __tests__/formats`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}
