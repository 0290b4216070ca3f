/**
 * The one thing application code needs from a database connection: run SQL, get rows. The
 * service passes its TypeORM transaction, the CLI and the benchmark a plain pg client, so all
 * three run the very same appender, verifier, purge and rebuild.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Sql = <T = any>(text: string, params?: unknown[]) => Promise<T[]>;
