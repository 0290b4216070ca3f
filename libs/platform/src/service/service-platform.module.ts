import { Inject, Injectable, Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { EventingModule, EventingRuntime, kafkaReadiness, serviceDataSourceOptions, type MigrationClass } from '@forewarn/eventing';
import { AuthModule } from '../auth/auth.module';
import { databaseName, loadConfig, schemaOf, type ServiceName } from '../config';
import { HealthModule } from '../health/health.module';
import { createLogger } from '../logging/create-logger';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';
import { assertMigrated, declareMigrations } from './service-migrations';

export const KAFKA_READINESS = Symbol('KAFKA_READINESS');

export interface ServicePlatformOptions {
  service: ServiceName;
  entities?: DataSourceOptions['entities'];
  migrations?: MigrationClass[];
}

/**
 * Everything a Forewarn service stands on, wired one way for all five: JSON logs, JWT auth,
 * /metrics, its own Postgres schema as its own role (migrated beforehand by the owner:
 * service-migrations.ts), the Kafka backbone (outbox, relay, inbox) as its own principal, and
 * /health with Postgres and Kafka readiness.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    const config = loadConfig(options.service);
    const schema = schemaOf(options.service);
    declareMigrations(options.service, options.migrations ?? []);
    const kafkaCheck = {
      provide: KAFKA_READINESS,
      inject: [EventingRuntime],
      useFactory: (runtime: EventingRuntime) => kafkaReadiness(runtime.kafka),
    };
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        LoggingModule.forService(config.service),
        AuthModule,
        MetricsModule.forService(config.service),
        TypeOrmModule.forRootAsync({
          useFactory: async () =>
            serviceDataSourceOptions({
              url: config.databaseUrl,
              database: databaseName(),
              schema,
              entities: options.entities,
              migrations: options.migrations,
              migrationsRun: false,
            }),
        }),
        EventingModule.forService({ service: config.service, logger: createLogger(`${config.service}.eventing`) }),
        HealthModule.register({ inject: [KAFKA_READINESS], imports: [ServiceKafkaCheckModule.with(kafkaCheck)] }),
      ],
      providers: [{ provide: SERVICE_NAME, useValue: options.service }, MigrationsCheck],
      exports: [TypeOrmModule, EventingModule],
    };
  }
}

const SERVICE_NAME = Symbol('SERVICE_NAME');

/** Before any consumer starts (they start at bootstrap): the schema is at the service's migrations. */
@Injectable()
class MigrationsCheck implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  onModuleInit(): Promise<void> {
    return assertMigrated(this.service, this.dataSource);
  }
}

@Module({})
class ServiceKafkaCheckModule {
  static with(provider: { provide: symbol; inject: unknown[]; useFactory: (runtime: EventingRuntime) => unknown }): DynamicModule {
    return { module: ServiceKafkaCheckModule, providers: [provider as never], exports: [KAFKA_READINESS] };
  }
}
