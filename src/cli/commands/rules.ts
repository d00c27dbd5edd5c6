import type { RuleMeta } from '../../engine/rule.js';
import { ruleDocsUrl } from '../../formats/links.js';
import { allRules } from '../../rules/index.js';
import { VERSION } from '../../version.js';
import type { CliIo } from '../args.js';
import type { Command } from '../command.js';
import { ArgError, parseCommandLine } from '../parse.js';

const OPTIONS = {
  format: { type: 'string', default: 'text', choices: ['text', 'json'] },
} as const;

const usage = () => `Usage: harness-registry-guard rules [options]

Lists every rule a finding can carry: the policy rules, then the checks the tool makes itself,
with the default severity, the policy, whether \`fix\` can fix it, and its page.

Options:
  --format FORMAT             text|json (default: text); json adds descriptions and each rule's options
  -h, --help                  show this help
`;

/** What `rules --format json` gives for one rule. */
export function ruleJson(r: RuleMeta) {
  return {
    id: r.id,
    severity: r.severity,
    policy: r.policy ?? null,
    fixable: r.fixable,
    description: r.description,
    docs: ruleDocsUrl(r.id),
    harnessDocs: r.harnessDocs,
    options: Object.entries(r.options ?? {}).map(([name, o]) => ({
      name,
      description: o.description,
      default: o.default,
      schema: o.schema,
      ...(o.topLevel ? { topLevel: true } : {}),
    })),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + 2))).join('')).join('\n') + '\n';
}

function run(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandLine(argv, OPTIONS, 'rules');
  if (positionals.length) throw new ArgError(`\`rules\` takes no arguments (got "${positionals[0]}")`);
  if (values.format === 'json') {
    io.out(JSON.stringify({ version: VERSION, rules: allRules.map(ruleJson) }, null, 2) + '\n');
    return 0;
  }
  const rows = [
    ['id', 'severity', 'policy', 'fixable', 'docs'],
    ...allRules.map((r) => [r.id, r.severity, r.policy ? String(r.policy) : '-', r.fixable, ruleDocsUrl(r.id)]),
  ];
  io.out(table(rows));
  io.out(
    '\nRun `harness-registry-guard explain RULE-ID` for a rule page. Levels and options go in .harness-registry-guard.yml\n(`harness-registry-guard init` writes one that lists them all).\n',
  );
  return 0;
}

export const rules: Command = {
  name: 'rules',
  synopsis: 'rules',
  summary: 'list the rules: id, severity, policy, fixable, docs',
  usage,
  run,
};
