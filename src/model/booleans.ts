/**
 * How Harness reads a boolean field: Jackson, into a Java Boolean, takes `true` and `false`, and
 * also the strings "true", "True" and "TRUE" (and "false", "False", "FALSE"), quoted or filled in
 * by an input set. Undefined for any other value (`yes`, `1`, a runtime input).
 */
export function jacksonBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  return JACKSON_TRUE.has(value) ? true : JACKSON_FALSE.has(value) ? false : undefined;
}

const JACKSON_TRUE: ReadonlySet<string> = new Set(['true', 'True', 'TRUE']);
const JACKSON_FALSE: ReadonlySet<string> = new Set(['false', 'False', 'FALSE']);
