/** Bad command-line or configuration input: exit code 2, with a message that says what to change. */
export class UsageError extends Error {}

/** A mistake on the command line: exit 2, with a second line that says where to read more (by default the command's `--help`). */
export class ArgError extends UsageError {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ArgError';
  }
}
