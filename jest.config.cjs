/**
 * Jest compiles TypeScript to CommonJS with @swc/jest (the fastest transformer here). ESM-only packages are
 * compiled too, and mapped to their files because their exports offer only the `import` condition.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|@digitalbazaar|base64url-universal)/)'],
  moduleNameMapper: { '^@middy/([a-z-]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  testTimeout: 60000,
};
