import { afterEach, describe, expect, test } from '@jest/globals';
import { failingFindings } from '../../src/engine/finding.js';
import { parseDirectives } from '../../src/engine/suppressions.js';
import { parseSource } from '../../src/parse/source.js';
import { formatJson } from '../../src/formats/json.js';
import { formatText } from '../../src/formats/text.js';
import { APP_IMAGE, RENAMED_IMAGE, Repo, brief, connector, pipeline } from './helpers.js';
import { runInChild } from '../helpers/child.js';

const repos: Repo[] = [];
const repo = (files: Record<string, string>) => {
  const r = new Repo(files);
  repos.push(r);
  return r;
};
afterEach(() => repos.splice(0).forEach((r) => r.cleanup()));

const NOW = new Date('2025-06-15T12:00:00Z');
const DIRECTIVE = '# harness-registry-guard-disable-next-line';
const FILE_DIRECTIVE = '# harness-registry-guard-disable';

/** Inserts `comment` (indented like it) above the line holding `anchor`. */
function above(text: string, anchor: string, ...comments: string[]): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(anchor));
  if (i < 0) throw new Error(`no ${anchor}`);
  const indent = /^\s*/.exec(lines[i]!)![0];
  lines.splice(i, 0, ...comments.map((c) => indent + c));
  return lines.join('\n');
}

/** Lints one file `c.yaml` (plus extra files) at NOW and returns brief lines plus the suppression messages. */
function run(text: string, extra: Record<string, string> = {}) {
  const r = repo({ 'c.yaml': text, ...extra });
  const result = r.lint({ now: NOW });
  return {
    result,
    lines: brief(result),
    messages: result.findings.filter((f) => f.ruleId === 'suppression').map((f) => `${f.line}:${f.column} ${f.message}`),
  };
}

