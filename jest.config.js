// Every project's tests in one run: unit (*.unit.spec.ts), integration (*.int.spec.ts), end-to-end
// (e2e/*.e2e.spec.ts) and the console in a browser (e2e/*.browser.spec.ts). `./forewarn test`
// starts the Kafka broker they need and installs Chromium; `./forewarn test unit` runs the unit
// specs alone (jest.unit.config.js). docs/testing.md.
const { readdirSync, existsSync } = require('fs');
const { join } = require('path');

const projects = ['libs', 'services']
  .flatMap((dir) => readdirSync(join(__dirname, dir)).map((name) => join(__dirname, dir, name, 'jest.config.js')))
  .filter(existsSync);
projects.push(join(__dirname, 'scripts', 'jest.config.js'), join(__dirname, 'e2e', 'jest.config.js'), join(__dirname, 'e2e', 'browser.jest.config.js'));

module.exports = {
  projects,
  globalSetup: '<rootDir>/libs/testing/jest-global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/jest-global-teardown.js',
  testTimeout: 120000,
};
