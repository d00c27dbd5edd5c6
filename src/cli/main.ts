import { UsageError } from '../engine/errors.js';
import { VERSION } from '../version.js';
import type { CliIo } from './args.js';
import { check, checkUsage } from './commands/check.js';
import { fix, fixUsage } from './commands/fix.js';
import { report, reportUsage } from './commands/report.js';

interface Command {
  run(argv: string[], io: CliIo): number;
  usage(): string;
}

/** Subcommands by name. Each lives in its own module under commands/. */
const commands: Record<string, Command> = {
  check: { run: check, usage: checkUsage },
  fix: { run: fix, usage: fixUsage },
  report: { run: report, usage: reportUsage },
};

export const usage = () =>
  `harness-registry-guard ${VERSION}

Commands:
${Object.values(commands)
  .map(
    (c) =>
      '  ' +
      c
        .usage()
        .split('\n')[0]!
        .replace(/^Usage: /, ''),
  )
  .join('\n')}

Run \`harness-registry-guard COMMAND --help\` for a command's options.
Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or internal error.
`;

/** Runs the CLI and returns the exit code. Output goes through the given writers, never console. */
export function runCli(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help') return (out(usage()), name ? 0 : 2);
  if (name === '-v' || name === '--version') return (out(`${VERSION}\n`), 0);
  const command = commands[name];
  if (!command) return (err(`harness-registry-guard: unknown command: ${name}\n\n${usage()}`), 2);
  if (rest.includes('-h') || rest.includes('--help')) return (out(command.usage()), 0);
  try {
    return command.run(rest, { cwd, out, err });
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      err(`harness-registry-guard: ${(e as Error).message}\n\n${command.usage()}`);
      return 2;
    }
    err(`harness-registry-guard: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}
