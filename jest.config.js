/** Two projects: fast unit specs beside the code, slower end-to-end suites under test/. */
const moduleNameMapper = {
  '^@jejak/custody$': '<rootDir>/libs/custody/src',
  '^@jejak/custody/(.*)$': '<rootDir>/libs/custody/src/$1',
  '^@jejak/event-store$': '<rootDir>/libs/event-store/src',
  '^@jejak/event-store/(.*)$': '<rootDir>/libs/event-store/src/$1',
  '^@jejak/read-models$': '<rootDir>/libs/read-models/src',
  '^@jejak/read-models/(.*)$': '<rootDir>/libs/read-models/src/$1',
  '^@jejak/directory$': '<rootDir>/libs/directory/src',
  '^@jejak/directory/(.*)$': '<rootDir>/libs/directory/src/$1',
  '^@jejak/config$': '<rootDir>/libs/config/src',
  '^@jejak/config/(.*)$': '<rootDir>/libs/config/src/$1',
  '^@jejak/daftar-arsip$': '<rootDir>/libs/daftar-arsip/src',
  '^@jejak/daftar-arsip/(.*)$': '<rootDir>/libs/daftar-arsip/src/$1',
  '^@jejak/http-contract$': '<rootDir>/libs/http-contract/src',
  '^@jejak/http-contract/(.*)$': '<rootDir>/libs/http-contract/src/$1',
  '^@jejak/verifiable-log$': '<rootDir>/libs/verifiable-log/src',
  '^@jejak/verifiable-log/(.*)$': '<rootDir>/libs/verifiable-log/src/$1',
};
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] };
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform,
};

module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  // A project's own testTimeout is not read (Jest takes it from the root config only): the
  // end-to-end suites start a service per file and run on a shared 2-core machine.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'],
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
