export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true, diagnostics: { ignoreCodes: ['TS151001'] } }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  clearMocks: true,
  globalSetup: './__tests__/helpers/tmp-setup.mjs',
  globalTeardown: './__tests__/helpers/tmp-teardown.mjs',
};
