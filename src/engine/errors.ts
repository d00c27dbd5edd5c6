/** Bad command-line or configuration input: exit code 2, with a message that says what to change. */
export class UsageError extends Error {}
