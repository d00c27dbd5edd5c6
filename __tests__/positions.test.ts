import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { SourceTexts } from '../src/engine/file-text.js';
import { crlf, lintFiles } from './helpers/lint-files.js';

const connector = (id: string, extra = '') => `connector:
  name: ${id}
  identifier: ${id}
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    auth:
      type: Anonymous
${extra}`;

const cloudPipeline = `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
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
                    connectorRef: account.hub
                    image: golang:1.23
`;

const k8sPipeline = (ref: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: ${ref}
`;

const imagePipeline = (image: string) => `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: s
        identifier: s
        type: CI
        spec:
          execution:
            steps:
              - step:
                  type: Run
                  name: r
                  identifier: r
                  spec:
                    image: ${image}
`;

interface Case {
  ruleId: string;
  target: string;
  files: Record<string, string>;
  line: number;
  column: number;
  endColumn: number;
}

const cases: Case[] = [
  {
    ruleId: 'no-app-harness-registry',
    target: 'c.yaml',
    files: {
      'c.yaml': connector('harnessImage', '    executeOnDelegate: false\n').replace(
        'https://registry.hub.docker.com',
        'https://app.harness.io/registry',
      ),
    },
    line: 6,
    column: 24,
    endColumn: 55,
  },
  {
    ruleId: 'require-platform-connectivity',
    target: 'hub.yaml',
    files: {
      'hub.yaml': connector('hub', '    executeOnDelegate: true\n'),
      'img.yaml': connector('harnessImage', '    executeOnDelegate: false\n'),
      'p.yaml': cloudPipeline,
    },
    line: 10,
    column: 24,
    endColumn: 28,
  },
  {
    ruleId: 'require-account-image-connector',
    target: 'p.yaml',
    files: { 'p.yaml': k8sPipeline('org.mirror') },
    line: 15,
    column: 41,
    endColumn: 51,
  },
  {
    ruleId: 'no-renamed-harness-image',
    target: 'p.yaml',
    files: { 'p.yaml': imagePipeline('registry.example.com/mirror/ci-addon:1.2') },
    line: 17,
    column: 28,
    endColumn: 68,
  },
];

const variants: Array<[string, (s: string) => string, number]> = [
  ['LF', (s) => s, 0],
  ['CRLF', crlf, 0],
  ['BOM', (s) => '\uFEFF' + s, 0],
  ['multi-document', (s) => `kind: Note\nnote: first document\n---\n${s}---\nkind: Note\n`, 3],
  ['multi-document CRLF', (s) => crlf(`# leading comment\n---\n${s}`), 2],
  // Longer than a line table packs in one character.
  ['after a line of 70,000 characters', (s) => `# ${'x'.repeat(70_000)}\n${s}`, 1],
  // YAML 1.2 (and Harness's parser) ends a line at a lone CR, as an editor does; `yaml` does not.
  ['lone CR', (s) => s.replace(/\n/g, '\r'), 0],
  ['lone CR, CRLF and LF mixed', (s) => s.replace(/\n/g, () => ['\r', '\r\n', '\n'][n++ % 3]!), 0],
  ['after a comment ended by a lone CR', (s) => `# note\r# more\n${s}`, 2],
  ['multi-document with lone CRs', (s) => `kind: Note\r---\r${s}`.replace(/\n/g, '\r'), 2],
  // U+2028 and U+0085 are not line breaks in YAML 1.2: they are part of the comment.
  ['after U+2028 and U+0085 in a comment', (s) => `# a\u2028b\u0085c\n${s}`, 1],
];
let n = 0;

describe.each(cases)('$ruleId position', (c) => {
  test.each(variants)('%s', (_, transform, shift) => {
    const files = { ...c.files, [c.target]: transform(c.files[c.target]!) };
    const found = lintFiles(files).findings.filter((f) => f.ruleId === c.ruleId);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      file: c.target,
      line: c.line + shift,
      column: c.column,
      endLine: c.line + shift,
      endColumn: c.endColumn,
    });
  });
});

