/** What a Harness field value is: a literal, a runtime input (`<+input>...`) or another expression. */
export type FieldValue =
  | { kind: 'literal'; value: string }
  | { kind: 'input'; default?: string; allowedValues?: string[] }
  | { kind: 'expression' };

const INPUT = '<+input>';

export function classifyValue(raw: string): FieldValue {
  const s = raw.trim();
  if (s.startsWith(INPUT)) {
    const out: { kind: 'input'; default?: string; allowedValues?: string[] } = { kind: 'input' };
    for (const m of s.slice(INPUT.length).matchAll(/\.(\w+)\((.*?)\)(?=\.\w+\(|$)/g)) {
      const [, name, arg] = m;
      if (name === 'default') out.default = arg!.trim();
      else if (name === 'allowedValues' || name === 'selectOneFrom' || name === 'selectManyFrom')
        out.allowedValues = arg!.split(',').map((v) => v.trim()).filter(Boolean);
    }
    return out;
  }
  if (s.includes('<+')) return { kind: 'expression' };
  return { kind: 'literal', value: s };
}
