// Unit specs beside the code (src/), integration specs against the real Kafka and Postgres (test/).
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'notification',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  setupFiles: ['<rootDir>/test/support/quiet-logs.ts'],
};
