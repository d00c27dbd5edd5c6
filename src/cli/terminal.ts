/**
 * Whether text output takes its terminal form (a code frame under each finding, colour), decided
 * in this order:
 *
 * 1. `--color` gives it and `--no-color` refuses it, whatever the environment says;
 * 2. a report written with `--output FILE` is plain;
 * 3. `FORCE_COLOR` set to anything but `0` or `false` (the empty string included) gives it, into a
 *    pipe too; `FORCE_COLOR=0` or `false` refuses it (as in Node.js, `FORCE_COLOR` wins over
 *    `NO_COLOR`);
 * 4. `NO_COLOR` set to a non-empty value refuses it (https://no-color.org);
 * 5. otherwise standard output must be a terminal whose `TERM` is not `dumb`.
 *
 * The plain form (the documented `file:line:col: severity: message [rule-id]` lines) is what pipes,
 * files and CI logs get unless told otherwise.
 */
export function terminalForm(
  flags: { color: boolean; noColor: boolean; toFile: boolean },
  env: Readonly<Record<string, string | undefined>>,
  stdoutIsTTY: boolean,
): boolean {
  if (flags.noColor) return false;
  if (flags.color) return true;
  if (flags.toFile) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR) return false;
  return stdoutIsTTY && env.TERM !== 'dumb';
}
