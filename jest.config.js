const UNIT_SUITES = require('./test/unit-suites');

/**
 * TypeScript to CommonJS, as tsconfig.json says (ES2022, esModuleInterop), by swc: it only
 * transpiles, like ts-jest with isolatedModules, at half the CPU on this machine (`npm run
 * test:unit` 27.5 s of CPU with ts-jest, 16.5 s with swc); `npm run typecheck` type-checks.
 * It hoists `jest.mock` calls above the imports, as ts-jest does.
 */
const typescript = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/** What every suite shares: TypeScript through swc, and the app's module conventions. */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': typescript,
    // ESM-only packages (@aws-lite/dynamodb): compiled to CommonJS for jest.
    '^.+\\.mjs$': '<rootDir>/test/support/esm-module-transform.js',
  },
  transformIgnorePatterns: ['/node_modules/(?!@aws-lite/)'],
  // `./x.js` in the functions' source names a file bundled apart; in the tests it is `./x.ts`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  snapshotSerializers: ['<rootDir>/test/support/asset-hash-serializer.ts'],
  setupFiles: [
    '<rootDir>/test/support/quiet-sdk-warning.ts',
    '<rootDir>/test/support/skip-cdk-validation.ts',
  ],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
};

const unitSuitePaths = UNIT_SUITES.map((path) => `<rootDir>/${path}`);

/**
 * `npm test` runs both projects: the app's tests and the local cloud package's. `npm run test:unit`
 * runs the unit project alone (`test/unit-suites.js` says which suites are in it).
 *
 * The end-to-end suites mostly wait (on visibility timeouts, batching windows, child processes),
 * so four workers overlap their waits on this 2-core machine; the synthesis they share is made once,
 * before any of them starts (`test/support/global-setup.ts`).
 * @type {import('jest').Config}
 */
module.exports = {
  maxWorkers: 4,
  // A global option: jest ignores it in a project's settings.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: unitSuitePaths,
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test', '<rootDir>/packages/local-cloud/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...UNIT_SUITES.map((path) => `/${escapeRegExp(path)}$`)],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};

function escapeRegExp(path) {
  return path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
