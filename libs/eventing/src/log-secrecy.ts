import type { LoggerOptions } from 'pino';

/**
 * What a Forewarn log line may carry, in one place: every pino logger (the services' HTTP and
 * Nest lines, eventing, the scripts) is made with `logSecrecy`. A line says what failed and
 * where (the error's class, code and message; caseId, topic, partition, offset), never the data
 * it failed on: report content, SQL parameters and message bodies stay out (docs/security.md).
 */

// An error's own fields a line keeps: what kind of failure, and which object it was about. Not
// `parameters`/`query` (TypeORM: the SQL and every bound value), `detail`/`where`/`hint`
// (PostgreSQL: "Key (x)=(value) already exists", the failing row), `driverError`, `body`
// (body-parser: the raw request), `response`, nor anything else an error picks up.
const ERROR_FIELDS = ['code', 'errno', 'syscall', 'address', 'port', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine', 'status', 'statusCode', 'retriable'] as const;
const MAX_DEPTH = 3;

/**
 * The pino `err` serializer: class, message, stack and the fields above, of the error and of its
 * causes. Anything that is not an object (eventing logs `errorMessage(err)`) passes as it is.
 */
export function errorForLog(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  // pino-http hands a custom serializer pino's own rendering of the error; the error is its `raw`.
  const err = ((value as { raw?: unknown }).raw ?? value) as Record<string, unknown>;
  // An error already made safe here (eventing does, for loggers of any make) keeps its class name.
  const proto = Object.getPrototypeOf(err);
  const reduced = (proto === Object.prototype || proto === null) && typeof err.type === 'string';
  const kept: Record<string, unknown> = { type: reduced ? err.type : ((err.constructor as { name?: string } | undefined)?.name ?? 'Object') };
  if (typeof err.message === 'string') kept.message = err.message;
  if (typeof err.stack === 'string') kept.stack = err.stack;
  for (const field of ERROR_FIELDS) {
    const v = err[field];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') kept[field] = v;
  }
  if (depth < MAX_DEPTH) {
    if (err.cause !== undefined) kept.cause = errorForLog(err.cause, depth + 1);
    // AggregateError: node-postgres trying each address of a host.
    if (Array.isArray(err.errors)) kept.errors = err.errors.slice(0, 10).map((e) => errorForLog(e, depth + 1));
  }
  return kept;
}

/** Report fields, and what carries them, that a line never shows even if someone logs the object they sit in. */
const CONTENT_KEYS = ['sensitive', 'report', 'threat', 'target', 'releasableSummary', 'justification', 'payload', 'parameters', 'driverError', 'detail', 'body'];

/** pino `redact` paths: credentials in requests, and report content at the top of a line or one level down. */
export const REDACTED_PATHS = [
  // A bearer token in a log file is a credential anyone with log access could replay.
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...CONTENT_KEYS.flatMap((key) => [key, `*.${key}`]),
];

/** Spread into every pino logger's options. */
export const logSecrecy = {
  redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  serializers: { err: errorForLog },
} satisfies Pick<LoggerOptions, 'redact' | 'serializers'>;
