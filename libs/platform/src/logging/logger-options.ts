import { hostname } from 'node:os';
import { pino, type LoggerOptions } from 'pino';
import { logSecrecy } from '@forewarn/eventing';
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
    // Credentials and report content redacted, errors reduced to what and where (libs/eventing/src/log-secrecy.ts).
    ...logSecrecy,
  };
}
