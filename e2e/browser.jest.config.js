// Browser tests of the operators' console (headless Debian Chromium via playwright-core, installed
// by infra/browser/install-chromium.sh). Part of every `./forewarn test` run (the root
// jest.config.js lists this project); `./forewarn test-browser` runs them alone. Each test and
// hook sets its own time limit, sized in the spec from what the pipeline and the page need.
module.exports = { ...require('../jest.preset.js'), displayName: 'browser', rootDir: __dirname, testMatch: ['<rootDir>/**/*.browser.spec.ts'] };
