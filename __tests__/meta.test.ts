import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { allRules, rules } from '../src/rules/index.js';
import { messageIdOf, type RuleTable } from './helpers/rule-tester.js';

// What every rule of the registry comes with: its file, its docs page, its test table. Adding a
// rule means four files (the rule, its page, its table, its line in src/rules/index.ts), and never
// a change here.
const root = path.join(import.meta.dirname, '..');
const names = (dir: string, ext = '') =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((n) => n.endsWith(ext))
    .map((n) => n.slice(0, n.length - ext.length))
    .sort();
const ids = rules.map((r) => r.id);
const tableOf = async (id: string) => ((await import(`./rules/${id}.test.js`)) as { default: RuleTable }).default;

describe('rule registry', () => {
  test('ids are unique kebab-case, and every rule has docs metadata', () => {
    expect(new Set(allRules.map((r) => r.id)).size).toBe(allRules.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.harnessDocs).toMatch(/^https:\/\/developer\.harness\.io\//);
      expect(r.description.endsWith('.')).toBe(true);
    }
  });

  test('the ids configs, suppressions and SARIF already name are still there', () => {
    expect(ids).toEqual(
      expect.arrayContaining([
        'no-app-harness-registry',
        'require-platform-connectivity',
        'require-account-image-connector',
        'no-renamed-harness-image',
      ]),
    );
  });

  test('policy rules come in policy order, one rule per policy', () => {
    const policies = rules.map((r) => r.policy);
    expect(policies.every((p) => Number.isInteger(p) && p! > 0)).toBe(true);
    expect([...policies].sort((a, b) => a! - b!)).toEqual(policies);
    expect(new Set(policies).size).toBe(policies.length);
  });

  test('the rule files are the registry', () => {
    expect(names('src/rules', '.ts').filter((n) => n !== 'index')).toEqual([...ids].sort());
  });

  test('every message template ends with a period and uses only {{names}}', () => {
    for (const r of rules)
      for (const m of Object.values(r.messages)) {
        expect(m.endsWith('.')).toBe(true);
        expect(m.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[{}]/);
      }
  });

  test('runtime-value messages are messages of their rule', () => {
    for (const r of rules) for (const id of r.runtimeValueMessages ?? []) expect(Object.keys(r.messages)).toContain(id);
  });
});

describe.each(ids)('%s', (id) => {
  test('has a docs page, docs/rules/<id>.md, linking its Harness docs page', () => {
    const page = path.join(root, 'docs', 'rules', `${id}.md`);
    expect(fs.existsSync(page)).toBe(true);
    expect(fs.readFileSync(page, 'utf8')).toContain(`](${rules.find((r) => r.id === id)!.harnessDocs})`);
  });

  test('has a test table, __tests__/rules/<id>.test.ts, with valid and invalid cases', async () => {
    const table = await tableOf(id);
    expect(table.rule.id).toBe(id);
    expect(table.valid.length).toBeGreaterThan(0);
    expect(table.invalid.length).toBeGreaterThan(0);
  });

  test('its fixable metadata says what the cases show: safe ⇔ a case with fixed output; none ⇒ no fix and no suggestion', async () => {
    const { rule, invalid } = await tableOf(id);
    expect(rule.fixable === 'safe').toBe(invalid.some((c) => c.output !== undefined));
    if (rule.fixable === 'none')
      expect(invalid.some((c) => c.output !== undefined || c.errors.some((e) => e.suggestion !== undefined))).toBe(false);
  });

  test('every message id is exercised by an invalid case (as a finding or a related location)', async () => {
    const table = await tableOf(id);
    const used = new Set(
      table.invalid.flatMap((c) => c.errors.flatMap((e) => [e.messageId, ...(e.related ?? []).map((r) => r.messageId)])),
    );
    expect(Object.keys(table.rule.messages).filter((m) => !used.has(m))).toEqual([]);
  });
});

test('golden fixture folders belong to registered rules', () => {
  expect(names('__tests__/fixtures').filter((n) => !ids.includes(n))).toEqual([]);
});

test('the rule tester names a related message by its most specific template', () => {
  const rule = rules.find((r) => r.id === 'require-platform-connectivity')!;
  expect(messageIdOf(rule, 'Used by Harness Cloud stage `a` of pipeline `p`.')).toBe('usedBy');
  expect(messageIdOf(rule, 'Used by Harness Cloud stage `a` of pipeline `p`, step `s` from template `t` version 1.')).toBe('usedByStep');
  expect(messageIdOf(rule, 'Something else.')).toBeUndefined();
});
