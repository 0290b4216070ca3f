/**
 * The one thing application code needs from a database connection: run SQL, get rows. The
 * service passes its TypeORM transaction, the CLI and the benchmark a plain pg client, so all
 * three run the very same appender, verifier, purge and rebuild. Shared with the other
 * services' read-model rebuilds.
 */
export type { Sql } from '@forewarn/read-model';
