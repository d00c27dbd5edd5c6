import fs from 'node:fs';
import path from 'node:path';

/** The shared inputs beside the repo (CI has them; a fresh clone alone does not). */
export const SHARED = path.resolve('../shared');
export const GENERATOR = path.join(SHARED, 'bench', 'gen.mjs');
const CORPUS = path.join(SHARED, 'corpus', 'files');

/**
 * Real YAML to compare parsers on: this repo's examples, rule fixtures and sample repos, and the shared corpus
 * of public Harness files when it is there (read in place, never copied here). BOMs stripped, as
 * the checker's decoder does.
 */
export function yamlInputs(): Array<{ name: string; text: string }> {
  const mine = ['examples', '__tests__/fixtures', '__tests__/repos'].flatMap((dir) =>
    (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)),
  );
  const corpus = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).map((f) => path.join(CORPUS, f)) : [];
  return [...mine, ...corpus].map((f) => ({ name: f, text: fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, '') }));
}
