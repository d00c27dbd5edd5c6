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

/**
 * A field's raw text with one value of its runtime input's `.default()` or `allowedValues()` (and
 * `selectOneFrom`/`selectManyFrom`) replaced; undefined when the value is not there as a whole argument.
 */
export function replaceInputOption(raw: string, from: string, to: string): string | undefined {
  let found = false;
  const out = raw.replace(
    /(\.(?:default|allowedValues|selectOneFrom|selectManyFrom)\()(.*?)(\))/g,
    (_m, open: string, args: string, close: string) => {
      const parts = args.split(',').map((a) => {
        if (a.trim() !== from) return a;
        found = true;
        return a.replace(from, to);
      });
      return open + parts.join(',') + close;
    },
  );
  return found ? out : undefined;
}
