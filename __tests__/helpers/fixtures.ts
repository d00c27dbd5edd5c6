import fs from 'node:fs';
import path from 'node:path';
import { lint } from './lint.js';
import { goldenLines } from './lint-files.js';

export const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** An image still pulled from the retired registry. */
export const BAD_IMAGE = 'app.harness.io/registry/harness/ci-addon:1';

/** A pipeline whose one step pulls `BAD_IMAGE`: a file that must always get its finding. */
export const BAD_IMAGE_PIPELINE = `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: ${BAD_IMAGE} } }
`;

export interface FixtureCase {
  name: string;
  dir: string;
  expected?: string[];
}

/** The case folders of a rule: each `valid/<case>` and `invalid/<case>` is a small repository. */
export function fixtureCases(ruleId: string, kind: 'valid' | 'invalid'): FixtureCase[] {
  const root = path.join(FIXTURES, ruleId, kind);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const out = path.join(dir, 'expected.out');
      const expected = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n').filter(Boolean) : undefined;
      return { name, dir, expected };
    });
}

/** Lints a case folder; with UPDATE_GOLDEN=1 an invalid case's expected.out is rewritten first. */
export function lintCase(c: FixtureCase, kind: 'valid' | 'invalid'): string[] {
  const lines = goldenLines(lint({ cwd: c.dir, paths: ['.'] }));
  if (kind === 'invalid' && process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(path.join(c.dir, 'expected.out'), lines.join('\n') + '\n');
  return lines;
}
