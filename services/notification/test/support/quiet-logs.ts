// Jest setupFiles: runs before a spec's imports, so the loggers the app module builds at import
// time already see it. Request lines at info would drown the test output.
process.env.LOG_LEVEL ??= 'warn';
