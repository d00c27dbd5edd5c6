import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Located } from './finding.js';
import { connector, pipeline } from './validators.generated.js';
import { isYaml11Boolean } from '../model/booleans.js';
import { View } from '../model/view.js';

export type SchemaName = 'connector' | 'pipeline';

/**
 * The schemas every Harness file is checked against, compiled ahead of time from schemas/ by
 * scripts/validators.mjs (compiling them cost each thread about 30 ms at start).
 */
const compiled: Record<SchemaName, ValidateFunction> = {
  connector: connector as unknown as ValidateFunction,
  pipeline: pipeline as unknown as ValidateFunction,
};
const validators = new WeakMap<object, ValidateFunction>();
let ajv: Ajv | undefined;

/**
 * Compiles a schema built at run time (the config's, from the rules) on its first use. Our schemas
 * are not checked against the meta-schema here: __tests__/schemas.test.ts does that.
 */
function validatorFor(schema: object): ValidateFunction {
  ajv ??= new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, validateSchema: false });
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = ajv.compile(schema)));
  return v;
}

/** True when a value is valid against a schema (command-line flags are checked like the config keys they stand for). */
export function isValid(schema: object, value: unknown): boolean {
  return validatorFor(schema)(value) as boolean;
}

export interface SchemaProblem {
  at: Located;
  message: string;
}

/** Validates a document's JS value and maps each error to the YAML node at its instancePath. */
export function validateSchema(name: SchemaName, value: unknown, root: View): SchemaProblem[] {
  return problems(compiled[name], value, root, true);
}

/** Validates against a schema object (the config's, built from the rules). */
export function validateAgainst(schema: object, value: unknown, root: View): SchemaProblem[] {
  return problems(validatorFor(schema), value, root);
}

/** `harness`: the document is Harness YAML, which Harness reads with YAML 1.1's booleans (our config is read as YAML 1.2). */
function problems(validate: ValidateFunction, value: unknown, root: View, harness = false): SchemaProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if' && !(harness && yaml11Boolean(e, root)))
    .map((e) => ({ at: nodeFor(e, root), message: describe(e) }));
}

/**
 * A boolean the schema asks for, written as an unquoted `yes`, `no`, `on` or `off`: YAML 1.2 reads a
 * string, Harness's parser (Jackson 2, YAML 1.1) a boolean, so it is no error.
 */
function yaml11Boolean(error: ErrorObject, root: View): boolean {
  const params = error.params as { type?: string | string[]; allowedValues?: unknown[] };
  const wantsBoolean =
    (error.keyword === 'type' && [params.type].flat().includes('boolean')) ||
    (error.keyword === 'enum' && !!params.allowedValues?.includes(true) && params.allowedValues.includes(false));
  if (!wantsBoolean) return false;
  const node = root.getIn(segments(error.instancePath));
  return !!node && isYaml11Boolean(node.value, node.style);
}

function segments(pointer: string): Array<string | number> {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The node an error is about; for a missing property, the key of the map that lacks it. */
function nodeFor(error: ErrorObject, root: View): Located {
  const path = segments(error.instancePath);
  if (error.keyword === 'additionalProperties') {
    // The error is on the map; point at the unknown key itself.
    const key = root.getIn(path)?.keyOf((error.params as { additionalProperty: string }).additionalProperty);
    if (key) return key.at;
  }
  if (error.keyword === 'required') {
    const last = path[path.length - 1];
    const parent = root.getIn(path.slice(0, -1));
    const key = typeof last === 'string' ? parent?.keyOf(last) : undefined;
    if (key) return key.at;
  }
  let cur: View | undefined;
  for (let n = path.length; n >= 0 && !cur; n--) cur = root.getIn(path.slice(0, n));
  return (cur ?? root).at;
}

/**
 * A key from the document as a message quotes it: a control character or line break in it is
 * written as its `\uXXXX` escape, so that printed (a usage error names a config's keys) it cannot
 * start a line of its own, such as a workflow command in a CI log.
 */
const printable = (key: string) =>
  key.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function describe(error: ErrorObject): string {
  const where = segments(error.instancePath)
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${printable(s)}`))
    .join('')
    .replace(/^\./, '');
  let what = error.message ?? 'is invalid';
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    // A boolean's enum also lists the words Harness takes for one: the user needs only the two.
    what = allowed.includes(true) && allowed.includes(false) ? 'must be true or false' : `must be one of ${allowed.join(', ')}`;
  }
  if (error.keyword === 'const') what = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
  if (error.keyword === 'type') what = `must be ${typeNames(error.params as { type: string | string[] })}`;
  if (error.keyword === 'minLength' && (error.params as { limit: number }).limit === 1) what = 'must not be empty';
  if (error.keyword === 'additionalProperties')
    what = `has unknown key \`${printable((error.params as { additionalProperty: string }).additionalProperty)}\``;
  return `${where ? `\`${where}\` ` : ''}${what}.`;
}

/** JSON Schema types as YAML's words: `string,null` is "a string or null", `object` "a map". */
const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  null: 'null',
};
const typeNames = ({ type }: { type: string | string[] }) =>
  (Array.isArray(type) ? type : type.split(',')).map((t) => TYPE_NAMES[t] ?? t).join(' or ');
