import { pino, type DestinationStream, type Logger } from 'pino';
import { loggerOptions } from './logger-options';

/** A JSON logger for code outside Nest (CLIs, relays); LogContext fields appear on its lines too. */
export function createLogger(service: string, destination?: DestinationStream): Logger {
  return destination ? pino(loggerOptions(service), destination) : pino(loggerOptions(service));
}
