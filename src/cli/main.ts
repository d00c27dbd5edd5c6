import { closest } from '../engine/config.js';
import { UsageError } from '../engine/errors.js';
import { readmeUrl } from '../formats/links.js';
import { VERSION } from '../version.js';
import type { CliIo } from './args.js';
import type { Command } from './command.js';
import { check } from './commands/check.js';
import { explain } from './commands/explain.js';
import { fix } from './commands/fix.js';
import { init } from './commands/init.js';
import { report } from './commands/report.js';
import { rules } from './commands/rules.js';
import { ArgError } from './parse.js';
import { internalErrorText, usageErrorText } from '../formats/style.js';

const PROGRAM = 'harness-registry-guard';

const help: Command = {
  name: 'help',
  synopsis: 'help [COMMAND]',
  summary: "show this help, or a command's",
  usage: () =>
    `Usage: ${PROGRAM} help [COMMAND]\n\nShows the list of commands, or COMMAND's options (as \`${PROGRAM} COMMAND --help\` does).\n`,
  run: (argv, io) => {
    const [name, ...extra] = argv.filter((a) => a !== '--');
    if (extra.length) throw new ArgError(`\`help\` takes one command (got ${argv.length})`);
    io.out(name === undefined ? usage() : commandNamed(name).usage());
    return 0;
  },
};

/** Subcommands by name, in the order the help lists them. */
const commands: readonly Command[] = [check, fix, report, rules, explain, init, help];

export const usage = () => {
  const width = Math.max(...commands.map((c) => c.synopsis.length)) + 2;
  return `${PROGRAM} ${VERSION}: checks Harness CI YAML against Harness's rules for pulling its CI images.

Usage: ${PROGRAM} COMMAND [options]

Commands:
${commands.map((c) => `  ${c.synopsis.padEnd(width)}${c.summary}`).join('\n')}

Options:
  -h, --help${' '.repeat(width - 10)}show this help; after a command, the command's options
  -V, --version${' '.repeat(width - 13)}print the version

Run \`${PROGRAM} help COMMAND\` or \`${PROGRAM} COMMAND --help\` for a command's options.
Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or internal error.
Documentation: ${readmeUrl('cli')}
`;
};

const TOP_HINT = `Run \`${PROGRAM} --help\` for usage.`;

/** Words people try for a command, with the command they mean (did-you-mean goes by spelling otherwise). */
const SYNONYMS: Record<string, string> = {
  lint: 'check',
  scan: 'check',
  validate: 'check',
  verify: 'check',
  list: 'rules',
  docs: 'explain',
};

function commandNamed(name: string): Command {
  const found = commands.find((c) => c.name === name);
  if (found) return found;
  const near =
    SYNONYMS[name.toLowerCase()] ??
    closest(
      name,
      commands.map((c) => c.name),
    );
  throw new ArgError(`unknown command \`${name}\`${near ? `; did you mean \`${near}\`?` : ''}`, TOP_HINT);
}

/** Options the top level takes, for did-you-mean. */
const TOP_OPTIONS = ['--help', '--version'];

/** Where the writers go and what the entry point knows about them; without it, plain output. */
export interface CliEnvironment {
  env?: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY?: boolean;
}

/**
 * Runs the CLI and returns the exit code. Output goes through the given writers, never console. A
 * mistake on the command line gets one line saying what is wrong (with the nearest command, option
 * or value when there is one) and one saying where help is; the full usage only with `--help`.
 */
export async function runCli(
  argv: string[],
  cwd: string,
  out: (s: string) => void,
  err: (s: string) => void,
  environment: CliEnvironment = {},
): Promise<number> {
  const io: CliIo = { cwd, out, err, env: environment.env ?? {}, stdoutIsTTY: environment.stdoutIsTTY ?? false };
  const [name, ...rest] = argv;
  let command: Command | undefined;
  try {
    if (name === undefined) throw new ArgError(`missing command: one of ${commands.map((c) => c.name).join(', ')}`, TOP_HINT);
    if (name === '-h' || name === '--help') return (out(usage()), 0);
    if (name === '-V' || name === '-v' || name === '--version') return (out(`${VERSION}\n`), 0);
    if (name.startsWith('-')) {
      const near = closest(name.replace(/=.*/, ''), TOP_OPTIONS);
      throw new ArgError(`unknown option \`${name}\`${near ? `; did you mean \`${near}\`?` : '; options go after the command'}`, TOP_HINT);
    }
    command = commandNamed(name);
    const end = rest.indexOf('--');
    if ((end < 0 ? rest : rest.slice(0, end)).some((a) => a === '-h' || a === '--help')) return (out(command.usage()), 0);
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof ArgError) {
      const hint = e.hint ?? (command ? `Run \`${PROGRAM} ${command.name} --help\` for its options.` : TOP_HINT);
      err(`${PROGRAM}: ${usageErrorText(e.message)}\n${hint}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      err(`${PROGRAM}: ${usageErrorText(e.message)}\n`);
      return 2;
    }
    err(`${PROGRAM}: internal error: ${internalErrorText(String((e as Error).stack ?? e))}\n`);
    return 2;
  }
}
