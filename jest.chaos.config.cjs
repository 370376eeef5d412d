/** `npm run chaos`: the fault-injection e2e tests (test/chaos-*.e2e-spec.ts), kept out of `npm test` for time. */
const base = require('./jest.config.cjs');

const e2e = base.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  testTimeout: base.testTimeout,
  projects: [
    {
      ...e2e,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos-*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
};
