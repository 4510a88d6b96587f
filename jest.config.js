/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // The app's tests and the local cloud package's: `npm test` runs both.
  roots: ['<rootDir>/test', '<rootDir>/packages/local-cloud/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // ESM-only packages (@aws-lite/dynamodb): compiled to CommonJS for jest.
    '^.+\\.mjs$': '<rootDir>/test/support/esm-module-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@aws-lite/)'],
  // `./x.js` in the functions' source names a file bundled apart; in the tests it is `./x.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
  setupFiles: ['<rootDir>/test/support/quiet-sdk-warning.ts'],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
  testTimeout: 60_000,
};
