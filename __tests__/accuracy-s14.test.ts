/** Accuracy of what findings and messages say (fourteenth session). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { connector, HARNESS_IMAGE, tmpDir, writeFiles } from './e2e/harness.js';
import { runInProcess } from './action/in-process.js';

const push = { eventName: 'push', event: { before: '0'.repeat(40), after: 'f'.repeat(40) } };

describe('the Action with `path:` a symlinked folder inside the repository', () => {
  /** A repository whose `.harness` holds one bad connector, with `hlink` a link to it. */
  function linkedRepo() {
    const ws = tmpDir('pathlink');
    fs.mkdirSync(path.join(ws, '.git'));
    writeFiles(ws, {
      '.harness/connectors/harness_image.yaml': HARNESS_IMAGE,
      '.harness/connectors/a.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }),
    });
    fs.symlinkSync('.harness', path.join(ws, 'hlink'));
    return ws;
  }
  const annotatedFiles = (r: { annotations: Array<{ props: { file?: string } }> }) =>
    r.annotations.flatMap((a) => (a.props.file ? [a.props.file] : []));

  test.each(['hlink', 'hlink/connectors', 'hlink/connectors/a.yaml'])(
    'path %j: findings name the file by its path in the repository, which GitHub annotates',
    async (given) => {
      const r = await runInProcess({ workspace: linkedRepo(), ...push, inputs: { path: given, 'github-token': '' } });
      expect(r.code).toBe(1);
      expect(annotatedFiles(r)).toEqual(['.harness/connectors/a.yaml']);
    },
  );

  test('a `path:` link that leaves the repository is still refused, unread', async () => {
    const ws = linkedRepo();
    const outside = tmpDir('pathlink-out');
    writeFiles(outside, { 'a.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }) });
    fs.symlinkSync(outside, path.join(ws, 'out'));
    const r = await runInProcess({ workspace: ws, ...push, inputs: { path: 'out', 'github-token': '' } });
    expect(r.code).toBe(0);
    expect(r.annotations.filter((a) => a.props.file).map((a) => `${a.props.file} ${a.message}`)).toEqual([
      'out File is reached through a symlink that leaves the repository; not followed; skipped.',
    ]);
  });

  test('a `path:` link into .git is still refused, unread', async () => {
    const ws = linkedRepo();
    writeFiles(ws, { '.git/x.yaml': connector('a', { url: 'https://app.harness.io/registry', executeOnDelegate: false }) });
    fs.symlinkSync('.git', path.join(ws, 'glink'));
    const r = await runInProcess({ workspace: ws, ...push, inputs: { path: 'glink', 'github-token': '' } });
    expect(r.code).toBe(0);
    expect(r.annotations.filter((a) => a.props.file).map((a) => `${a.props.file} ${a.message}`)).toEqual([
      'glink File is a symlink into .git, which is never read; not followed; skipped.',
    ]);
  });
});
