import { isMainThread } from 'node:worker_threads';
import type { Rule } from '../../src/engine/rule.js';

/**
 * A file rule that misbehaves on purpose on files named for it: crash*.yaml ends the thread,
 * hang*.yaml never returns, oom*.yaml runs out of heap (only ever run inside a worker). On
 * whoami*.yaml it reports which thread scanned the file.
 */
export const faulty: Rule = {
  id: 'faulty',
  severity: 'error',
  description: 'misbehaves on purpose',
  harnessDocs: 'https://example.com',
  remediation: '-',
  fixable: 'none',
  messages: { thread: 'scanned on the {{thread}} thread' },
  checkFile({ file, entities, report }) {
    const name = file.path.split('/').pop() ?? '';
    if (name.startsWith('whoami')) {
      const at = entities[0]?.root;
      if (at) report({ at, messageId: 'thread', data: { thread: isMainThread ? 'main' : 'worker' } });
    }
    if (name.startsWith('crash')) process.exit(3);
    if (name.startsWith('hang')) for (;;);
    if (name.startsWith('oom')) {
      const hog: string[][] = [];
      for (;;) hog.push(new Array<string>(1e6).fill(name));
    }
  },
};
