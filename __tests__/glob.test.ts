import { describe, expect, it } from '@jest/globals';
import picomatch from 'picomatch';
import { globSet, matcher } from '../src/engine/glob.js';

// An extension at any depth (the default include patterns) is tested without picomatch: the answers
// must be picomatch's, on every path shape discovery or a user could give.
describe('extension patterns at any depth', () => {
  const segments = [
    'a',
    '.',
    '..',
    '.git',
    'x.yaml',
    '.yaml',
    'b.yml',
    'c.json',
    'yaml',
    '.hidden',
    'a.b.yaml',
    '',
    'x.YAML',
    'q.yaml.bak',
    'é.yaml',
    ' .yaml',
    'x.my-ext',
    'y.ab1',
  ];
  function* paths(depth: number): Generator<string> {
    if (depth === 0) return yield '';
    for (const s of segments) for (const rest of paths(depth - 1)) yield rest ? `${s}/${rest}` : s;
  }
  it.each(['**/*.yaml', '**/*.yml', '**/*.json', '**/*.ab1'])('%s answers as picomatch does', (glob) => {
    const ours = matcher(glob);
    const theirs = picomatch(glob, { dot: true });
    const differ: string[] = [];
    let matched = 0;
    for (let depth = 1; depth <= 3; depth++)
      for (const p of paths(depth))
        for (const path of [p, `${p}/`, `/${p}`, `./${p}`]) {
          if (ours(path) !== theirs(path)) differ.push(path);
          if (theirs(path)) matched++;
        }
    expect(differ).toEqual([]);
    expect(matched).toBeGreaterThan(500);
  });

  it('leaves other patterns to picomatch', () => {
    expect(matcher('**/*.{yaml,yml}')('a/b.yml')).toBe(true);
    expect(matcher('*.yaml')('deep/a.yaml')).toBe(true);
    expect(matcher('**/*.yaml*')('a/b.yaml.bak')).toBe(true);
    expect(matcher('**/*.my-ext')('a/x.my-ext/')).toBe(false);
    expect(globSet(['**/*.yaml', '!**/skip/**']).test('a/skip/b.yaml')).toBe(false);
  });
});
