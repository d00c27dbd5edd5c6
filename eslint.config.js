// ESLint: typescript-eslint's recommended rules, and the layering of src/ frozen as import bans.
// Each folder may import the folders below it, never one above (README "Layout").
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Folders of src/, lowest first. A folder may import the ones before it in this list. */
export const LAYERS = [
  ['parse'],
  ['model'],
  ['engine'],
  ['rules'],
  ['formats', 'migration', 'harness', 'github'],
  ['cli', 'action', 'worker'],
];
/** Imports allowed across a layer's own siblings: the migration report uses the formats' helpers. */
export const SIBLINGS = { migration: ['formats'], github: ['formats'] };
/** The outer shells alone talk to GitHub Actions' runtime. */
const RUNTIME_ONLY_IN = ['action', 'github'];

const layerOf = (folder) => LAYERS.findIndex((l) => l.includes(folder));
const bans = (folder) => {
  const mine = layerOf(folder);
  const above = LAYERS.flatMap((l, i) => (i > mine || (i === mine && l.length > 1) ? l : [])).filter(
    (f) => f !== folder && !(SIBLINGS[folder] ?? []).includes(f),
  );
  return above.map((f) => ({
    group: [`**/${f}/**`, `**/${f}/*`],
    message: `src/${folder}/ may not import src/${f}/ (a higher or sibling layer; see README "Layout").`,
  }));
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '__tests__/fixtures/**', '__tests__/repos/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // TypeScript checks names; the parsers and the JUnit writer match control characters on purpose.
      'no-undef': 'off',
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-len': [
        'error',
        {
          code: 140,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreComments: false,
        },
      ],
    },
  },
  ...LAYERS.flat().map((folder) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...bans(folder),
            ...(RUNTIME_ONLY_IN.includes(folder)
              ? []
              : [{ group: ['@actions/*'], message: 'Only src/action/ and src/github/ use the GitHub Actions runtime.' }]),
          ],
        },
      ],
    },
  })),
);
