import type { CliIo } from './args.js';

/** A subcommand: its line in the command list, its `--help`, and what it does. Each lives in commands/. */
export interface Command {
  name: string;
  /** The command with its arguments, as the command list shows it: `check [PATH...]`. */
  synopsis: string;
  /** What it does, in a few words, for the command list. */
  summary: string;
  /** The full `--help` text. */
  usage(): string;
  /** Runs it and returns the exit code. */
  run(argv: string[], io: CliIo): number | Promise<number>;
}
