import { closest } from '../../engine/config.js';
import { ruleDocsUrl } from '../../formats/links.js';
import { allRules, ruleMeta } from '../../rules/index.js';
import type { CliIo } from '../args.js';
import type { Command } from '../command.js';
import { readRulePage, rulesDocsDir } from '../docs.js';
import { ArgError, parseCommandLine } from '../parse.js';

const usage = () => `Usage: harness-registry-guard explain RULE-ID

Prints a rule's page: why the rule exists, what it checks, examples, what to change and how \`fix\`
handles it (docs/rules/RULE-ID.md, shipped with the package). \`harness-registry-guard rules\` lists
the ids.

Options:
  -h, --help                  show this help
`;

const LIST_HINT = 'Run `harness-registry-guard rules` to list the rules.';

function run(argv: string[], io: CliIo): number {
  const { positionals } = parseCommandLine(argv, {}, 'explain');
  const ids = allRules.map((r) => r.id);
  if (positionals.length !== 1)
    throw new ArgError(
      positionals.length
        ? `\`explain\` takes one rule id (got ${positionals.length})`
        : `\`explain\` needs a rule id: one of ${ids.join(', ')}`,
      positionals.length ? undefined : LIST_HINT,
    );
  const id = positionals[0]!;
  const rule = ruleMeta(id);
  if (!rule) {
    const near = closest(id, ids);
    throw new ArgError(`unknown rule \`${id}\`${near ? `; did you mean \`${near}\`?` : ''}`, LIST_HINT);
  }
  // The page's front matter (id, severity, fixable) is for tools; a reader gets the text.
  const page = readRulePage(id)?.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n\s*/, '');
  if (page !== undefined) {
    io.out(page.endsWith('\n') ? page : `${page}\n`);
    return 0;
  }
  // An install without docs/rules (a copied bundle): the registry's own words and the page's address.
  io.err(`harness-registry-guard: no rule pages in ${rulesDocsDir()}; showing the rule's summary.\n`);
  io.out(
    `# ${rule.id}\n\n${rule.description}\n\nWhat to change: ${rule.remediation}\n\nHarness documentation: ${rule.harnessDocs}\nRule page: ${ruleDocsUrl(rule.id)}\n`,
  );
  return 0;
}

export const explain: Command = {
  name: 'explain',
  synopsis: 'explain RULE-ID',
  summary: "print a rule's page",
  usage,
  run,
};
