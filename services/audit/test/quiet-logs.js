// Integration tests start whole apps; keep their request logs out of the test report unless asked.
process.env.LOG_LEVEL = process.env.LOG_LEVEL || 'error';
