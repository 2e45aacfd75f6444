const { availableParallelism } = require('node:os');

/**
 * Jest compiles TypeScript to CommonJS with @swc/jest (the fastest transformer here). ESM-only packages are
 * compiled too, and mapped to their files because their exports offer only the `import` condition.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  // Most test files wait on a local cloud (HTTP, timers, DynamoDB Local) as much as they compute, so two workers
  // overlap on two cores; jest's default (cores - 1) would run them one at a time there.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // DynamoDB Local engines shared by a worker's test files instead of a JVM each (infra/local/dynamodb-local-shared.ts).
  // Slowest first, also on a fresh clone without jest's timing cache (test/support/jest-sequencer.cjs).
  testSequencer: '<rootDir>/test/support/jest-sequencer.cjs',
  globalSetup: '<rootDir>/test/support/jest-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/jest-global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/jest-shared-dynamodb.ts'],
  transform: {
    // The web's components (test/web, jsdom): React's automatic JSX runtime.
    '^.+\\.tsx$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
    ],
    '^.+\\.(t|j)sx?$': ['@swc/jest'],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@middy|jose|@digitalbazaar|base64url-universal|oidc-provider|wouter|regexparam|use-sync-external-store)/)',
  ],
  moduleNameMapper: {
    '^@middy/([a-z-]+)$': '<rootDir>/node_modules/@middy/$1/index.js',
    // The web's alias for the project's shared code, and its CSS imports (nothing to test in them).
    '^@shared/(.*)$': '<rootDir>/shared/$1',
    '\\.css$': '<rootDir>/test/support/style-stub.cjs',
  },
  testTimeout: 60000,
};
