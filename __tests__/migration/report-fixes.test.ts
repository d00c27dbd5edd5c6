import { afterAll, describe, expect, test } from '@jest/globals';
import { renderMarkdown } from '../../src/migration/markdown.js';
import { rawTags } from '../helpers/render-markdown.js';
import { cleanup, repo, reportOf } from './repo-fixture.js';

afterAll(cleanup);

/** A CI stage: `infra` is the YAML under `spec:` before the steps (6 spaces deep). */
const ciStage = (id: string, infra: string) =>
  `    - stage:\n        name: s\n        identifier: ${JSON.stringify(id)}\n        type: CI\n        spec:\n${infra}` +
  `          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n` +
  `                  spec:\n                    image: alpine:3\n                    command: echo\n`;
const k8s = (more = '') =>
  `          infrastructure:\n            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n${more}`;
const pipelineOf = (id: string, stages: string) =>
  `pipeline:\n  name: ${id}\n  identifier: ${id}\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n${stages}`;

describe('the Stages table shows repo values as text', () => {
  test('a useFromStage stage identifier and a template versionLabel holding HTML are escaped', () => {
    const bad = '<img src=x onerror=alert(1)>';
    const label = 'v1<img src=https://evil.example/pixel.png>';
    const dir = repo({
      'p.yaml': pipelineOf(
        'p',
        ciStage(bad, k8s()) +
          ciStage('b', `          infrastructure:\n            useFromStage: ${JSON.stringify(bad)}\n`) +
          `    - stage:\n        name: t\n        identifier: t\n        template:\n          templateRef: tpl_x\n          versionLabel: ${JSON.stringify(label)}\n`,
      ),
      'tpl.yaml':
        `template:\n  name: x\n  identifier: tpl_x\n  versionLabel: ${JSON.stringify(label)}\n  type: Stage\n  projectIdentifier: proj\n  orgIdentifier: default\n  spec:\n` +
        `    type: CI\n    spec:\n      infrastructure:\n        type: KubernetesDirect\n        spec:\n          connectorRef: account.k8s\n          namespace: ci\n` +
        `      execution:\n        steps:\n          - step:\n              type: Run\n              name: r\n              identifier: r\n              spec:\n                image: alpine:3\n                command: echo\n`,
    });
    const r = reportOf(dir);
    expect(r.stages.map((s) => s.infrastructureFrom).filter(Boolean)).toEqual(
      expect.arrayContaining([`stage ${bad}`, `template tpl_x ${label}`]),
    );
    const md = renderMarkdown(r);
    const stages = md.slice(md.indexOf('## Stages'), md.indexOf('## Images by registry'));
    expect(stages).toContain('(from stage &lt;img src=x onerror=alert(1)&gt;)');
    expect(stages).toContain('(from template tpl_x v1&lt;img src=https://evil.example/pixel.png&gt;)');
    expect(rawTags(md)).toEqual([]);
  });
});
