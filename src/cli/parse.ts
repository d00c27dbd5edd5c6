import { closest } from '../engine/config.js';
import { ArgError } from '../engine/errors.js';

/**
 * The command line's own parser (node:util's parseArgs says too little when something is wrong):
 * `--name value`, `--name=value`, `-x value`, booleans, repeatable options, and `--` before
 * positionals that start with `-`. Every mistake is an `ArgError` of one line that says what to
 * change, with the nearest known option or value when there is one.
 */

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** Repeatable: every value is kept, in order. */
  multiple?: boolean;
  /**
   * Takes every positional argument that comes after it, options between them allowed
   * (`--changed FILE...`); positionals before it stay positionals.
   */
  greedy?: boolean;
  /** One-letter alias, without the dash. */
  short?: string;
  /** The values a string option accepts. */
  choices?: readonly string[];
  default?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<O extends OptionSpec> = O['type'] extends 'boolean'
  ? boolean
  : O extends { multiple: true } | { greedy: true }
    ? string[] | undefined
    : O extends { default: string }
      ? string
      : string | undefined;

export type Values<S extends OptionSpecs> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export { ArgError };

const didYouMean = (word: string, candidates: readonly string[]) => {
  const near = closest(word, candidates);
  return near ? `; did you mean \`${near}\`?` : '';
};

/** Checks a value against a list, suggesting the nearest one (`--format JSON`: did you mean `json`?). */
export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ArgError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")${didYouMean(value, allowed)}`);
}

export function parseCommandLine<S extends OptionSpecs>(
  argv: readonly string[],
  specs: S,
  command: string,
): { values: Values<S>; positionals: string[] } {
  const values: Record<string, unknown> = {};
  const positionals: string[] = [];
  const names = Object.keys(specs);
  const byShort = new Map(names.flatMap((n) => (specs[n]!.short ? [[specs[n]!.short!, n] as const] : [])));
  const flags = [...names.map((n) => `--${n}`), '--help'];

  for (const [name, spec] of Object.entries(specs)) values[name] = spec.type === 'boolean' ? false : spec.default;
  /** The greedy option once it has been given: later positionals are its values. */
  let greedy: string[] | undefined;
  const positional = (arg: string) => (greedy ?? positionals).push(arg);

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      argv.slice(i + 1).forEach(positional);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      shown = eq < 0 ? arg : arg.slice(0, eq);
      name = shown.slice(2);
      if (eq >= 0) inline = arg.slice(eq + 1);
      if (!Object.hasOwn(specs, name)) throw new ArgError(`unknown option \`${shown}\` for \`${command}\`${didYouMean(shown, flags)}`);
    } else {
      shown = arg.slice(0, 2);
      name = byShort.get(arg[1]!);
      if (arg.length > 2) inline = arg.slice(2).replace(/^=/, '');
      if (!name) throw new ArgError(`unknown option \`${shown}\` for \`${command}\`${didYouMean(arg, flags)}`);
    }
    const spec = specs[name]!;
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new ArgError(`\`${shown}\` takes no value (got "${inline}")`);
      values[name] = true;
      continue;
    }
    if (spec.greedy) {
      greedy = (values[name] as string[] | undefined) ?? [];
      if (inline !== undefined) greedy.push(inline);
      values[name] = greedy;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-'))
        throw new ArgError(`\`${shown}\` needs a value${spec.choices ? `: one of ${spec.choices.join(', ')}` : ''}`);
      value = next;
      i++;
    }
    if (spec.choices) oneOf(`--${name}`, value, spec.choices);
    if (spec.multiple) values[name] = [...((values[name] as string[] | undefined) ?? []), value];
    else values[name] = value;
  }
  return { values: values as Values<S>, positionals };
}
