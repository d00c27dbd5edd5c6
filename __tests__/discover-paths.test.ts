/** The paths findings name: relative to the current directory, wherever the scanned folder is. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { connector, tmpDir, writeFiles } from './e2e/harness.js';
import { lint } from '../src/engine/lint.js';
import { rules } from '../src/rules/index.js';

const bad = connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false });

/** A repository with a bad connector in `.harness/connectors` and in `sub/deeper`. */
function repo() {
  const ws = tmpDir('discover-paths');
  fs.mkdirSync(path.join(ws, '.git'));
  writeFiles(ws, { '.harness/connectors/a.yaml': bad, 'sub/deeper/b.yaml': bad.replace(/\ba\b/g, 'b') });
  return ws;
}
const files = async (cwd: string, paths: string[], exclude?: string[]) =>
  [...new Set((await lint({ cwd, paths, rules, ...(exclude ? { exclude } : {}) })).findings.map((f) => f.file))].sort();

describe('discovery names each file from the current directory', () => {
  test.each([
    { cwd: '.', paths: ['.'], want: ['.harness/connectors/a.yaml', 'sub/deeper/b.yaml'] },
    { cwd: '.', paths: ['sub'], want: ['sub/deeper/b.yaml'] },
    { cwd: 'sub', paths: ['..'], want: ['../.harness/connectors/a.yaml', 'deeper/b.yaml'] },
    { cwd: 'sub/deeper', paths: ['../..'], want: ['../../.harness/connectors/a.yaml', 'b.yaml'] },
    { cwd: 'sub/deeper', paths: ['../../.harness'], want: ['../../.harness/connectors/a.yaml'] },
  ])('from $cwd, checking $paths', async ({ cwd, paths, want }) => {
    const ws = repo();
    expect(await files(path.join(ws, cwd), paths)).toEqual(want);
  });

  test('--exclude matches folders by their path from the scanned folder, whatever the current directory', async () => {
    const ws = repo();
    expect(await files(ws, ['.'], ['sub/deeper/**'])).toEqual(['.harness/connectors/a.yaml']);
    expect(await files(path.join(ws, 'sub'), ['.'], ['deeper/**'])).toEqual([]);
  });
});
