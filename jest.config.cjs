/**
 * Jest compiles TypeScript to CommonJS with @swc/jest (the fastest transformer here). ESM-only packages are
 * compiled too, and mapped to their files because their exports offer only the `import` condition.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
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