describe('disable-next-line', () => {
  test('suppresses the named rule on the next line, keeps the finding listed with its reason, and does not fail', () => {
    const { result, lines, messages } = run(
      above(connector('hub'), 'dockerRegistryUrl', `${DIRECTIVE} no-app-harness-registry -- mirror retired in Q3`),
    );
    expect(lines).toEqual(['c.yaml:7:24 error [no-app-harness-registry] suppressed:inline']);
    expect(messages).toEqual([]);
    expect(result.findings[0]!.suppressed).toEqual({ kind: 'inline', reason: 'mirror retired in Q3' });
    expect(failingFindings(result.findings, 'notice')).toEqual([]);
    const json = JSON.parse(formatJson(result));
    expect(json.findings[0].suppressed).toEqual({ kind: 'inline', reason: 'mirror retired in Q3' });
    expect(json.summary).toMatchObject({ findings: 0, errors: 0, suppressed: 1 });
    expect(formatText(result)).toBe(
      'c.yaml:7:24: error (suppressed): Connector `hub` points at `https://app.harness.io/registry`, the app.harness.io registry that reached end of life on 15 May 2024; use `https://registry.hub.docker.com` instead. [no-app-harness-registry] -- mirror retired in Q3\n' +
        '0 errors, 0 warnings, 0 notices in 1 file; 1 suppressed (1 inline).\n',
    );
  });

  test('the CLI exits 0 when only suppressed findings reach --fail-on', async () => {
    const r = repo({
      'c.yaml': above(connector('hub'), 'dockerRegistryUrl', `${DIRECTIVE} no-app-harness-registry -- mirror retired in Q3`),
    });
    expect((await r.cli(['check', '.', '--fail-on', 'notice'])).code).toBe(0);
    expect((await repo({ 'c.yaml': connector('hub') }).cli(['check', '.'])).code).toBe(1);
  });

  test('only that rule, only the next YAML line: stacked comments and blank lines are skipped', () => {
    const text = above(
      pipeline([APP_IMAGE, APP_IMAGE, RENAMED_IMAGE]),
      `image: ${RENAMED_IMAGE}`,
      `${DIRECTIVE} no-renamed-harness-image -- vendor mirror, tracked in PLAT-9`,
      '',
      `${DIRECTIVE} no-app-harness-registry -- wrong rule for this line`,
    );
    const { lines, messages } = run(above(text, `name: Step 1`, `${DIRECTIVE} no-app-harness-registry -- not the image line`));
    expect(lines).toEqual([
      'c.yaml:14:19 notice [unresolved-reference]',
      'c.yaml:26:28 error [no-app-harness-registry]',
      'c.yaml:30:19 warning [suppression]',
      'c.yaml:34:28 error [no-app-harness-registry]',
      'c.yaml:43:21 warning [suppression]',
      'c.yaml:44:28 warning [no-renamed-harness-image] suppressed:inline',
    ]);
    expect(messages).toEqual([
      '30:19 Suppression of `no-app-harness-registry` matches no finding on line 31; remove it.',
      '43:21 Suppression of `no-app-harness-registry` matches no finding on line 44; remove it.',
    ]);
  });

  test('several rule ids in one comment', () => {
    const text = `pipeline:\n  identifier: p\n  name: p\n  stages: []\n---\n${connector('hub')}`;
    const { lines } = run(above(text, 'dockerRegistryUrl', `${DIRECTIVE} schema, no-app-harness-registry -- both known`));
    expect(lines).toEqual(['c.yaml:11:5 warning [suppression]', 'c.yaml:12:24 error [no-app-harness-registry] suppressed:inline']);
  });

  test('works in a CRLF file with a BOM', () => {
    const text =
      '\uFEFF' + above(connector('hub'), 'dockerRegistryUrl', `${DIRECTIVE} no-app-harness-registry -- crlf`).replace(/\n/g, '\r\n');
    const { result } = run(text);
    expect(brief(result)).toEqual(['c.yaml:7:24 error [no-app-harness-registry] suppressed:inline']);
    expect(result.findings[0]!.suppressed?.reason).toBe('crlf');
  });

  test('a comment-like line inside a block scalar is text, not a suppression', () => {
    const text = pipeline([APP_IMAGE]).replace(
      'command: echo 0',
      `command: |\n                      echo start\n                      ${DIRECTIVE} no-app-harness-registry -- in a script\n                      echo 0`,
    );
    const moved = text.replace(/ *image: .*\n/, '').replace('echo 0', `echo 0\n                    image: ${APP_IMAGE}`);
    expect(run(text).lines).toEqual(['c.yaml:14:19 notice [unresolved-reference]', 'c.yaml:26:28 error [no-app-harness-registry]']);
    // Even right above the image, the line belongs to the script.
    expect(run(moved).lines).toEqual(['c.yaml:14:19 notice [unresolved-reference]', 'c.yaml:30:28 error [no-app-harness-registry]']);
    const { directives } = parseDirectives(parseSource('x.yaml', `script: |\n  ${DIRECTIVE} schema -- text\nkey: 1\n`), ['schema']);
    expect(directives).toEqual([]);
  });
});

