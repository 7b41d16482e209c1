/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  setupFiles: ['<rootDir>/test/helpers/setupEnv.ts'],
  clearMocks: true,
  // e2e tests spawn the built bin and start emulated orgs; keep them bounded but not hurried.
  testTimeout: 60000,
  maxWorkers: 2,
};
