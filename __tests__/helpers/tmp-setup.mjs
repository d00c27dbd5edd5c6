// Every test's temporary files go in one directory for the run, removed at the end (tests make
// their own temp dirs with os.tmpdir(), which reads TMPDIR; the CLI children they spawn inherit it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hrg-jest-'));
  // Traversable by others: a hostile-file test runs the CLI as an unprivileged user.
  fs.chmodSync(dir, 0o755);
  process.env.HRG_JEST_TMP = dir;
  process.env.TMPDIR = dir;
}
