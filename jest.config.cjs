/** Unit specs live beside the code (pure, no I/O); e2e specs in test/ talk to real PostgreSQL and Redis. */
const { imports } = require('./package.json');

// The `#` aliases come from package.json's "imports" (their TypeScript sources), never a copy of the list.
const aliases = Object.fromEntries(
  Object.entries(imports).map(([alias, target]) => [
    `^${alias.replace('*', '(.*)')}$`,
    `<rootDir>/${target.types.slice(2).replace('*', '$1')}`,
  ]),
);

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    ...aliases,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

module.exports = {
  // e2e tests start real processes and databases; unit tests finish in milliseconds anyway.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      // Fault-injection tests (private Redis/PostgreSQL killed and restarted, ~2 min): `npm run chaos`.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/chaos-'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