describe('file-level disable', () => {
  test('at the top (after other comments and ---) suppresses the rule in the whole file', () => {
    const text = `# yaml-language-server: $schema=x\n${FILE_DIRECTIVE} no-app-harness-registry -- legacy file, deleted with the old cluster\n---\n${pipeline([APP_IMAGE, APP_IMAGE, RENAMED_IMAGE])}`;
    const { lines, result } = run(text);
    expect(lines).toEqual([
      'c.yaml:17:19 notice [unresolved-reference]',
      'c.yaml:29:28 error [no-app-harness-registry] suppressed:inline',
      'c.yaml:36:28 error [no-app-harness-registry] suppressed:inline',
      'c.yaml:43:28 warning [no-renamed-harness-image]',
    ]);
    expect(result.findings[1]!.suppressed?.reason).toBe('legacy file, deleted with the old cluster');
  });

  test('does not reach other files', () => {
    const { lines } = run(`${FILE_DIRECTIVE} no-app-harness-registry -- this file only\n${connector('a')}`, { 'd.yaml': connector('b') });
    expect(lines).toEqual(['c.yaml:7:24 error [no-app-harness-registry] suppressed:inline', 'd.yaml:6:24 error [no-app-harness-registry]']);
  });

  test('below the first YAML line is an error and is ignored', () => {
    const { lines, messages } = run(above(connector('hub'), 'dockerRegistryUrl', `${FILE_DIRECTIVE} no-app-harness-registry -- too late`));
    expect(lines).toEqual(['c.yaml:6:5 error [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
    expect(messages[0]).toMatch(
      /^6:5 `# harness-registry-guard-disable` must be at the top of the file, before any YAML; it is ignored here\./,
    );
  });

  test('that matches nothing is reported as unused', () => {
    const { messages } = run(`${FILE_DIRECTIVE} no-renamed-harness-image -- nothing here\n${connector('a')}`);
    expect(messages).toEqual(['1:1 Suppression of `no-renamed-harness-image` matches no finding in this file; remove it.']);
  });
});

describe('governance', () => {
  const suppressed = (comment: string) => above(connector('hub'), 'dockerRegistryUrl', comment);

  test('a suppression without a reason is an error and suppresses nothing', () => {
    for (const comment of [
      `${DIRECTIVE} no-app-harness-registry`,
      `${DIRECTIVE} no-app-harness-registry --`,
      `${DIRECTIVE} no-app-harness-registry --   `,
    ]) {
      const { lines, messages, result } = run(suppressed(comment));
      expect(lines).toEqual(['c.yaml:6:5 error [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
      expect(messages).toEqual([
        '6:5 Suppression of `no-app-harness-registry` has no reason; write one after ` -- `, for example `-- mirror retired in Q3`. It is ignored until it has one.',
      ]);
      expect(failingFindings(result.findings, 'error')).toHaveLength(2);
    }
  });

  test('until a future date (or today) suppresses', () => {
    expect(run(suppressed(`${DIRECTIVE} no-app-harness-registry until=2025-06-15 -- last day`)).lines).toEqual([
      'c.yaml:7:24 error [no-app-harness-registry] suppressed:inline',
    ]);
    expect(run(suppressed(`${DIRECTIVE} no-app-harness-registry until=2026-01-01 -- next year`)).lines).toEqual([
      'c.yaml:7:24 error [no-app-harness-registry] suppressed:inline',
    ]);
  });

  test('an expired one stops suppressing and says so', () => {
    const { lines, messages } = run(suppressed(`${DIRECTIVE} no-app-harness-registry until=2025-06-14 -- migration sprint`));
    expect(lines).toEqual(['c.yaml:6:5 warning [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
    expect(messages).toEqual([
      '6:5 Suppression of `no-app-harness-registry` was valid until 2025-06-14 and has expired; it no longer suppresses anything. Fix the finding, or set a new date if the exception still holds.',
    ]);
  });

  test('an unused one is reported', () => {
    const { lines, messages } = run(
      above(
        connector('hub', 'https://registry.hub.docker.com'),
        'dockerRegistryUrl',
        `${DIRECTIVE} no-app-harness-registry -- was needed once`,
      ),
    );
    expect(lines).toEqual(['c.yaml:6:5 warning [suppression]']);
    expect(messages).toEqual(['6:5 Suppression of `no-app-harness-registry` matches no finding on line 7; remove it.']);
  });

  test('one at the end of the file, with no YAML after it, is unused', () => {
    const { messages } = run(`${connector('hub', 'https://registry.hub.docker.com')}${DIRECTIVE} schema -- dangling\n`);
    expect(messages).toEqual(['11:1 Suppression of `schema` matches no finding (no YAML line follows it); remove it.']);
  });

  test('one for a rule in forbidSuppression is ignored: the finding stands', () => {
    const config = { '.harness-registry-guard.yml': 'forbidSuppression: [no-app-harness-registry]\n' };
    const { lines, messages } = run(suppressed(`${DIRECTIVE} no-app-harness-registry -- please`), config);
    expect(lines).toEqual(['c.yaml:6:5 error [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
    expect(messages).toEqual([
      '6:5 `no-app-harness-registry` may not be suppressed (forbidSuppression in .harness-registry-guard.yml); the comment is ignored for it and the findings stand.',
    ]);
    const file = run(`${FILE_DIRECTIVE} no-app-harness-registry -- whole file\n${connector('hub')}`, config);
    expect(file.lines).toEqual(['c.yaml:1:1 error [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
  });

  test('other rules in a comment that names a forbidden one still work', () => {
    const text = `pipeline:\n  identifier: p\n  name: p\n  stages: []\n---\n${connector('hub')}`;
    const config = { '.harness-registry-guard.yml': 'forbidSuppression: [schema]\n' };
    const { lines } = run(above(text, 'dockerRegistryUrl', `${DIRECTIVE} schema, no-app-harness-registry -- both`), config);
    expect(lines).toEqual(['c.yaml:11:5 error [suppression]', 'c.yaml:12:24 error [no-app-harness-registry] suppressed:inline']);
  });

  test.each([
    [
      `${DIRECTIVE} no-app-harness-registy -- typo`,
      /^Suppression names `no-app-harness-registy`, which is not a rule id; it is ignored\. Rule ids: no-app-harness-registry, /,
    ],
    [
      `${DIRECTIVE} suppression -- meta`,
      /^Suppression names `suppression`, which is not a rule id \(suppression findings cannot be suppressed\)/,
    ],
    [`${DIRECTIVE} -- no rule`, /^Suppression names no rule id;/],
    [
      `${DIRECTIVE} no-app-harness-registry until=2025-02-30 -- bad date`,
      /^Suppression has `until=2025-02-30`, which is not a date YYYY-MM-DD; it is ignored\.$/,
    ],
    [`${DIRECTIVE} no-app-harness-registry until=30/06/2025 -- bad date`, /^Suppression has `until=30\/06\/2025`/],
    [`${DIRECTIVE} no-app-harness-registry until=2025-07-01 until=2025-08-01 -- twice`, /^Suppression gives `until=` twice/],
    ['# harness-registry-guard-disable-line no-app-harness-registry -- typo', /^Unknown directive `harness-registry-guard-disable-line`/],
    [
      '# harness-registry-guard-disable-next-lines no-app-harness-registry -- typo',
      /^Unknown directive `harness-registry-guard-disable-next-lines`/,
    ],
  ])('a malformed comment is an error and suppresses nothing: %s', (comment, message) => {
    const { lines, result } = run(suppressed(comment));
    expect(lines).toEqual(['c.yaml:6:5 error [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
    expect(result.findings[0]!.message).toMatch(message);
  });

  test('a rule turned off leaves its suppressions alone: neither used nor unused (as its baseline entries)', () => {
    const { lines } = run(suppressed(`${DIRECTIVE} no-app-harness-registry -- off anyway`), {
      '.harness-registry-guard.yml': 'rules:\n  no-app-harness-registry: off\n',
    });
    expect(lines).toEqual([]);
  });

  test('above a key whose value starts on the next line, it covers the value', () => {
    const text = connector('hub').replace('dockerRegistryUrl: https://', 'dockerRegistryUrl:\n      https://');
    const { lines, messages } = run(above(text, 'dockerRegistryUrl', `${DIRECTIVE} no-app-harness-registry -- value below`));
    expect([lines, messages]).toEqual([['c.yaml:8:7 error [no-app-harness-registry] suppressed:inline'], []]);
    // A key whose value is a mapping: the comment is for the key's line, not the first key below.
    const nested = run(
      above(
        connector('hub').replace('    dockerRegistryUrl:', '    x:\n      dockerRegistryUrl:'),
        '    x:',
        `${DIRECTIVE} no-app-harness-registry -- no`,
      ),
    );
    expect(nested.messages).toEqual(['6:5 Suppression of `no-app-harness-registry` matches no finding on line 7; remove it.']);
  });

  test.each([
    [
      'after YAML on its line',
      (t: string) => t.replace('registry\n', 'registry # harness-registry-guard-disable-next-line no-app-harness-registry -- x\n'),
      /^A suppression comment must be on a line of its own/,
    ],
    [
      'in capitals',
      (t: string) => above(t, 'dockerRegistryUrl', '# Harness-Registry-Guard-Disable-Next-Line no-app-harness-registry -- x'),
      /^`Harness-Registry-Guard-Disable-Next-Line` is not a directive: directives are lower case/,
    ],
    [
      'in capitals, the rule id too',
      (t: string) => above(t, 'dockerRegistryUrl', '# Harness-Registry-Guard-Disable-Next-Line No-App-Harness-Registry -- x'),
      /^`Harness-Registry-Guard-Disable-Next-Line` is not a directive: directives are lower case/,
    ],
    [
      'after YAML on its line, in capitals',
      (t: string) => t.replace('registry\n', 'registry # Harness-Registry-Guard-Disable-Next-Line no-app-harness-registry -- x\n'),
      /^A suppression comment must be on a line of its own/,
    ],
    [
      'after YAML that holds an apostrophe (not a quote: it does not start the value)',
      (t: string) =>
        t.replace('  name: hub\n', "  name: it's hub # harness-registry-guard-disable-next-line no-app-harness-registry -- x\n"),
      /^A suppression comment must be on a line of its own/,
    ],
    [
      'with ` --` glued to the reason',
      (t: string) => above(t, 'dockerRegistryUrl', '# harness-registry-guard-disable-next-line no-app-harness-registry --mirror'),
      /^Suppression names `--mirror`, which is not a rule id/,
    ],
  ])('a suppression that cannot apply is an error, not silence: %s', (_, edit, message) => {
    const { result } = run(edit(connector('hub')));
    expect(result.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual(
      expect.arrayContaining([
        ['suppression', 'error', expect.stringMatching(message)],
        ['no-app-harness-registry', 'error', expect.any(String)],
      ]),
    );
    expect(result.findings).toHaveLength(2);
  });

  test('prose that names the tool, and the directive quoted inside a value, are not suppressions', () => {
    const text = connector('hub')
      .replace('connector:\n', '# Harness-Registry-Guard-Action: the gate for this repo\nconnector:\n')
      .replace(
        '  name: hub\n',
        "  name: hub # harness-registry-guard-disable comments need a reason\n  description: 'Tip: # harness-registry-guard-disable-next-line no-app-harness-registry -- x'\n",
      );
    const { lines } = run(text);
    expect(lines).toEqual(['c.yaml:8:24 error [no-app-harness-registry]']);
  });

  test('the suppression rule takes a level from the config like any rule', () => {
    const { lines } = run(suppressed(`${DIRECTIVE} no-app-harness-registry`), {
      '.harness-registry-guard.yml': 'rules:\n  suppression: warning\n',
    });
    expect(lines).toEqual(['c.yaml:6:5 warning [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
    expect(
      run(suppressed(`${DIRECTIVE} no-app-harness-registry`), { '.harness-registry-guard.yml': 'rules:\n  suppression: off\n' }).lines,
    ).toEqual(['c.yaml:7:24 error [no-app-harness-registry]']);
  });
});

test('failingFindings leaves out suppressed findings and those below the threshold', () => {
  const { result } = run(above(pipeline([APP_IMAGE, APP_IMAGE]), `name: Step 1`, `${DIRECTIVE} no-app-harness-registry -- wrong line`));
  const active = failingFindings(result.findings, 'error').map((f) => `${f.line} ${f.ruleId}`);
  expect(active).toEqual(['26 no-app-harness-registry', '34 no-app-harness-registry']);
  const sup = run(above(pipeline([APP_IMAGE]), `image: ${APP_IMAGE}`, `${DIRECTIVE} no-app-harness-registry -- ok`));
  expect(failingFindings(sup.result.findings, 'error')).toEqual([]);
  expect(failingFindings(sup.result.findings, 'notice').map((f) => f.ruleId)).toEqual(['unresolved-reference']);
  expect(failingFindings(sup.result.findings, 'never')).toEqual([]);
});

describe('what counts as a suppression comment, and which one a finding takes', () => {
  test('a suppression after YAML and a tab (not a space) is still misplaced: an error', () => {
    const { messages } = run(
      connector('hub').replace('registry\n', 'registry\t# harness-registry-guard-disable-next-line no-app-harness-registry -- x\n'),
    );
    expect(messages).toEqual([
      '6:56 A suppression comment must be on a line of its own, above the line it is for; this one, after YAML on line 6, is ignored.',
    ]);
  });

  test.each([
    ['with no reason (no ` -- `)', '# harness-registry-guard-disable-next-line no-app-harness-registry'],
    ['that names no rule first', '# harness-registry-guard-disable-next-line mirror -- retired in Q3'],
  ])('a comment after YAML that names the tool %s is prose, not a misplaced suppression', (_, comment) => {
    const { lines } = run(connector('hub').replace('  name: hub\n', `  name: hub ${comment}\n`));
    expect(lines).toEqual(['c.yaml:6:24 error [no-app-harness-registry]']);
  });

  test('the directive inside a double-quoted value with an escaped quote is text, not a comment', () => {
    const { lines } = run(
      connector('hub').replace(
        '  name: hub\n',
        '  name: hub\n  description: "say \\"hi\\" # harness-registry-guard-disable-next-line no-app-harness-registry -- x"\n',
      ),
    );
    expect(lines).toEqual(['c.yaml:7:24 error [no-app-harness-registry]']);
  });

  test('a line of 4 million quotes before a misplaced directive is scanned once, not once per quote', () => {
    // The scan looked back over the line at every quote: quadratic, about 3 s for 80,000 quotes and
    // hours for these 8 MB. Jest cannot stop a synchronous test, so the scan runs in a child process,
    // killed at a bound far above the linear run (well under a second) and far below the quadratic one.
    const script = `
      import { parseDirectives } from './src/engine/suppressions.ts';
      import { parseSource } from './src/parse/source.ts';
      const text = 'description: ' + "a'".repeat(4_000_000) + ' # ${DIRECTIVE.slice(2)} no-app-harness-registry -- x\\n';
      console.log(JSON.stringify(parseDirectives(parseSource('x.yaml', text), ['no-app-harness-registry']).problems));`;
    const start = 'description: '.length + 8_000_001;
    expect(JSON.parse(runInChild(script))).toEqual([
      {
        range: [start, start + DIRECTIVE.length + ' no-app-harness-registry -- x'.length],
        message:
          'A suppression comment must be on a line of its own, above the line it is for; this one, after YAML on line 1, is ignored.',
      },
    ]);
  }, 120_000);

  /** Runs `script` (an ES module importing from ./src) in a child process, killed after 90 s; its stdout as JSON. */
  const inChild = (script: string) => JSON.parse(runInChild(script)) as unknown;

  test('200,000 multi-line block scalars are each looked up once, not once per line', () => {
    // Every line asked whether it lay in any of the file's multi-line scalars: quadratic, 54 s for
    // 100,000 blocks. A lookup in the sorted ranges is linear overall; the child is killed far above it.
    const script = `
      import { parseDirectives } from './src/engine/suppressions.ts';
      import { parseSource } from './src/parse/source.ts';
      let text = '${FILE_DIRECTIVE} no-app-harness-registry -- r\\n';
      for (let i = 0; i < 200_000; i++) text += 'k' + i + ': |-\\n  a\\n  b\\n';
      text += 'last: |\\n  ${DIRECTIVE} no-app-harness-registry -- text\\n${DIRECTIVE} no-app-harness-registry -- x\\nimage: y\\n';
      const { directives, problems } = parseDirectives(parseSource('x.yaml', text), ['no-app-harness-registry']);
      console.log(JSON.stringify({ problems, directives: directives.map((d) => [d.kind, d.line, d.target ?? null, d.reason]) }));`;
    expect(inChild(script)).toEqual({
      problems: [],
      directives: [
        ['file', 1, null, 'r'],
        ['next-line', 600_004, 600_005, 'x'],
      ],
    });
  }, 120_000);

  test('100,000 file-level and 50,000 next-line comments over 100,000 findings are matched in linear time', () => {
    // Each comment filtered every finding of its file: 32,000 of each took a minute. The findings are
    // now indexed by rule and line once. Next-line comments still win over file-level ones, the first
    // file-level comment gives the reason, and a comment with nothing to accept is still reported.
    const script = `
      import { applyInlineSuppressions } from './src/engine/suppressions.ts';
      const n = 100_000;
      const R = 'no-app-harness-registry';
      const at = (line) => ({ line, column: 1, endLine: line, endColumn: 2 });
      const findings = Array.from({ length: n }, (_, i) => ({ ruleId: R, severity: 'error', message: 'm', file: 'x.yaml', ...at(i + 1), range: [i, i + 1] }));
      const directive = (kind, i, target) => ({ kind, ruleIds: [R], reason: kind[0] + i, line: i + 1, target, range: [i, i + 1], position: at(i + 1) });
      const directives = [
        ...Array.from({ length: n }, (_, i) => directive('file', i)),
        ...Array.from({ length: n / 2 }, (_, i) => directive('next-line', i, 2 * i + 1)),
        directive('next-line', n, n + 1),
      ];
      const meta = applyInlineSuppressions(findings, new Map([['x.yaml', directives]]), { today: '2025-06-15', forbid: new Set(), ruleIds: [R] });
      const reasons = {};
      for (const f of findings) reasons[f.suppressed.reason[0]] = (reasons[f.suppressed.reason[0]] ?? 0) + 1;
      console.log(JSON.stringify({ reasons, first: findings.slice(0, 4).map((f) => f.suppressed.reason), meta: meta.map((m) => [m.line, m.message]) }));`;
    expect(inChild(script)).toEqual({
      reasons: { n: 50_000, f: 50_000 },
      first: ['n0', 'f0', 'n1', 'f0'],
      meta: [[100_001, 'Suppression of `no-app-harness-registry` matches no finding on line 100001; remove it.']],
    });
  }, 120_000);

  test('a directive word with no space before its rule ids is an unknown directive', () => {
    const { lines, messages } = run(
      above(connector('hub'), 'dockerRegistryUrl', '# harness-registry-guard-disable-next-line:no-app-harness-registry -- x'),
    );
    expect(lines).toEqual(['c.yaml:6:5 error [suppression]', 'c.yaml:7:24 error [no-app-harness-registry]']);
    expect(messages).toEqual([
      expect.stringMatching(/^6:5 Unknown directive `harness-registry-guard-disable-next-line:no-app-harness-registry`; write /),
    ]);
  });

  test('a rule named twice in one comment is named once when the comment is unused', () => {
    const { messages } = run(
      above(
        connector('hub', 'https://registry.hub.docker.com'),
        'dockerRegistryUrl',
        `${DIRECTIVE} no-app-harness-registry, no-app-harness-registry -- x`,
      ),
    );
    expect(messages).toEqual(['6:5 Suppression of `no-app-harness-registry` matches no finding on line 7; remove it.']);
  });

  test('a finding both a file-level and a line comment accept takes the reason written next to it', () => {
    const text = `${FILE_DIRECTIVE} no-app-harness-registry -- whole file\n${above(connector('hub'), 'dockerRegistryUrl', `${DIRECTIVE} no-app-harness-registry -- this line`)}`;
    const { result, messages } = run(text);
    expect(result.findings.find((f) => f.ruleId === 'no-app-harness-registry')!.suppressed).toEqual({
      kind: 'inline',
      reason: 'this line',
    });
    expect(messages).toEqual([]);
  });

  test('a comment that quotes a directive after other words is prose: it suppresses nothing and is not reported', () => {
    const { lines } = run(
      above(connector('hub'), 'dockerRegistryUrl', `# see the wiki # ${DIRECTIVE.slice(2)} no-app-harness-registry -- x`),
    );
    expect(lines).toEqual(['c.yaml:7:24 error [no-app-harness-registry]']);
  });

  test('above a key whose value is below it and that has a comment of its own, it covers the value', () => {
    const text = connector('hub').replace('dockerRegistryUrl: https://', 'dockerRegistryUrl: # legacy\n      https://');
    const { lines, messages } = run(above(text, 'dockerRegistryUrl', `${DIRECTIVE} no-app-harness-registry -- value below`));
    expect([lines, messages]).toEqual([['c.yaml:8:7 error [no-app-harness-registry] suppressed:inline'], []]);
  });

  test('above a key whose value is a flow mapping on the line below, it is for the key, as with a block mapping', () => {
    const text = pipeline([APP_IMAGE]).replace(
      `                  spec:\n                    image: ${APP_IMAGE}\n                    command: echo 0\n`,
      `                  ${DIRECTIVE} no-app-harness-registry -- the key\n                  spec:\n                    {image: ${APP_IMAGE}, command: echo 0}\n`,
    );
    const { lines, messages } = run(text);
    expect(lines).toContain('c.yaml:27:29 error [no-app-harness-registry]');
    expect(messages).toEqual(['25:19 Suppression of `no-app-harness-registry` matches no finding on line 26; remove it.']);
  });

  test('a document marker is not a YAML line: a file-level comment after a leading --- is at the top, a line comment above --- skips it', () => {
    const file = run(`---\n${FILE_DIRECTIVE} no-app-harness-registry -- after the marker\n${connector('hub')}`);
    expect([file.lines, file.messages]).toEqual([['c.yaml:8:24 error [no-app-harness-registry] suppressed:inline'], []]);
    const text = `${pipeline([RENAMED_IMAGE])}${DIRECTIVE} no-renamed-harness-image -- not for the marker\n---\n${connector('hub')}`;
    const line = run(text);
    expect(line.messages).toEqual(['28:1 Suppression of `no-renamed-harness-image` matches no finding on line 30; remove it.']);
  });

  test('a comment-like line inside a folded (>) block scalar is text, not a suppression', () => {
    const { directives } = parseDirectives(parseSource('x.yaml', `script: >\n  ${DIRECTIVE} schema -- text\nkey: 1\n`), ['schema']);
    expect(directives).toEqual([]);
  });
});
