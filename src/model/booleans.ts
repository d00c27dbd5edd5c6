import type { ScalarStyle } from '../parse/tree.js';

/**
 * How Harness reads a boolean field: Jackson 2, into a Java Boolean. Its YAML parser resolves
 * plain scalars as YAML 1.1 does, so an unquoted `yes`, `no`, `on` or `off` (in any of their three
 * spellings) is a boolean there, where YAML 1.2 reads a string. Its boolean reader also takes the
 * strings "true", "True" and "TRUE" (and "false", "False", "FALSE"), quoted or filled in by an input
 * set. Undefined for any other value (a quoted "no", `1`, a runtime input). `style` is how the
 * value is written, when it is written as a whole scalar; without it only the second rule applies.
 */
export function jacksonBoolean(value: unknown, style?: ScalarStyle): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  if (JACKSON_TRUE.has(value) || (style === 'PLAIN' && YAML11_TRUE.has(value))) return true;
  if (JACKSON_FALSE.has(value) || (style === 'PLAIN' && YAML11_FALSE.has(value))) return false;
  return undefined;
}

/** A plain scalar that YAML 1.2 reads as a string and Harness as a boolean (`no`, `On`, `YES`). */
export const isYaml11Boolean = (value: unknown, style: ScalarStyle | undefined): boolean =>
  typeof value === 'string' && style === 'PLAIN' && (YAML11_TRUE.has(value) || YAML11_FALSE.has(value));

const spellings = (...words: string[]) => new Set(words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]));
const JACKSON_TRUE: ReadonlySet<string> = spellings('true');
const JACKSON_FALSE: ReadonlySet<string> = spellings('false');
/** SnakeYAML's YAML 1.1 boolean words, which Jackson 2's YAML parser takes as booleans (its `_matchYAMLBoolean`). */
const YAML11_TRUE: ReadonlySet<string> = spellings('yes', 'on');
const YAML11_FALSE: ReadonlySet<string> = spellings('no', 'off');
