import type { DataSourceOptions, MigrationInterface } from 'typeorm';

export type MigrationClass = new () => MigrationInterface;
import { EventingTables1764100000000 } from './eventing-tables.migration';
import { EventingRecordIdentity1764800000000 } from './record-identity.migration';
import { withDatabase } from '@forewarn/database';

export interface ServiceDatabase {
  /** Server URL, e.g. postgres://postgres@127.0.0.1:5432 (DATABASE_URL). */
  url: string;
  database: string;
  /** The service's own schema; every unqualified table name resolves into it. */
  schema: string;
  entities?: DataSourceOptions['entities'];
  /** The service's own migrations; the outbox and inbox tables are added here. */
  migrations?: MigrationClass[];
  /** Run pending migrations on connect (tests of the backbone); a service's are run by its owner beforehand. */
  migrationsRun?: boolean;
  poolSize?: number;
}

/**
 * TypeORM options for one service: its own schema (search_path), its migrations (run on connect
 * unless `migrationsRun: false`), never `synchronize`.
 */
export function serviceDataSourceOptions(db: ServiceDatabase): DataSourceOptions {
  return {
    type: 'postgres',
    url: withDatabase(db.url, db.database),
    schema: db.schema,
    entities: db.entities ?? [],
    migrations: [EventingTables1764100000000, EventingRecordIdentity1764800000000, ...(db.migrations ?? [])],
    migrationsTableName: 'migrations',
    migrationsRun: db.migrationsRun ?? true,
    synchronize: false,
    // TypeORM's own error log prints each failed statement with every bound value: report content.
    // Failures reach the services' loggers as errors instead (libs/eventing/src/log-secrecy.ts).
    logging: false,
    // A connection that cannot be had in 10 s fails (a 503, a paused consumer) instead of hanging.
    extra: { max: db.poolSize ?? 10, options: `-c search_path=${db.schema}`, connectionTimeoutMillis: 10_000 },
  };
}
