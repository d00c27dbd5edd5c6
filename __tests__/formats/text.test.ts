import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/engine/finding.js';
import type { LintResult } from '../../src/engine/lint.js';
import { formatText } from '../../src/formats/text.js';

const result = (f: Partial<Finding>): LintResult =>
  ({
    findings: [
      {
        ruleId: 'no-app-harness-registry',
        severity: 'error',
        message: 'm',
        file: 'a.yaml',
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 9,
        range: [0, 1],
        ...f,
      },
    ],
    filesScanned: 1,
    harnessFiles: 1,
    entities: 1,
    skippedNotHarness: [],
    internalErrors: [],
  }) as unknown as LintResult;

describe('plain text format', () => {
  test.each([
    [
      'a newline in a quoted identifier',
      { message: 'Connector `a\n::warning file=x::pwned` is bad.' },
      'a.yaml:3:5: error: Connector `a\uFFFD::warning file=x::pwned` is bad. [no-app-harness-registry]',
    ],
    ['a CR and an escape sequence', { message: 'x\r\x1b[31my' }, 'a.yaml:3:5: error: x\uFFFD\uFFFD[31my [no-app-harness-registry]'],
    ['a newline in the file name', { file: 'b\n::error::c.yaml' }, 'b\uFFFD::error::c.yaml:3:5: error: m [no-app-harness-registry]'],
    ['a tab', { message: 'a\tb' }, 'a.yaml:3:5: error: a  b [no-app-harness-registry]'],
  ])('%s stays on the finding’s one line', (_, f, want) => {
    const lines = formatText(result(f)).split('\n');
    expect(lines[0]).toBe(want);
    expect(lines[1]).toBe('1 error, 0 warnings, 0 notices in 1 file.');
  });
});
