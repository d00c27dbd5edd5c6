import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildReport } from '../../src/migration/index.js';
import type { MigrationReport, ReportSource } from '../../src/migration/types.js';
import { lint } from '../helpers/lint.js';

/** A repository of `files` (path → YAML) in a temporary folder; `cleanup` removes every one made. */
const made: string[] = [];
export function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-mig-'));
  made.push(dir);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}
export const cleanup = () => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
};

export const NOW = new Date('2026-02-01T00:00:00Z');

/** The migration report of a folder, with `source` as on a runner. */
export function reportOf(dir: string, repository = 'acme/app'): MigrationReport {
  const source: ReportSource = { repository, commit: '0123456789abcdef0123456789abcdef01234567', serverUrl: 'https://github.com' };
  return buildReport(lint({ cwd: dir, paths: ['.'], images: true }), { now: NOW, source });
}

/** An account-scope Docker connector. */
export const connector = (identifier: string, url: string, more = '') =>
  `connector:\n  name: c\n  identifier: ${JSON.stringify(identifier)}\n  type: DockerRegistry\n  spec:\n    dockerRegistryUrl: ${url}\n` +
  `    providerType: Other\n    auth:\n      type: Anonymous\n${more}`;

/** A pipeline with one CI stage on Kubernetes whose Run step uses `connectorRef` and `image`. */
export const pipeline = (id: string, connectorRef: string, image = 'alpine:3', stage = '') =>
  `pipeline:\n  name: ${id}\n  identifier: ${id}\n  projectIdentifier: proj\n  orgIdentifier: default\n  stages:\n` +
  `    - stage:\n        name: s\n        identifier: s\n        type: CI\n        spec:\n${stage || '          infrastructure:\n            type: KubernetesDirect\n            spec:\n              connectorRef: account.k8s\n              namespace: ci\n'}` +
  `          execution:\n            steps:\n              - step:\n                  type: Run\n                  name: r\n                  identifier: r\n` +
  `                  spec:\n                    connectorRef: ${JSON.stringify(connectorRef)}\n                    image: ${image}\n                    command: echo\n`;
