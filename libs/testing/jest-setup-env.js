// Runs before every test file: services started in tests log at TEST_LOG_LEVEL (default
// error), so a test run's output is the tests', not thousands of request lines.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'error';
// The tests are development: services they start, and the tokens they sign, use the
// repository's development secret (libs/platform/src/auth/jwt-options.ts).
process.env.FOREWARN_DEV_MODE = process.env.FOREWARN_DEV_MODE || '1';
