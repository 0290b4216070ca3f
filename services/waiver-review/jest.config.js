module.exports = { ...require('../../jest.preset.js'), displayName: 'waiver-review', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
