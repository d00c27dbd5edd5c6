import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { ESLint } from 'eslint';
import fs from 'node:fs';
import { LAYERS, SIBLINGS } from '../eslint.config.js';

// The layering of src/ is frozen by ESLint import bans (eslint.config.js): a lower layer that
// imports a higher one fails `npm run lint`, which CI runs. These cases prove the bans bite.
const ROOT = path.join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });
const banned = async (file: string, code: string) =>
  (await eslint.lintText(code, { filePath: path.join(ROOT, file) }))[0]!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);

describe('layers', () => {
  test('every folder of src/ has a layer', () => {
    const folders = fs
      .readdirSync(path.join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.sort()).toEqual(LAYERS.flat().sort());
  });

  test.each([
    ['src/engine/x.ts', "import { rules } from '../rules/index.js';", 'src/engine/ may not import src/rules/'],
    ['src/parse/x.ts', "import { lint } from '../engine/lint.js';", 'src/parse/ may not import src/engine/'],
    ['src/model/x.ts', "import { Project } from '../engine/lint.js';", 'src/model/ may not import src/engine/'],
    ['src/rules/x.ts', "import { formatText } from '../formats/text.js';", 'src/rules/ may not import src/formats/'],
    ['src/formats/x.ts', "import { run } from '../action/main.js';", 'src/formats/ may not import src/action/'],
    ['src/cli/x.ts', "import { run } from '../action/main.js';", 'src/cli/ may not import src/action/'],
    ['src/engine/x.ts', "import * as core from '@actions/core';", 'Only src/action/ and src/github/ use the GitHub Actions runtime.'],
  ])('%s: %s is refused', async (file, code, message) => {
    expect((await banned(file, code)).join('\n')).toContain(message);
  });

  test.each([
    ['src/rules/x.ts', "import { lint } from '../engine/lint.js';"],
    ['src/migration/x.ts', "import { formatText } from '../formats/text.js';"],
    ['src/action/x.ts', "import * as core from '@actions/core';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await banned(file, code)).toEqual([]);
  });

  test("the README's layout says what each folder may import, as the lint enforces it", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const allowed = (folder: string) => {
      const layer = LAYERS.findIndex((l) => l.includes(folder));
      return [...LAYERS.slice(0, layer).flat(), ...(SIBLINGS[folder] ?? [])].sort();
    };
    const listed: Array<[string, string[]]> = [];
    for (const m of readme.matchAll(/^ {2}- ((?:`src\/[a-z]+\/`(?:, | and )?)+) \((imports?) ([^)]*)\)/gm)) {
      const folders = [...m[1]!.matchAll(/`src\/([a-z]+)\/`/g)].map((f) => f[1]!);
      const before = listed.flatMap(([f]) => f);
      const imports = m[3] === 'nothing of ours' ? [] : m[3] === 'all the folders above, not each other' ? before : m[3]!.split(', ');
      for (const f of folders) listed.push([f, imports.sort()]);
    }
    expect(listed.map(([f]) => f)).toEqual(LAYERS.flat());
    for (const [folder, imports] of listed) expect(`${folder}: ${imports.join(', ')}`).toBe(`${folder}: ${allowed(folder).join(', ')}`);
  });
});
