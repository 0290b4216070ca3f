import { DataSource } from 'typeorm';
import { DatabaseRoles, roleDatabaseUrl, schemaGrants, serviceDataSourceOptions, type MigrationClass, type ServiceSchema } from '@forewarn/eventing';
import { databaseName, schemaOf, type ServiceName } from '../config';

/** Each service's migrations, as its module declares them (ServicePlatformModule.forService). */
const declared = new Map<ServiceName, MigrationClass[]>();

export function declareMigrations(service: ServiceName, migrations: MigrationClass[]): void {
  declared.set(service, migrations);
}

/**
 * The release step before a service starts (`node main.js migrate`, run by ./forewarn and the test
 * harnesses): as the owner role, its pending migrations into its schema, then its own role's
 * rights on it (database-roles.ts). The service itself runs as a role that can change no schema.
 * Returns the names of the migrations it ran.
 */
export async function migrateService(service: ServiceName, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const migrations = declared.get(service);
  if (!migrations) throw new Error(`${service}'s module is not loaded: import its app module first`);
  return migrateSchema(schemaOf(service), migrations, env);
}

/** The same for one schema and its migrations, in the database named by FOREWARN_DATABASE. */
export async function migrateSchema(schema: ServiceSchema, migrations: MigrationClass[], env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const database = databaseName(env);
  const ds = new DataSource(serviceDataSourceOptions({ url: roleDatabaseUrl(DatabaseRoles.owner, database, env), database, schema, migrations, migrationsRun: false, poolSize: 1 }));
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'all' });
    for (const grant of schemaGrants(schema)) await ds.query(grant);
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}

/** At a service's start: refuses to run on a schema its migrations have not reached. */
export async function assertMigrated(service: ServiceName, dataSource: DataSource): Promise<void> {
  if (await dataSource.showMigrations()) {
    throw new Error(`${service}'s schema lacks migrations: run \`node dist/services/${service}/src/main.js migrate\` as the owner first (./forewarn does)`);
  }
}
