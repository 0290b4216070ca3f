/**
 * Whether an error means "PostgreSQL cannot be reached now" rather than "this statement is
 * wrong": the server down, restarting or refusing connections, or the connection cut. Such an
 * error says nothing about the message or request being handled, so it must never dead-letter a
 * message or become a 500: consumers pause until the database answers, HTTP says 503.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, name } = e as { code?: unknown; message?: unknown; name?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^08/.test(code) || SERVER_GONE.has(code))) return true;
    if (typeof name === 'string' && RUNNER_GONE.has(name)) return true;
    if (typeof message === 'string' && CLIENT_MESSAGES.some((m) => message.includes(m))) return true;
    // TypeORM's QueryFailedError keeps the driver's error; Node keeps a cause.
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections (class 08 is connection_exception).
const SERVER_GONE = new Set(['57P01', '57P02', '57P03', '53300']);
// TypeORM releases a transaction's query runner when its connection errors (a server that
// ended it, pg_terminate_backend): the transaction's next statement, or its COMMIT, then fails so.
const RUNNER_GONE = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);
// node-postgres says these without a code.
const CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Connection ended',
];
