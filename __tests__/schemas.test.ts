import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { lintFiles } from './helpers/lint-files.js';

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

// The scan's schemas are compiled ahead of time (src/engine/validators.generated.ts); a schema edited
// without `npm run build` would leave the checker validating against the old one.
describe('the compiled validators', () => {
  it('are what scripts/validators.mjs makes of schemas/ now', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { generateValidators } from './scripts/validators.mjs'; process.stdout.write(generateValidators());",
      ],
      { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.length).toBeGreaterThan(1000);
    expect(r.stdout === fs.readFileSync('src/engine/validators.generated.ts', 'utf8')).toBe(true);
  });
});

// require-account-image-connector.md: an empty Override Image Connector is no override, so it passes.
describe('the pipeline schema', () => {
  it('takes `harnessImageConnectorRef:` with no value (null): no override, no schema error', () => {
    const stage = (id: string, value: string) =>
      `    - stage:\n        name: ${id}\n        identifier: ${id}\n        type: CI\n        spec:\n          infrastructure:\n` +
      `            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n` +
      `              harnessImageConnectorRef: ${value}\n`;
    const text = `pipeline:\n  name: p\n  identifier: p\n  stages:\n${stage('unset', '')}${stage('tilde', '~')}`;
    const { findings } = lintFiles({ 'pipeline.yaml': text });
    expect(findings.filter((f) => f.ruleId === 'schema').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([]);
  });
});

// Harness reads `executeOnDelegate` with Jackson 2: the strings "false"/"True" and the unquoted YAML 1.1 words are booleans to it.
describe('the connector schema', () => {
  const connector = (value: string) =>
    `connector:\n  name: hub\n  identifier: hub\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: https://registry.hub.docker.com\n` +
    `    providerType: DockerHub\n    auth:\n      type: Anonymous\n    executeOnDelegate: ${value}\n`;
  const schemaFindings = (value: string) =>
    lintFiles({ 'connector.yaml': connector(value) })
      .findings.filter((f) => f.ruleId === 'schema')
      .map((f) => `${f.line}:${f.column} ${f.message}`);

  it.each(['false', 'True', '"False"', "'TRUE'", 'no', 'Off', 'YES', 'on'])('takes executeOnDelegate: %s', (value) => {
    expect(schemaFindings(value)).toEqual([]);
  });

  // Quoted, the YAML 1.1 words are strings to Jackson too, and its boolean reader refuses them.
  it.each(['maybe', '1', '[]', '"no"', "'yes'"])('reports executeOnDelegate: %s as not a boolean', (value) => {
    expect(schemaFindings(value)).toEqual(['10:24 Connector `hub`: `connector.spec.executeOnDelegate` must be true or false.']);
  });
});