describe('anchors and aliases', () => {
  test('a finding reached through aliases points once at the anchored scalar', () => {
    const yaml = `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: a
        identifier: a
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: &infra
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: &mirror org.mirror
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: &img app.harness.io/registry/harness/ci-addon:1 } }
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          infrastructure:
            type: KubernetesDirect
            spec: *infra
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { image: *img } }
`;
    for (const text of [yaml, crlf(yaml)]) {
      const f = lintFiles({ 'p.yaml': text }).findings;
      const account = f.filter((x) => x.ruleId === 'require-account-image-connector');
      expect(account.map((x) => [x.line, x.column])).toEqual([[15, 49]]);
      const registry = f.filter((x) => x.ruleId === 'no-app-harness-registry');
      expect(registry.map((x) => [x.line, x.column])).toEqual([[18, 80]]);
    }
  });

  test('an alias of a Cloud runtime makes the second stage a Cloud stage too', () => {
    const pipeline = `pipeline:
  name: p
  identifier: p
  stages:
    - stage:
        name: a
        identifier: a
        type: CI
        spec:
          runtime: &cloud { type: Cloud, spec: {} }
    - stage:
        name: b
        identifier: b
        type: CI
        spec:
          runtime: *cloud
          execution:
            steps:
              - step: { type: Run, name: r, identifier: r, spec: { connectorRef: account.hub, image: alpine } }
`;
    const f = lintFiles({
      'p.yaml': pipeline,
      'hub.yaml': connector('hub'),
      'img.yaml': connector('harnessImage', '    executeOnDelegate: false\n'),
    }).findings.filter((x) => x.ruleId === 'require-platform-connectivity');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('Harness Cloud stage `b`');
    expect(f[0]).toMatchObject({ file: 'hub.yaml', line: 5, column: 3 });
  });
});

describe('trigger inputYaml', () => {
  test('a value inside a block inputYaml is reported on its own line in the trigger file', () => {
    const trigger = `trigger:
  name: t
  identifier: t
  pipelineIdentifier: p
  inputYaml: |
    pipeline:
      identifier: p
      stages:
        - stage:
            identifier: s
            type: CI
            spec:
              infrastructure:
                type: KubernetesDirect
                spec:
                  harnessImageConnectorRef: org.mirror
`;
    for (const text of [trigger, crlf(trigger)]) {
      const f = lintFiles({ 't.yaml': text, 'p.yaml': k8sPipeline('<+input>') }).findings.filter(
        (x) => x.ruleId === 'require-account-image-connector',
      );
      expect(f.map((x) => [x.file, x.line, x.column, x.severity])).toEqual([['t.yaml', 16, 45, 'error']]);
    }
  });

  test('a block inputYaml with an indentation indicator (|4-) is reported on its own line and column', () => {
    const body = [
      'pipeline:',
      '  identifier: p',
      '  stages:',
      '    - stage:',
      '        identifier: s',
      '        spec:',
      '          infrastructure:',
      '            spec:',
      '              harnessImageConnectorRef: org.mirror',
    ]
      .map((l) => `        ${l}\n`)
      .join('');
    // The indicator says 4 beyond the key's indentation (2): the 2 more spaces of the first line are content.
    const trigger = `trigger:\n  name: t\n  identifier: t\n  pipelineIdentifier: p\n  inputYaml: |4-\n${body}`;
    const f = lintFiles({ 't.yaml': trigger }).findings.filter((x) => x.ruleId === 'require-account-image-connector');
    const column = trigger.split('\n')[13]!.indexOf('org.mirror') + 1;
    expect(f.map((x) => [x.line, x.column, x.endColumn])).toEqual([[14, column, column + 10]]);
  });

  test('a quoted inputYaml is reported at the inputYaml value', () => {
    const trigger = `trigger:\n  name: t\n  identifier: t\n  pipelineIdentifier: q\n  inputYaml: "pipeline:\\n  identifier: q\\n  stages:\\n    - stage:\\n        identifier: s\\n        spec:\\n          infrastructure:\\n            spec:\\n              harnessImageConnectorRef: org.m\\n"\n`;
    const f = lintFiles({ 't.yaml': trigger }).findings.filter((x) => x.ruleId === 'require-account-image-connector');
    expect(f.map((x) => [x.file, x.line, x.column])).toEqual([['t.yaml', 5, 14]]);
  });
});

