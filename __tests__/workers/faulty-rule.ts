import type { Rule } from '../../src/engine/rule.js';

/**
 * A file rule that misbehaves on purpose on files named for it: crash*.yaml ends the thread,
 * hang*.yaml never returns, oom*.yaml runs out of heap. Only ever run inside a worker.
 */
export const faulty: Rule = {
  id: 'faulty',
  severity: 'error',
  description: 'misbehaves on purpose',
  harnessDocs: 'https://example.com',
  remediation: '-',
  fixable: 'none',
  messages: {},
  checkFile({ file }) {
    const name = file.path.split('/').pop() ?? '';
    if (name.startsWith('crash')) process.exit(3);
    if (name.startsWith('hang')) for (;;);
    if (name.startsWith('oom')) {
      const hog: string[][] = [];
      for (;;) hog.push(new Array<string>(1e6).fill(name));
    }
  },
};
