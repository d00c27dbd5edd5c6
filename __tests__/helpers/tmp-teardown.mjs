import fs from 'node:fs';

export default function teardown() {
  const dir = process.env.HRG_JEST_TMP;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
