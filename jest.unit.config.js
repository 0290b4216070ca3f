// The unit tests alone (`./forewarn test unit`, `npm run test:unit`): every project's
// *.unit.spec.ts, with each project's own settings (transform, path aliases, setup files) and its
// testMatch narrowed to unit specs. No Kafka, no PostgreSQL, no network, no child processes, so
// no globalSetup either: the root jest.config.js's would start containers when Docker answers.
// The end-to-end and browser projects have no unit specs and are left out. docs/testing.md.
const { readdirSync, existsSync } = require('fs');
const { join } = require('path');

const configs = ['libs', 'services']
  .flatMap((dir) => readdirSync(join(__dirname, dir)).map((name) => join(__dirname, dir, name, 'jest.config.js')))
  .filter(existsSync);
configs.push(join(__dirname, 'scripts', 'jest.config.js'));

const unitOnly = (pattern) => pattern.replace(/\*\.spec\.ts$/, '*.unit.spec.ts');

module.exports = {
  projects: configs.map((file) => {
    const config = require(file);
    return { ...config, testMatch: (config.testMatch ?? []).map(unitOnly) };
  }),
  // A unit test that needs more than this is not one.
  testTimeout: 10000,
  // Every core runs test files: the parent process only schedules them (jest's default leaves
  // it one core of its own, which on a two-core machine halves the run's speed).
  maxWorkers: '100%',
};
