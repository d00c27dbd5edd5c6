/** Reports and baselines are never written through a symbolic link a repository commits. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { LinkRefusal, refuseLinks, writeWithoutLinks } from '../src/engine/safe-write.js';

/** A workspace `ws` beside a folder `outside` holding `victim`. */
function layout() {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-safe-write-'));
  const ws = path.join(top, 'ws');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(ws);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'victim'), 'precious\n');
  return { ws, outside, victim: path.join(outside, 'victim'), root: { dir: ws, name: 'the workspace' } };
}

describe('writeWithoutLinks', () => {
  test('plain files and missing folders are written as before, whole or in pieces, replacing an older file', () => {
    const { ws, root } = layout();
    writeWithoutLinks('a/b/c.txt', 'one\n', root);
    writeWithoutLinks(path.join(ws, 'a/b/c.txt'), ['two', '\n'], root);
    writeWithoutLinks('top.txt', '', root);
    expect(fs.readFileSync(path.join(ws, 'a/b/c.txt'), 'utf8')).toBe('two\n');
    expect(fs.readFileSync(path.join(ws, 'top.txt'), 'utf8')).toBe('');
  });

  test.each([
    ['a relative link', (o: string) => path.relative(o.replace(/outside$/, 'ws'), path.join(o, 'victim'))],
    ['an absolute link', (o: string) => path.join(o, 'victim')],
  ])('the file itself as %s out of the workspace is refused and the target kept', (_, target) => {
    const { ws, outside, victim, root } = layout();
    fs.symlinkSync(target(outside), path.join(ws, 'out.sarif'));
    expect(() => writeWithoutLinks('out.sarif', 'x', root)).toThrow(
      new LinkRefusal('it is a symbolic link, and links are not written through'),
    );
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
  });

  test('a link to a file inside the workspace, or one that leads nowhere, is refused too: a link is never followed', () => {
    const { ws, root } = layout();
    fs.writeFileSync(path.join(ws, 'config.yml'), 'keep\n');
    fs.symlinkSync('config.yml', path.join(ws, 'report.md'));
    fs.symlinkSync('nowhere/new.md', path.join(ws, 'dangling.md'));
    expect(() => writeWithoutLinks('report.md', 'x', root)).toThrow(LinkRefusal);
    expect(() => writeWithoutLinks('dangling.md', 'x', root)).toThrow(LinkRefusal);
    expect(fs.readFileSync(path.join(ws, 'config.yml'), 'utf8')).toBe('keep\n');
    expect(fs.existsSync(path.join(ws, 'nowhere'))).toBe(false);
  });

  test('a folder on the way that links out of the workspace is refused, at any depth, naming the folder', () => {
    const { ws, outside, root } = layout();
    fs.symlinkSync(outside, path.join(ws, 'reports'));
    fs.mkdirSync(path.join(ws, 'deep'));
    fs.symlinkSync('../../outside', path.join(ws, 'deep', 'er'));
    expect(() => writeWithoutLinks('reports/hrg.md', 'x', root)).toThrow(
      new LinkRefusal('the folder "reports" is a symbolic link leading outside the workspace'),
    );
    expect(() => writeWithoutLinks(path.join(ws, 'deep/er/new/hrg.md'), 'x', root)).toThrow(
      new LinkRefusal(`the folder "${path.join('deep', 'er')}" is a symbolic link leading outside the workspace`),
    );
    expect(fs.readdirSync(outside)).toEqual(['victim']);
  });

  test('a folder link that stays inside the workspace is followed, as is a workspace reached through a link', () => {
    const { ws, root } = layout();
    fs.mkdirSync(path.join(ws, 'build'));
    fs.symlinkSync('build', path.join(ws, 'out'));
    writeWithoutLinks('out/r.sarif', 'x', root);
    expect(fs.readFileSync(path.join(ws, 'build', 'r.sarif'), 'utf8')).toBe('x');
    const viaLink = path.join(path.dirname(ws), 'ws-link');
    fs.symlinkSync(ws, viaLink);
    writeWithoutLinks('out/s.sarif', 'y', { dir: viaLink, name: 'the workspace' });
    expect(fs.readFileSync(path.join(ws, 'build', 's.sarif'), 'utf8')).toBe('y');
  });

  test('a path written outside the workspace is the user’s choice: it is not judged, a link there included (`/dev/stdout` is one)', () => {
    const { ws, outside, root } = layout();
    fs.mkdirSync(path.join(outside, 'real'));
    fs.symlinkSync(path.join(outside, 'real'), path.join(outside, 'temp'));
    writeWithoutLinks(path.join(outside, 'temp', 'x.sarif'), 'x', root);
    writeWithoutLinks('../outside/y.json', 'y', root);
    expect(fs.readFileSync(path.join(outside, 'real', 'x.sarif'), 'utf8')).toBe('x');
    expect(fs.readFileSync(path.join(outside, 'y.json'), 'utf8')).toBe('y');
    fs.symlinkSync('victim', path.join(outside, 'link'));
    writeWithoutLinks(path.join(outside, 'link'), 'x', root);
    expect(fs.readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('x');
    expect(refuseLinks(path.join(ws, '..', 'outside', 'link'), root)).toBe(false);
  });

  test('a link inside the workspace to a device or a pipe overwrites no file: written through (`--output /dev/stdout` run from `/`)', () => {
    const { ws, root } = layout();
    fs.symlinkSync('/dev/null', path.join(ws, 'null.json'));
    writeWithoutLinks('null.json', 'x', root);
    writeWithoutLinks(path.join(ws, 'null.json'), 'x', { dir: '/', name: 'the current directory' });
    expect(fs.readlinkSync(path.join(ws, 'null.json'))).toBe('/dev/null');
  });

  test('a file name starting with two dots is inside the workspace', () => {
    const { ws, outside, root } = layout();
    fs.symlinkSync(outside, path.join(ws, '..reports'));
    expect(() => refuseLinks('..reports/x.md', root)).toThrow(LinkRefusal);
  });

  test('other failures keep their own error code', () => {
    const { ws, root } = layout();
    fs.writeFileSync(path.join(ws, 'blocker'), 'a file\n');
    fs.mkdirSync(path.join(ws, 'sub'));
    expect(() => writeWithoutLinks('blocker/out.sarif', 'x', root)).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => writeWithoutLinks('sub', 'x', root)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});
