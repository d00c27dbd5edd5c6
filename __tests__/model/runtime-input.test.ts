import { describe, expect, it } from '@jest/globals';
import { replaceInputOption } from '../../src/model/runtime-input.js';

describe('replaceInputOption', () => {
  it.each([
    ['<+input>.default(org.x)', 'org.x', 'account.x', '<+input>.default(account.x)'],
    ['<+input>.allowedValues(org.x,y)', 'org.x', 'account.x', '<+input>.allowedValues(account.x,y)'],
    // A list that already offers the new value drops the old one: no option twice.
    ['<+input>.allowedValues(org.x, x, account.x)', 'org.x', 'account.x', '<+input>.allowedValues(x, account.x)'],
    ['<+input>.allowedValues(x, account.x)', 'x', 'account.x', '<+input>.allowedValues(account.x)'],
    ['<+input>.default(x).allowedValues(x,account.x)', 'x', 'account.x', '<+input>.default(account.x).allowedValues(account.x)'],
  ])('%s: %s → %s', (raw, from, to, expected) => {
    expect(replaceInputOption(raw, from, to)).toBe(expected);
  });

  it('is undefined when the value is not a whole option', () => {
    expect(replaceInputOption('<+input>.allowedValues(org.xy)', 'org.x', 'account.x')).toBeUndefined();
  });
});
