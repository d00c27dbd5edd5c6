import fs from 'node:fs';
import path from 'node:path';

/**
 * A scanned file's text, read again (the scan keeps facts, not texts): for the few outputs that
 * quote a file, such as SARIF's fallback fingerprints and the report's "current → proposed".
 * Undefined when the file cannot be read any more.
 */
export function fileText(result: { cwd: string }, file: string): string | undefined {
  try {
    return fs.readFileSync(path.resolve(result.cwd, file), 'utf8');
  } catch {
    return undefined;
  }
}
