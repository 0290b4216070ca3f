import { hostname } from 'node:os';
import { pino, type LoggerOptions } from 'pino';
import { logContextMixin } from './log-context';

/** One shape for every Forewarn log line, from Nest services and plain scripts alike. */
export function loggerOptions(service: string): LoggerOptions {
  return {
    level: process.env.LOG_LEVEL || 'info',
    base: { service, pid: process.pid, hostname: hostname() },
    mixin: logContextMixin,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names read better than numbers in log search tools.
    formatters: { level: (label) => ({ level: label }) },
    // A bearer token in a log file is a credential anyone with log access could replay.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  };
}
