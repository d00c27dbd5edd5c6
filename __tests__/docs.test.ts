import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { allRules, rules } from '../src/rules/index.js';
import type { RuleMeta } from '../src/engine/rule.js';
import { lintFiles } from './helpers/lint-files.js';

// Rule pages in docs/rules: front matter and headings match the registry, and every
// `yaml incorrect` / `yaml correct` example is linted (ESLint's check-rule-examples).
// `UPDATE_DOCS=1` (npm run docs) rewrites docs/rules/README.md and the README's rule table from the registry.

const root = path.join(import.meta.dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');
const HEADINGS = ['Why', 'Incorrect', 'Correct', 'Fix', 'Options', 'When not to use it'];

interface Example {
  kind: 'incorrect' | 'correct';
  /** 1-based line of the opening fence in the page. */
  line: number;
  /** The `##` section the block sits in. */
  section: string | undefined;
  text: string;
}

interface Page {
  frontMatter: Record<string, unknown>;
  title: string | undefined;
  /** The paragraph between the title and the first `##` heading. */
  intro: string;
  headings: string[];
  sections: Map<string, string>;
  examples: Example[];
  /** Fences tagged `yaml` plus something other than incorrect/correct (a typo would skip the check). */
  strayYamlFences: string[];
}

function parsePage(md: string): Page {
  const text = md.replace(/\r\n/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontMatter = fm ? ((parse(fm[1]!) ?? {}) as Record<string, unknown>) : {};
  const lines = text.slice(fm ? fm[0].length : 0).split('\n');
  const offset = fm ? fm[0].split('\n').length - 1 : 0;

  let title: string | undefined;
  const intro: string[] = [];
  const headings: string[] = [];
  const sections = new Map<string, string>();
  const examples: Example[] = [];
  const strayYamlFences: string[] = [];
  let section: string | undefined;
  let fence: { tag: string; line: number; body: string[] } | undefined;

  lines.forEach((line, i) => {
    if (fence) {
      if (/^```\s*$/.test(line)) {
        const kind = /^yaml\s+(incorrect|correct)$/.exec(fence.tag)?.[1] as Example['kind'] | undefined;
        if (kind) examples.push({ kind, line: fence.line, section, text: fence.body.join('\n') + '\n' });
        else if (/^yaml\b/.test(fence.tag) && fence.tag !== 'yaml') strayYamlFences.push(`line ${fence.line}: ${fence.tag}`);
        fence = undefined;
      } else fence.body.push(line);
      if (section) sections.set(section, `${sections.get(section)}${line}\n`);
      return;
    }
    const open = /^```(.*)$/.exec(line);
    if (open) fence = { tag: open[1]!.trim(), line: i + 1 + offset, body: [] };
    const h1 = /^# (.+)$/.exec(line);
    const h2 = /^## (.+)$/.exec(line);
    if (h1 && title === undefined) title = h1[1]!.trim();
    else if (h2) {
      section = h2[1]!.trim();
      headings.push(section);
      sections.set(section, '');
    } else if (section) sections.set(section, `${sections.get(section)}${line}\n`);
    else if (title !== undefined && line.trim()) intro.push(line.trim());
  });
  return { frontMatter, title, intro: intro.join(' '), headings, sections, examples, strayYamlFences };
}

/** Findings for one example block, linted as one file of its own. */
function lintExample(example: Example) {
  return lintFiles({ 'example.yaml': example.text }).findings;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** docs/rules/README.md, generated from the registry. */
function rulesReadme(rules: readonly RuleMeta[]): string {
  const rows = rules.map((r) =>
    [
      `\`${r.id}\``,
      r.policy === undefined ? '—' : String(r.policy),
      r.severity,
      r.fixable,
      cell(r.description),
      `[rule page](${r.id}.md) · [Harness docs](${r.harnessDocs})`,
    ].join(' | '),
  );
  return [
    '<!-- Generated from src/rules/index.ts by `npm run docs`; do not edit by hand. -->',
    '',
    '# Rules',
    '',
    'A rule with a policy number enforces that image-registry policy; the others are findings the checker itself makes.',
    "Fixable: `safe` means `harness-registry-guard fix` applies the rule's fix where it is unambiguous (each rule page says which cases are only suggestions, shown but never applied); `suggestion` means never applied; `none` means no fix.",
    '',
    '| Id | Policy | Severity | Fixable | Description | Link |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r} |`),
    '',
  ].join('\n');
}

const pagePath = (id: string) => path.join(docsDir, `${id}.md`);
const read = (id: string) => (fs.existsSync(pagePath(id)) ? fs.readFileSync(pagePath(id), 'utf8') : '');

describe.each(allRules.map((r) => [r.id, r] as const))('docs/rules/%s.md', (id, rule) => {
  const page = parsePage(read(id));

  test('exists', () => {
    expect(fs.existsSync(pagePath(id))).toBe(true);
  });

  test('front matter equals the registry', () => {
    const expected: Record<string, unknown> = { id: rule.id, severity: rule.severity, fixable: rule.fixable };
    if (rule.policy !== undefined) expected.policy = rule.policy;
    expect(page.frontMatter).toEqual(expected);
  });

  test('title is the id and the first paragraph is the description', () => {
    expect(page.title).toBe(id);
    expect(page.intro).toBe(rule.description);
  });

  test('has the fixed sections, in order, none empty', () => {
    expect(page.headings).toEqual(HEADINGS);
    for (const h of HEADINGS) expect(page.sections.get(h)?.trim()).toBeTruthy();
  });

  test('"Why" links the Harness docs page', () => {
    expect(page.sections.get('Why')).toContain(`](${rule.harnessDocs})`);
  });

  test('"Options" names every option the rule takes', () => {
    const options = page.sections.get('Options') ?? '';
    for (const name of Object.keys(rule.options ?? {})) expect(`${name}: ${options.includes(`\`${name}\``)}`).toBe(`${name}: true`);
  });

  test('examples sit in their own section, with known tags', () => {
    expect(page.strayYamlFences).toEqual([]);
    expect(page.examples.filter((e) => e.kind === 'incorrect').length).toBeGreaterThan(0);
    expect(page.examples.filter((e) => e.kind === 'correct').length).toBeGreaterThan(0);
    for (const e of page.examples)
      expect(`line ${e.line}: ${e.section}`).toBe(`line ${e.line}: ${e.kind === 'incorrect' ? 'Incorrect' : 'Correct'}`);
  });

  // An incorrect example must give a finding from this rule; a correct one must give none from any
  // rule, so that it never teaches something another rule rejects.
  const examples = page.examples.map((e) => [`${e.kind} example at line ${e.line}`, e] as const);
  if (examples.length)
    test.each(examples)('%s', (_, example) => {
      const all = lintExample(example).map((f) => `${f.line}:${f.column}: ${f.message} [${f.ruleId}]`);
      if (example.kind === 'correct') expect(all).toEqual([]);
      else
        expect(all.some((f) => f.endsWith(`[${id}]`)) ? 'has a finding' : `no ${id} finding in ${JSON.stringify(all)}`).toBe(
          'has a finding',
        );
    });
});

describe('docs/rules/README.md', () => {
  const file = path.join(docsDir, 'README.md');
  const expected = rulesReadme(allRules);

  test('is what the registry generates (npm run docs rewrites it)', () => {
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(file, expected);
    const actual = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    expect(actual).toBe(expected);
  });

  test('lists every rule once, linking its page', () => {
    for (const r of allRules) expect(expected.split(`| \`${r.id}\` |`).length).toBe(2);
    for (const r of allRules) expect(expected).toContain(`[rule page](${r.id}.md)`);
  });
});

/** The README's table of the policy rules, between its `<!-- rules:start -->` and `<!-- rules:end -->` markers. */
function readmeRuleTable(policyRules: readonly RuleMeta[]): string {
  return [
    '| rule | policy | what it checks |',
    '|---|---|---|',
    ...policyRules.map((r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.policy ?? '—'} | ${cell(r.description)} |`),
  ].join('\n');
}

describe('README.md "The rules"', () => {
  const file = path.join(root, 'README.md');
  const markers = /(<!-- rules:start -->\n)[\s\S]*?(<!-- rules:end -->)/;

  test('its table of policy rules is what the registry generates (npm run docs rewrites it)', () => {
    const readme = fs.readFileSync(file, 'utf8');
    expect(readme).toMatch(markers);
    const expected = readme.replace(markers, (_, start: string, end: string) => `${start}${readmeRuleTable(rules)}\n${end}`);
    if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(file, expected);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });

  test('a rule added to the registry changes the table', () => {
    const extra = { ...rules[0]!, id: 'x-rule', policy: rules.length + 1 };
    expect(readmeRuleTable([...rules, extra])).toContain('| [`x-rule`](docs/rules/x-rule.md) |');
  });
});

describe('the docs checks can fail', () => {
  const page = `---
id: x
---
# x
Desc.
## Why
w
## Incorrect
\`\`\`yaml incorrect
connector:
  identifier: ok
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    executeOnDelegate: false
\`\`\`
\`\`\`yaml incorect
a: 1
\`\`\`
## Correct
\`\`\`yaml correct
connector:
  identifier: bad
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://app.harness.io/registry
    executeOnDelegate: false
\`\`\`
`;
  const parsed = parsePage(page);

  test('parsePage reads front matter, headings, sections and blocks', () => {
    expect(parsed.frontMatter).toEqual({ id: 'x' });
    expect(parsed.title).toBe('x');
    expect(parsed.intro).toBe('Desc.');
    expect(parsed.headings).toEqual(['Why', 'Incorrect', 'Correct']);
    expect(parsed.examples.map((e) => `${e.kind}@${e.line} in ${e.section}`)).toEqual([
      'incorrect@9 in Incorrect',
      'correct@21 in Correct',
    ]);
    expect(parsed.strayYamlFences).toEqual(['line 17: yaml incorect']);
  });

  test('an incorrect block the rule accepts, and a correct block it flags, are caught', () => {
    const [incorrect, correct] = parsed.examples as [Example, Example];
    expect(lintExample(incorrect)).toEqual([]);
    expect(lintExample(correct).map((f) => `${f.line}:${f.column} [${f.ruleId}]`)).toEqual(['5:24 [no-app-harness-registry]']);
  });

  test('a stale README is caught', () => {
    const changed = allRules.map((r, i) => (i === 0 ? { ...r, severity: 'warning' as const } : r));
    expect(rulesReadme(changed)).not.toBe(rulesReadme(allRules));
  });
});
