import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import fs from 'node:fs';
import path from 'node:path';

// The checker compiles these without validating them against the meta-schema (that costs start-up
// time on every run), so this test does it.
describe('schemas/ are valid JSON Schema (draft-07) under strict mode', () => {
  const dir = path.resolve('schemas');
  it.each(fs.readdirSync(dir).filter((f) => f.endsWith('.json')))('%s', (file) => {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
    expect(() => ajv.compile(schema)).not.toThrow();
  });
});
