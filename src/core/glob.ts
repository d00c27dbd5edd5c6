/** Minimal glob matching: `**`, `*`, `?` and `{a,b}`. A pattern without `/` matches the base name. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp('^' + re + '$');
}

const escape = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

export function matchesAny(path: string, globs: readonly string[]): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return globs.some((g) => globToRegExp(g.replace(/^\.\//, '')).test(g.includes('/') ? path : base));
}
