import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { allRules, rules } from '../src/rules/index.js';

const root = path.join(import.meta.dirname, '..');
const names = (dir: string, ext = '') =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((n) => n.endsWith(ext))
    .map((n) => n.slice(0, n.length - ext.length))
    .sort();

describe('rule registry', () => {
  const ids = rules.map((r) => r.id).sort();

  test('ids are the four fixed policy ids, in policy order', () => {
    expect(rules.map((r) => r.id)).toEqual([
      'no-app-harness-registry',
      'require-platform-connectivity',
      'require-account-image-connector',
      'no-renamed-harness-image',
    ]);
    expect(rules.map((r) => r.policy)).toEqual([1, 2, 3, 4]);
  });

  test('rule files, docs pages and fixture folders are the same set', () => {
    expect(names('src/rules', '.ts').filter((n) => !['index'].includes(n))).toEqual(ids);
    expect(names('docs/rules', '.md').filter((n) => n !== 'README')).toEqual([...allRules.map((r) => r.id)].sort());
    expect(names('__tests__/fixtures')).toEqual(ids);
  });

  test('ids are unique kebab-case and every rule has docs metadata', () => {
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.harnessDocs).toMatch(/^https:\/\/developer\.harness\.io\//);
      expect(r.description.endsWith('.')).toBe(true);
    }
  });

  test('every message template ends with a period and uses only {{names}}', () => {
    for (const r of rules)
      for (const m of Object.values(r.messages)) {
        expect(m.endsWith('.')).toBe(true);
        expect(m.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[{}]/);
      }
  });
});
