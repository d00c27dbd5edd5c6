import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main.js';
import { lint, type LintResult, type LintSettings } from '../helpers/lint.js';

/** A temporary repository; `write` adds or replaces files, `lint` and `cli` run in it. */
export class Repo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-config-'));

  constructor(files: Record<string, string> = {}) {
    this.write(files);
  }

  write(files: Record<string, string>): this {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, name)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, name), text);
    }
    return this;
  }

  remove(name: string): this {
    fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
    return this;
  }

  read(name: string): string {
    return fs.readFileSync(path.join(this.dir, name), 'utf8');
  }

  lint(settings: Partial<LintSettings> = {}): LintResult {
    return lint({ cwd: this.dir, paths: ['.'], ...settings });
  }

  async cli(args: string[], cwd = this.dir) {
    let out = '';
    let err = '';
    const code = await runCli(
      args,
      cwd,
      (s) => (out += s),
      (s) => (err += s),
    );
    return { code, out, err, json: () => JSON.parse(out) as CheckJson };
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface CheckJson {
  findings: Array<{
    ruleId: string;
    severity: string;
    message: string;
    file: string;
    line: number;
    column: number;
    suppressed?: { kind: string; reason?: string };
  }>;
  summary: { findings: number; errors: number; warnings: number; notices: number; suppressed: number };
  baseline?: { file: string; entries: number; matched: number; stale: number };
}

/** `line:col severity [rule]` (plus ` suppressed:kind` when suppressed) for each finding: what the tests compare. */
export const brief = (r: LintResult) =>
  r.findings.map(
    (f) => `${f.file}:${f.line}:${f.column} ${f.severity} [${f.ruleId}]${f.suppressed ? ` suppressed:${f.suppressed.kind}` : ''}`,
  );

/** A Docker connector; `url` decides whether no-app-harness-registry fires (at line 6, column 24). */
export const connector = (id: string, url = 'https://app.harness.io/registry') => `connector:
  name: ${id}
  identifier: ${id}
  type: DockerRegistry
  spec:
    dockerRegistryUrl: ${url}
    providerType: Other
    auth:
      type: Anonymous
    executeOnDelegate: false
`;

/**
 * A pipeline with one Harness Cloud stage whose steps pull `images`, one Run step each: step i's
 * image is on line 26 + 7 * i, column 28. `account.harnessImage` is not in the repo, so the stage
 * gets an unresolved-reference notice at 14:19 (`type: Cloud`).
 */
export const pipeline = (images: string[], id = 'build') => `pipeline:
  name: ${id}
  identifier: ${id}
  orgIdentifier: default
  projectIdentifier: payments
  stages:
    - stage:
        name: Build
        identifier: build
        type: CI
        spec:
          cloneCodebase: false
          runtime:
            type: Cloud
            spec: {}
          platform:
            os: Linux
            arch: Amd64
          execution:
            steps:
${images
  .map(
    (image, i) => `              - step:
                  type: Run
                  name: Step ${i}
                  identifier: step_${i}
                  spec:
                    image: ${image}
                    command: echo ${i}
`,
  )
  .join('')}`;

export const APP_IMAGE = 'app.harness.io/registry/harness/drone-git:1.6.9';
export const RENAMED_IMAGE = 'mirror.example.com/harness-ci-addon:1.16.92';
