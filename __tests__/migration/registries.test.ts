import { afterAll, describe, expect, test } from '@jest/globals';
import { renderMarkdown } from '../../src/migration/markdown.js';
import { cleanup, pipeline, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

describe('Images by registry', () => {
  test('credentials in an image reference are hidden, and the image is filed under the registry it names', () => {
    const dir = repo({
      'a.yaml': pipeline('a', 'account.x', 'https://erin:pw7@app.harness.io/registry/harness/ci-lite-engine:1.0'),
      'b.yaml': pipeline('b', 'account.x', 'dave:tok3n@app.harness.io/registry/harness/ci-addon:1.0'),
      'c.yaml': pipeline('c', 'account.x', 'harness/ci-addon@sha256:0123'),
      // A password may hold `@` itself.
      'd.yaml': pipeline('d', 'account.x', 'erin:pa@ssSECRETA@app.harness.io/registry/harness/drone-git:1.0'),
    });
    const r = reportOf(dir);
    const text = JSON.stringify(r) + renderMarkdown(r);
    expect(text).not.toMatch(/pw7|tok3n|SECRETA/);
    const by = Object.fromEntries(r.registries.map((g) => [g.registry, g.images.map((i) => i.image)]));
    expect(by).toEqual({
      'app.harness.io/registry': [
        'https://***@app.harness.io/registry/harness/ci-lite-engine:1.0',
        '***@app.harness.io/registry/harness/ci-addon:1.0',
        '***@app.harness.io/registry/harness/drone-git:1.0',
      ],
      'docker.io': ['harness/ci-addon@sha256:0123'],
    });
  });

  test('a runtime input naming one image in .default() and .allowedValues() lists it once; each value is judged on its own', () => {
    const image =
      '<+input>.default(app.harness.io/registry/harness/ci-addon:1.0).allowedValues(app.harness.io/registry/harness/ci-addon:1.0,node:20)';
    const r = reportOf(repo({ 'p.yaml': pipeline('p', 'account.x', image) }));
    const rows = r.registries.flatMap((g) => g.images.map((i) => [g.registry, i.image, i.findings]));
    expect(rows).toEqual([
      ['app.harness.io/registry', 'app.harness.io/registry/harness/ci-addon:1.0', ['no-app-harness-registry']],
      ['docker.io', 'node:20', []],
    ]);
    expect(r.summary.images).toBe(2);
  });
});

describe('Checks in Harness', () => {
  test('the JSON has every place; the Markdown lists 8 and says how many more', () => {
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}.yaml`, pipeline(`p${i}`, 'account.ext')]));
    const r = reportOf(repo(files));
    const step = r.harnessSteps.find((s) => s.subject === 'account.harnessImage');
    expect(step?.places).toHaveLength(12);
    expect(renderMarkdown(r)).toContain('and 4 more');
  });
});
