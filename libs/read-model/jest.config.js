module.exports = { ...require('../../jest.preset.js'), displayName: 'read-model', rootDir: __dirname, testMatch: ['<rootDir>/src/**/*.spec.ts'] };
