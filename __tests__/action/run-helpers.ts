/** What the in-process Action tests share: workspaces, events and readers of what a run said and sent. */
import { connector, HARNESS_IMAGE, tmpDir, writeFiles, type Annotation } from '../e2e/harness.js';
import { fakeApi } from './fake-api.js';

/** A connector that breaks policy 1 (it points at app.harness.io/registry). */
export const bad = (id: string) => connector(id, { url: 'https://app.harness.io/registry', executeOnDelegate: false });
export const badConnectors = (n: number, prefix = 'bad') =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`.harness/connectors/${prefix}_${i}.yaml`, bad(`${prefix}_${i}`)]));
export const push = { eventName: 'push', event: { before: '0'.repeat(40), after: 'f'.repeat(40) } };
export const noToken = { 'github-token': '' };

/** A workspace with account.harnessImage and the given files. */
export function workspace(files: Record<string, string>, name = 'run'): string {
  const ws = tmpDir(name);
  writeFiles(ws, { '.harness/connectors/harness_image.yaml': HARNESS_IMAGE, ...files });
  return ws;
}

/** The step's failure message (setFailed's `::error::`, with no file). */
export const failureMessage = (r: { annotations: Annotation[] }) =>
  r.annotations.filter((a) => a.level === 'error' && !a.props.file).map((a) => a.message);
export const titled = (r: { annotations: Annotation[] }, title: string) => r.annotations.filter((a) => a.props.title === title);

export type CheckRunBody = {
  head_sha?: string;
  conclusion?: string;
  output: { title: string; summary: string; annotations?: unknown[] };
};
/** A fake API that keeps every check-run body it is sent. */
export const checkRuns = () => {
  const bodies: CheckRunBody[] = [];
  const api = fakeApi({
    createCheckRun: async (_r, b) => (bodies.push(b as CheckRunBody), 1),
    updateCheckRun: async (_r, _id, b) => void bodies.push(b as CheckRunBody),
  });
  return { api, bodies };
};