describe('lone CR line breaks', () => {
  test('a key after a comment ended by a lone CR is a key of its own, on its own line', () => {
    const text = imagePipeline('app.harness.io/registry/harness/ci-addon:1.2').replace(
      '                    image:',
      '                    command: echo # build the thing\r                    image:',
    );
    const found = lintFiles({ 'p.yaml': text }).findings.filter((f) => f.ruleId === 'no-app-harness-registry');
    expect(found.map((f) => [f.line, f.column, f.endColumn])).toEqual([[18, 28, 72]]);
  });

  test('an all-CR file parses (no syntax errors) and its findings are on their lines', () => {
    const found = lintFiles({ 'p.yaml': imagePipeline('app.harness.io/registry/x/y:1').replace(/\n/g, '\r') }).findings;
    expect(found.filter((f) => f.ruleId === 'yaml-syntax')).toEqual([]);
    expect(found.filter((f) => f.ruleId === 'no-app-harness-registry').map((f) => [f.line, f.column])).toEqual([[17, 28]]);
  });

  test('a connector key hidden behind a lone CR is read, so fix adds no second one', () => {
    const hub = connector('hub').replace('      type: Anonymous\n', '      type: Anonymous # public\r    executeOnDelegate: true\n');
    const files = { 'hub.yaml': hub, 'img.yaml': connector('harnessImage', '    executeOnDelegate: false\n'), 'p.yaml': cloudPipeline };
    const found = lintFiles(files).findings.filter((f) => f.ruleId === 'require-platform-connectivity');
    expect(found.map((f) => [f.file, f.line, f.column, f.message.includes('`executeOnDelegate: true`')])).toEqual([
      ['hub.yaml', 10, 24, true],
    ]);
    // The fix replaces the value in place: the lone CR stays, and no key is appended.
    expect(found[0]!.fix?.map((e) => [hub.slice(e.start, e.end), e.text])).toEqual([['true', 'false']]);
  });
});

describe('syntax errors', () => {
  const unclosed = k8sPipeline('"account.harness_mirror') + '          execution:\n            steps: []\n';

  test('an unclosed quote is reported at the opening quote, not past the last line', () => {
    const found = lintFiles({ 'p.yaml': unclosed }).findings;
    expect(found.map((f) => [f.ruleId, f.line, f.column, f.message])).toEqual([['yaml-syntax', 15, 41, 'Missing closing "quote.']]);
  });

  test('a comment written straight after a closing quote is reported at its `#`, not at the opening quote', () => {
    for (const q of ['"', "'"]) {
      const found = lintFiles({ 'p.yaml': `pipeline:\n  name: ${q}x${q}# c\n  identifier: p\n` }).findings;
      expect(found.map((f) => [f.ruleId, f.line, f.column, f.endColumn])).toEqual([['yaml-syntax', 2, 12, 15]]);
      expect(found[0]!.message).toMatch(/^Comments must be separated/);
    }
  });

  test('an unclosed quote does not swallow the documents after it', () => {
    const broken = connector('broken').replace('https://registry.hub.docker.com', '"https://app.harness.io/registry');
    const good = connector('good', '    executeOnDelegate: false\n').replace(
      'https://registry.hub.docker.com',
      'https://app.harness.io/registry',
    );
    for (const marker of ['---\n', '...\n---\n', '...\n']) {
      const found = lintFiles({ 'c.yaml': broken + marker + good }).findings;
      const goodLine = broken.split('\n').length + marker.split('\n').length - 2 + 6;
      expect(found.map((f) => [f.ruleId, f.line, f.column])).toEqual([
        ['yaml-syntax', 6, 24],
        ['no-app-harness-registry', goodLine, 24],
      ]);
    }
  });

  test("a broken document's other errors stay out of the documents parsed again after it", () => {
    // The unclosed quote inside a flow sequence also leaves the sequence without its `]`: `yaml`
    // reports that at the end of the file, on the last line of the good document.
    const broken = connector('c1', '    tags: [a, "b\n');
    const good = connector('c2', '    executeOnDelegate: false\n').replace(
      'https://registry.hub.docker.com',
      'https://app.harness.io/registry',
    );
    for (const marker of ['---\n', '...\n', '...\n---\n']) {
      const text = broken + marker + good;
      const found = lintFiles({ 'flow.yaml': text }).findings;
      const goodLine = broken.split('\n').length + marker.split('\n').length - 2 + 6;
      expect(found.map((f) => [f.ruleId, f.line, f.column, f.message])).toEqual([
        ['yaml-syntax', 10, 15, 'Missing closing "quote.'],
        ['no-app-harness-registry', goodLine, 24, expect.any(String)],
      ]);
    }
  });

  test('an error at the end of the file is on its last line', () => {
    for (const text of ['pipeline:\n  name: p\n  tags: [a, b\n', 'pipeline:\n  name: p\n  tags: [a, b\r\n\r\n', 'pipeline:\n  tags: [a']) {
      const lines = text.split(/\r?\n/).length - (/\n$/.test(text) ? 1 : 0);
      const found = lintFiles({ 'p.yaml': text }).findings.filter((f) => f.ruleId === 'yaml-syntax');
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) expect(f.line).toBeLessThanOrEqual(lines);
    }
  });
});

test('texts read again for code frames and --changed count a lone CR as a line break, at the same offsets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-texts-'));
  try {
    fs.writeFileSync(path.join(dir, 'p.yaml'), 'a: 1\rb: 2\r\nc: 3\n');
    expect(new SourceTexts(dir).get('p.yaml')).toBe('a: 1\nb: 2\r\nc: 3\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
