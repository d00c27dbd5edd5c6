import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { applyFixes } from '../helpers/lint.js';
import { tempRepo } from './helpers.js';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});
const track = (dir: string) => (temps.push(dir), dir);

/** A Cloud stage pulling through connector `e3`: policy 2 wants `executeOnDelegate: false` on it. */
const CLOUD_PIPELINE = `pipeline:
  name: cloud
  identifier: cloud
  orgIdentifier: default
  projectIdentifier: proj
  stages:
    - stage:
        name: build
        identifier: build
        type: CI
        spec:
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
              - step:
                  type: Run
                  name: r
                  identifier: r
                  spec:
                    connectorRef: e3
                    image: golang:1.23
`;

const connector = (url: string, providerType: string, tail: string) =>
  `connector:\n  name: e3\n  identifier: e3\n  orgIdentifier: default\n  projectIdentifier: proj\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: ${url}\n${providerType}${tail}`;

describe('an inserted key keeps the blank lines a nested `|+` or `>+` value keeps', () => {
  const tails: Array<[string, string]> = [
    ['the last value of a nested map', '    auth:\n      type: Anonymous\n      note: |+\n        keep\n\n'],
    ['the last item of a nested list', '    auth:\n      type: Anonymous\n    tags:\n      - a\n      - >+\n        block\n\n\n'],
    ['deeper down, with a map after it at the top', '    auth:\n      type: Anonymous\n      more:\n        - x: 1\n          note: |2+\n            keep\n\n# done\n'],
  ];
  const cases = tails.flatMap(([where, tail]): Array<[string, string, string]> => [
    [`policy 2's executeOnDelegate (${where})`, connector('https://registry.hub.docker.com', '    providerType: DockerHub\n', tail), 'executeOnDelegate'],
    [`policy 1's providerType (${where})`, connector('https://app.harness.io/registry', '', tail), 'providerType'],
  ]);

  test.each(cases)('%s', (_, text, key) => {
    const dir = track(tempRepo({ 'connector.yaml': text, 'pipeline.yaml': CLOUD_PIPELINE }));
    const r = applyFixes({ cwd: dir, paths: ['.'] });
    expect(r.converged).toBe(true);
    const after = fs.readFileSync(path.join(dir, 'connector.yaml'), 'utf8');
    expect(after).not.toBe(text);
    // The data is the same but for the fix: the key inserted and (policy 1) the URL replaced.
    const before = parse(text);
    const fixed = parse(after);
    expect(fixed.connector.spec[key]).toBeDefined();
    // A connector of a Cloud stage gets executeOnDelegate too, in the same run.
    for (const k of ['providerType', 'executeOnDelegate']) if (!(k in before.connector.spec)) delete fixed.connector.spec[k];
    fixed.connector.spec.dockerRegistryUrl = before.connector.spec.dockerRegistryUrl;
    expect(fixed).toEqual(before);
  });
});
