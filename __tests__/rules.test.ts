import { describe, expect, test } from '@jest/globals';
import { rules } from '../src/rules/index.js';
import { fixtureCases, lintCase } from './helpers/fixtures.js';

// Golden fixture tests: each case folder is a small repo; expected.out holds every finding it must give.
describe.each(rules.map((r) => r.id))('%s fixtures', (ruleId) => {
  const valid = fixtureCases(ruleId, 'valid');
  const invalid = fixtureCases(ruleId, 'invalid');

  test('has valid and invalid cases', () => {
    expect(valid.length).toBeGreaterThan(0);
    expect(invalid.length).toBeGreaterThan(0);
  });

  test.each(valid.map((c) => [c.name, c] as const))('valid/%s gives no finding', (_, c) => {
    expect(lintCase(c, 'valid')).toEqual([]);
  });

  test.each(invalid.map((c) => [c.name, c] as const))('invalid/%s gives exactly expected.out', (_, c) => {
    const lines = lintCase(c, 'invalid');
    expect(lines).toEqual(c.expected);
    expect(lines.some((l) => l.endsWith(`[${ruleId}]`) && l.includes(': error: '))).toBe(true);
  });
});
