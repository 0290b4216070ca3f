import pino from 'pino';
import { logSecrecy } from './log-secrecy';

/** The little of a logger that eventing needs; services pass their own (pino) logger. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export function defaultLogger(name: string): Logger {
  return pino({ name, level: process.env.LOG_LEVEL ?? 'info', ...logSecrecy });
}
