/** Jest runs the TypeScript sources directly through ts-jest (CommonJS output), so tests need no build step. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { module: 'node16', moduleResolution: 'node16', isolatedModules: true, esModuleInterop: true, resolveJsonModule: true, types: ['node', 'jest'] }, diagnostics: { warnOnly: false } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
