import { describe, expect, test } from '@jest/globals';
import { harnessTarget } from '../../src/cli/harness.js';

describe('harnessTarget: on only with HARNESS_API_KEY, flags over variables over the key', () => {
  const notes: string[] = [];
  const on = (values: Parameters<typeof harnessTarget>[0], env: Record<string, string>) => harnessTarget(values, env, (n) => notes.push(n));

  test.each([
    ['no key, nothing set', {}, {}],
    [
      'no key, variables set (a fork, or a CI that exports them for every job)',
      {},
      { HARNESS_URL: 'https://x.harness.io', HARNESS_ACCOUNT_ID: 'a' },
    ],
    ['--no-harness-api with a key', { 'no-harness-api': true }, { HARNESS_API_KEY: 'pat.a.b.c' }],
  ])('off: %s', (_, values, env) => {
    notes.length = 0;
    expect(on(values, env)).toBeUndefined();
    expect(notes).toEqual([]);
  });

  test('flags without a key do nothing, and say so', () => {
    notes.length = 0;
    expect(on({ 'harness-url': 'https://x.harness.io' }, {})).toBeUndefined();
    expect(notes).toEqual(['--harness-url does nothing: HARNESS_API_KEY is not set, so nothing is looked up in Harness.']);
  });

  test.each([
    ['the key alone: its account, app.harness.io', {}, {}, { accountId: 'acc', baseUrl: 'https://app.harness.io' }],
    [
      'variables over the key',
      {},
      { HARNESS_ACCOUNT_ID: 'env-acc', HARNESS_URL: 'https://app3.harness.io/' },
      { accountId: 'env-acc', baseUrl: 'https://app3.harness.io' },
    ],
    [
      'flags over variables',
      { 'harness-account': 'flag-acc', 'harness-url': 'https://acme.harness.io/gateway' },
      { HARNESS_ACCOUNT_ID: 'env-acc', HARNESS_URL: 'https://app3.harness.io' },
      { accountId: 'flag-acc', baseUrl: 'https://acme.harness.io/gateway' },
    ],
  ])('on: %s', (_, values, env, expected) => {
    expect(on(values, { HARNESS_API_KEY: ' pat.acc.tok.secret\n', ...env })).toEqual({ apiKey: 'pat.acc.tok.secret', ...expected });
  });

  test.each([
    [{}, { HARNESS_API_KEY: 'opaque' }, 'set --harness-account or HARNESS_ACCOUNT_ID'],
    [{ 'harness-url': 'not a url' }, { HARNESS_API_KEY: 'pat.a.b.c' }, '--harness-url: Harness base URL is not a URL'],
    [{}, { HARNESS_API_KEY: 'pat.a.b.c', HARNESS_URL: 'ftp://h' }, 'HARNESS_URL: Harness base URL must be http(s), not ftp:'],
    [{ 'harness-account': ' ' }, { HARNESS_API_KEY: 'pat.a.b.c' }, '`--harness-account` needs a value'],
  ])('usage errors name what to set: %j %j', (values, env, message) => {
    expect(() => on(values, env)).toThrow(message);
  });

  test('an account from a flag or variable serves keys that carry none', () => {
    expect(on({ 'harness-account': 'acc' }, { HARNESS_API_KEY: 'opaque' })?.accountId).toBe('acc');
    expect(on({}, { HARNESS_API_KEY: 'opaque', HARNESS_ACCOUNT_ID: 'acc' })?.accountId).toBe('acc');
  });
});
