import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@jest/globals';
import { runCli, type CliEnvironment } from '../../src/cli/main.js';

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'dist', 'cli', 'index.js');

/** Runs the CLI in-process; `environment` stands for the terminal and the environment variables. */
export async function cli(args: string[], cwd = ROOT, environment: CliEnvironment = {}) {
  let out = '';
  let err = '';
  const code = await runCli(
    args,
    cwd,
    (s) => (out += s),
    (s) => (err += s),
    environment,
  );
  return { code, out, err };
}

export const tmpDir = (prefix = 'hrg-cli-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Writes files (POSIX paths relative to `dir`) and returns `dir`. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export const GOLDEN = path.join(import.meta.dirname, '__golden__');

/** Compares with `__golden__/<name>`; `UPDATE_GOLDEN=1 npm test` rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  if (!fs.existsSync(file)) throw new Error(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npm test -- __tests__/cli`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * A small repository: connector `hub` (delegate) used by a Harness Cloud stage of pipeline `build`;
 * pipeline `other` names org connector `mirror` (in its own file) as its Override Image Connector
 * and pulls an image from app.harness.io.
 */
export const CONNECTOR_REPO: Record<string, string> = {
  '.harness/connectors/mirror.yaml': `connector:
  name: mirror
  identifier: mirror
  orgIdentifier: o
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://mirror.example.com
    providerType: Other
    executeOnDelegate: false
`,
  '.harness/connectors/hub.yaml': `connector:
  name: hub
  identifier: hub
  type: DockerRegistry
  spec:
    dockerRegistryUrl: https://registry.hub.docker.com
    providerType: DockerHub
    executeOnDelegate: true
`,
  '.harness/pipelines/build.yaml': `pipeline:
  name: build
  identifier: build
  projectIdentifier: p
  orgIdentifier: o
  stages:
    - stage:
        name: test
        identifier: test
        type: CI
        spec:
          cloneCodebase: false
          platform:
            os: Linux
            arch: Amd64
          runtime:
            type: Cloud
            spec: {}
          execution:
            steps:
              - step:
                  type: Run
                  name: run
                  identifier: run
                  spec:
                    connectorRef: account.hub
                    image: alpine:3
                    command: echo hi
`,
  '.harness/pipelines/other.yaml': `pipeline:
  name: other
  identifier: other
  projectIdentifier: p
  orgIdentifier: o
  stages:
    - stage:
        name: k8s
        identifier: k8s
        type: CI
        spec:
          cloneCodebase: false
          infrastructure:
            type: KubernetesDirect
            spec:
              connectorRef: account.k8s
              namespace: ci
              harnessImageConnectorRef: org.mirror
          execution:
            steps:
              - step:
                  type: Run
                  name: run
                  identifier: run
                  spec:
                    image: app.harness.io/registry/harness/drone-git:1.6.9
                    command: echo hi
`,
};
