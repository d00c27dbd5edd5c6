import fs from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { FIXTURES, fixtureCases, lintCase } from './helpers/fixtures.js';

// Cross-file golden cases: each case folder under __tests__/fixtures/<rule-id>/ is a small repo
// (a connector and the pipeline that uses it, a template and its user); expected.out holds every
// finding it must give, with its message and related locations. Single-file cases live in the rule's
// table (__tests__/rules/<rule-id>.test.ts).
describe.each(fs.readdirSync(FIXTURES).sort())('%s fixtures', (ruleId) => {
  const valid = fixtureCases(ruleId, 'valid');
  const invalid = fixtureCases(ruleId, 'invalid');

  test('has cases', () => {
    expect(valid.length + invalid.length).toBeGreaterThan(0);
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
