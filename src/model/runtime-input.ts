/** What a Harness field value is: a literal, a runtime input (`<+input>...`) or another expression. */
export type FieldValue =
  { kind: 'literal'; value: string } | { kind: 'input'; default?: string; allowedValues?: string[] } | { kind: 'expression' };

const INPUT = '<+input>';

export function classifyValue(raw: string): FieldValue {
  const s = raw.trim();
  if (s.startsWith(INPUT)) {
    const out: { kind: 'input'; default?: string; allowedValues?: string[] } = { kind: 'input' };
    for (const m of s.slice(INPUT.length).matchAll(/\.(\w+)\((.*?)\)(?=\.\w+\(|$)/g)) {
      const [, name, arg] = m;
      if (name === 'default') out.default = arg!.trim();
      else if (name === 'allowedValues' || name === 'selectOneFrom' || name === 'selectManyFrom')
        out.allowedValues = arg!
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
    }
    return out;
  }
  if (s.includes('<+')) return { kind: 'expression' };
  return { kind: 'literal', value: s };
}

/** The variable a value that is exactly `<+pipeline.variables.x>` names, else undefined. */
export const pipelineVariableName = (raw: string): string | undefined => /^<\+pipeline\.variables\.([\w-]+)>$/.exec(raw.trim())?.[1];

/**
 * A field's raw text with one value of its runtime input's `.default()` or `allowedValues()` (and
 * `selectOneFrom`/`selectManyFrom`) replaced; undefined when the value is not there as a whole argument.
 * A list that already offers `to` drops `from` instead: the same option twice is no choice.
 */
export function replaceInputOption(raw: string, from: string, to: string): string | undefined {
  let found = false;
  const out = raw.replace(
    /(\.(default|allowedValues|selectOneFrom|selectManyFrom)\()(.*?)(\))/g,
    (_m, open: string, name: string, args: string, close: string) => {
      const list = name !== 'default';
      const offered = args.split(',').some((a) => a.trim() === to);
      let dropped = false;
      const parts = args.split(',').flatMap((a) => {
        if (a.trim() !== from) return [a];
        found = true;
        dropped = list && offered;
        return dropped ? [] : [a.replace(from, to)];
      });
      const joined = parts.join(',');
      return open + (dropped ? joined.trimStart() : joined) + close;
    },
  );
  return found ? out : undefined;
}
