// Unit specs beside the code (src/**/*.spec.ts); integration specs against the real broker and
// database in test/ (*.int.spec.ts). Integration files start a Nest app and a Kafka group each.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'audit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testTimeout: 120_000,
  setupFiles: ['<rootDir>/test/quiet-logs.js'],
};
