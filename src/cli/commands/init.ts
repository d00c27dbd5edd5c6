import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE, CONFIG_FILES, configSchema, loadConfig } from '../../engine/config.js';
import { DEFAULT_INCLUDE, toPosix } from '../../engine/discover.js';
import { DEFAULT_MAX_FILE_SIZE } from '../../engine/scan-file.js';
import { UsageError } from '../../engine/errors.js';
import type { RuleMeta } from '../../engine/rule.js';
import { configSchemaUrl, readmeUrl, ruleDocsUrl } from '../../formats/links.js';
import { allRules, rules as policyRules } from '../../rules/index.js';
import { VERSION } from '../../version.js';
import { writeOrExplain, type CliIo } from '../args.js';
import type { Command } from '../command.js';
import { ArgError, parseCommandLine } from '../parse.js';

const usage = () => `Usage: harness-registry-guard init [DIR]

Writes a commented ${CONFIG_FILE} to DIR (default: .) that lists every rule with its default level
and its options at their defaults, and the other settings commented out. Its first line points
editors at the config schema of this version. An existing config file is never overwritten.

Options:
  -h, --help                  show this help
`;

/** Comment lines of at most `width` columns, each starting with `indent` and `# `. */
function comment(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && indent.length + 2 + current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.map((l) => `${indent}# ${l}`);
}

/** A value as YAML flow (JSON is YAML). */
const flow = (value: unknown) => JSON.stringify(value);

function ruleEntry(rule: RuleMeta): string[] {
  const lines = [
    ...comment(`${rule.policy ? `Policy ${rule.policy}. ` : ''}${rule.description}`, '  '),
    ...comment(`Default: ${rule.severity}. Fixable: ${rule.fixable}. ${ruleDocsUrl(rule.id)}`, '  '),
  ];
  const options = Object.entries(rule.options ?? {});
  if (!options.length) return [...lines, `  ${rule.id}: ${rule.severity}`];
  lines.push(`  ${rule.id}:`, `    level: ${rule.severity}`);
  for (const [name, o] of options) lines.push(...comment(o.description, '    '), `    # ${name}: ${flow(o.default)}`);
  return lines;
}

/**
 * The text `init` writes: the schema line, then every rule of the registry at its default level
 * with its options commented out at their defaults, then the other settings of the config schema,
 * commented out. Levels, ids, options and descriptions all come from the rules and the schema.
 */
export function initialConfig(): string {
  const schema = configSchema(allRules) as { properties: Record<string, { description: string }> };
  const describe = (key: string) => schema.properties[key]!.description;
  const policies = new Set<RuleMeta>(policyRules);
  const out = [
    `# yaml-language-server: $schema=${configSchemaUrl()}`,
    '#',
    ...comment(
      `harness-registry-guard ${VERSION} configuration, written by \`harness-registry-guard init\`. check, fix and report read it from the scanned folder or the nearest folder above it, up to the repository root; a flag given on the command line wins over the same setting here. Reference: ${readmeUrl('configuration')}`,
      '',
    ),
    '',
    ...comment(describe('rules'), ''),
    ...comment('The levels below are the defaults; options are commented out at their defaults.', ''),
    'rules:',
  ];
  allRules.forEach((rule, i) => {
    if (i > 0) out.push('');
    if (!policies.has(rule) && policies.has(allRules[i - 1]!)) out.push('  # Checks the tool makes itself.', '');
    out.push(...ruleEntry(rule));
  });
  const settings: Array<[string, string[]]> = [
    ['include', ['# include:', ...DEFAULT_INCLUDE.map((g) => `#   - ${flow(g)}`)]],
    ['exclude', ['# exclude:', `#   - ${flow('vendor/**')}`]],
    ['maxFileSize', [`# maxFileSize: ${DEFAULT_MAX_FILE_SIZE}`]],
    ['forbidSuppression', ['# forbidSuppression:', `#   - ${policyRules[0]!.id}`]],
  ];
  for (const [key, lines] of settings) out.push('', ...comment(describe(key), ''), ...lines);
  return out.join('\n') + '\n';
}

function run(argv: string[], io: CliIo): number {
  const { positionals } = parseCommandLine(argv, {}, 'init');
  if (positionals.length > 1) throw new ArgError(`\`init\` takes at most one folder (got ${positionals.length})`);
  const given = positionals[0] ?? '.';
  const dir = path.resolve(io.cwd, given);
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat?.isDirectory())
    throw new ArgError(stat ? `not a folder: ${given} (\`init\` writes the config file into a folder)` : `folder not found: ${given}`);
  const shown = (name: string) => toPosix(path.relative(io.cwd, path.join(dir, name))) || name;
  // lstat: a dangling symlink by that name exists too, and is not written through.
  const existing = CONFIG_FILES.find((name) => fs.lstatSync(path.join(dir, name), { throwIfNoEntry: false }));
  if (existing) throw new UsageError(`${shown(existing)} already exists; edit it, or delete it to write a new one`);

  const file = path.join(dir, CONFIG_FILE);
  const text = initialConfig();
  // What is written must load: the same loader `check` uses, on the text before it is written.
  loadConfig(file, io.cwd, allRules, text);
  writeOrExplain(shown(CONFIG_FILE), () => fs.writeFileSync(file, text, { flag: 'wx' }));
  io.out(`Wrote ${shown(CONFIG_FILE)}: every rule at its default level. Edit it, then run \`harness-registry-guard check\`.\n`);
  return 0;
}

export const init: Command = {
  name: 'init',
  synopsis: 'init [DIR]',
  summary: `write a commented ${CONFIG_FILE}`,
  usage,
  run,
};
