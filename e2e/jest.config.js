// End-to-end: the five compiled services as real processes (build first: npm run build),
// driven only through their public HTTP APIs and partner topics.
module.exports = { ...require('../jest.preset.js'), displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/**/*.e2e.spec.ts'] };
