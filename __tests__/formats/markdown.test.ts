import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/engine/finding.js';
import { cell, formatMarkdown, location, renderMarkdown } from '../../src/formats/markdown.js';
import { rawTags, toHtml } from '../helpers/render-markdown.js';
import { expectGolden, lintFixture } from './golden.js';

const links = { serverUrl: 'https://github.com', repository: 'acme/shop', sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678' };

describe('Markdown format (CLI)', () => {
  const result = lintFixture();

  test('matches the golden file (--format markdown)', () => {
    expectGolden('report.md', formatMarkdown(result));
  });

  test('with links, every finding points at its file and line at the commit', () => {
    const md = renderMarkdown(result, { links });
    expect(md).toContain('### Findings (6)');
    expect(md).toContain(
      '(https://github.com/acme/shop/blob/a1b2c3d4e5f60718293a4b5c6d7e8f9012345678/.harness/connectors/old%20registry.yaml#L6)',
    );
    // Pull-request sections belong to the Action's job summary (src/action/summary.ts), not to the CLI format.
    expect(md).not.toContain('Changed connectors');
    expect(md).not.toContain('changed files');
  });

  test('suppressed findings are listed apart, marked with their reason, and left out of the totals', () => {
    const md = formatMarkdown(result);
    expect(md).toContain(
      '**6 findings**: 4 errors, 0 warnings, 2 notices in 3 files scanned.\n\n1 suppressed finding (inline comments or the baseline) is listed apart and not counted.',
    );
    expect(md).not.toContain('| `no-renamed-harness-image` | 1 |');
    expect(md).toContain('### Suppressed findings (1)');
    expect(md).toContain('| ⚪ warning, suppressed (inline) | `no-renamed-harness-image` | `.harness/pipelines/ship.yaml:59` |');
    expect(md).toContain('_Suppressed: the mirror keeps the old name \\| until the Q3 move_ |');
  });

  test('stays under the byte budget with thousands of findings and says how many were cut', () => {
    const many: Finding[] = Array.from({ length: 5000 }, (_, i) => ({
      ruleId: 'no-app-harness-registry',
      severity: 'error',
      message: `Image \`app.harness.io/registry/harness/ci-addon:${i}\` is pulled from the app.harness.io registry; ${'x'.repeat(200)}.`,
      file: `.harness/pipelines/p${i}.yaml`,
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 9,
      range: [0, 1],
    }));
    const md = renderMarkdown(
      { findings: many, filesScanned: 5000, harnessFiles: 5000, skippedNotHarness: [], internalErrors: [] },
      { links },
    );
    expect(Buffer.byteLength(md)).toBeLessThan(1024 * 1024);
    expect(Buffer.byteLength(md)).toBeGreaterThan(900_000);
    const shown = md.split('\n').filter((l) => l.startsWith('| 🔴 error')).length;
    expect(shown).toBeGreaterThan(1000);
    expect(md).toContain(`_${5000 - shown} more findings not listed: the summary is kept under 977 KiB._`);
    expect(md).toContain('| **Total** | **5000** | **0** | **0** | **5000** |');
  });

  test('a small budget (check run output) is honoured too', () => {
    const md = renderMarkdown(result, { maxBytes: 4000, links });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(4000);
    expect(md).toMatch(/_\d+ more findings? not listed/);
  });

  test('table cells: pipes escaped, HTML neutralised outside code spans, code spans kept literal', () => {
    expect(cell('a | b <script>x</script>\nnext `account.<id>` & `x|y`')).toBe(
      'a \\| b &lt;script&gt;x&lt;/script&gt; next `account.<id>` &amp; `x\\|y`',
    );
  });

  test('table cells and locations: a lone CR and the Unicode line breaks become spaces, as a newline does', () => {
    expect(cell('a\rb\u2028c\u2029d\r\ne')).toBe('a b c d e');
    expect(location('.harness/a\rb\u2028c\u2029d.yaml', 3, 3)).toBe('`.harness/a b c d.yaml:3`');
    expect(location('.harness/a\rb\u2028c\u2029d.yaml', 3, 3, links)).toMatch(/^\[\.harness\/a b c d\.yaml:3\]\(/);
  });

  test('a value holding backticks cannot pair code-span runs of different lengths and let HTML out', () => {
    for (const text of [
      'Stage ```<img src=x>` of pipeline `p1` needs `account.<id>`',
      'x`<img src=y>` and `` `<b>` ``',
      '`unclosed <img src=z>',
      // A backslash before a backtick escapes it in Markdown, so it cannot open a span here either.
      'Connector `a` \\`<img src="https://e.x/p.png">`` is not in the repo',
      '\\`<img src=x onerror=alert(1)>`',
    ]) {
      expect(rawTags(cell(text))).toEqual([]);
      expect(toHtml(cell(text))).not.toContain('<img');
    }
  });

  test('a value cannot make a link or an image, even after closing a code span with its own backtick', () => {
    // A message quotes the name in backticks: `a` ![t](…) … `b` is two code spans with a link between.
    const name = 'a` ![t](https://evil.example/p.png) [click](https://evil.example/phish) `b';
    for (const text of [`Pipeline \`${name}\` does not parse.`, '[x]: https://evil.example\n[x]']) {
      const html = toHtml(cell(text));
      expect(html).not.toContain('<img');
      expect(html).not.toContain('<a ');
    }
  });

  test('a link to a file whose name has parentheses or spaces stays one link to that file', () => {
    const html = toHtml(location('.harness/a)b (1).yaml', 3, 3, links));
    expect(html).toContain(`href="https://github.com/acme/shop/blob/${links.sha}/.harness/a%29b%20%281%29.yaml#L3"`);
  });

  test('a backtick in a file name stays in the link text: it cannot pair with a code span later on the line', () => {
    // The Action's job summary lists changes as `- <location>: <message>`.
    const html = toHtml(`- ${location('.harness/a`b.yaml', 3, 3, links)}: ${cell('Connector `hub` is wrong')}`);
    expect(html).toContain(`<a href="https://github.com/acme/shop/blob/${links.sha}/.harness/a%60b.yaml#L3">.harness/a\`b.yaml:3</a>`);
    expect(html).toContain('<code>hub</code>');
  });

  test('control characters in file names and messages are replaced, with links or without', () => {
    const file = '.harness/ansi\u001b[31mRED\u001b]0;title\u0007\u009b.yaml';
    const finding: Finding = {
      ruleId: 'no-app-harness-registry',
      severity: 'error',
      message: 'Connector `h\u001b[2J` is \u001b]8;;https://x\u0007wrong',
      file,
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: 2,
      range: [0, 1],
    };
    const scan = { findings: [finding], filesScanned: 1, harnessFiles: 1, skippedNotHarness: [], internalErrors: [] };
    for (const md of [renderMarkdown(scan), renderMarkdown(scan, { links })]) {
      expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      // Less the backslashes that escape brackets in link text and outside code spans.
      const shown = md.replace(/\\/g, '');
      expect(shown).toContain('ansi\uFFFD[31mRED\uFFFD]0;title\uFFFD\uFFFD.yaml:3');
      expect(shown).toContain('`h\uFFFD[2J` is \uFFFD]8;;https://x\uFFFDwrong');
    }
  });

  test('bidirectional overrides in file names and messages are replaced, with links or without', () => {
    const finding: Finding = {
      ruleId: 'no-app-harness-registry',
      severity: 'error',
      message: 'Connector `h\u202Eab` is wrong',
      file: '.harness/a\u2067b\u2069.yaml',
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: 2,
      range: [0, 1],
    };
    const scan = { findings: [finding], filesScanned: 1, harnessFiles: 1, skippedNotHarness: [], internalErrors: [] };
    for (const md of [renderMarkdown(scan), renderMarkdown(scan, { links })]) {
      expect(md).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      const shown = md.replace(/\\/g, '');
      expect(shown).toContain('a\uFFFDb\uFFFD.yaml:3');
      expect(shown).toContain('`h\uFFFDab` is wrong');
    }
  });

  test('no findings says so', () => {
    expect(renderMarkdown({ findings: [], filesScanned: 3, harnessFiles: 3, skippedNotHarness: [], internalErrors: [] })).toContain(
      '**No findings** in 3 files scanned.',
    );
  });

  test('a scan without Harness YAML says no pipeline or connector was checked, and counts the files skipped as not Harness YAML', () => {
    const md = renderMarkdown({
      findings: [],
      filesScanned: 2,
      harnessFiles: 0,
      skippedNotHarness: ['chart/templates/deploy.yaml'],
      internalErrors: [],
    });
    expect(md).toContain('No Harness YAML among the 2 files read: no pipeline or connector was checked.');
    expect(md).toContain(
      '1 file that is not Harness YAML and does not parse as YAML (templates for Helm, Go, Jinja or Terraform, for example) was skipped.',
    );
  });
});
