import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { EventingModule, EventingRuntime, ensureDatabase, kafkaReadiness, serviceDataSourceOptions, type MigrationClass } from '@forewarn/eventing';
import { AuthModule } from '../auth/auth.module';
import { loadConfig, type ServiceName } from '../config';
import { HealthModule } from '../health/health.module';
import { createLogger } from '../logging/create-logger';
import { LoggingModule } from '../logging/logging.module';
import { MetricsModule } from '../metrics/metrics.module';

export const KAFKA_READINESS = Symbol('KAFKA_READINESS');

export interface ServicePlatformOptions {
  service: ServiceName;
  entities?: DataSourceOptions['entities'];
  migrations?: MigrationClass[];
}

/** The Postgres database every service shares, each in its own schema (FOREWARN_DATABASE). */
export function databaseName(env: NodeJS.ProcessEnv = process.env): string {
  return env.FOREWARN_DATABASE || 'forewarn';
}

/** A service's own schema: its name in snake case (waiver-review -> waiver_review). */
export function schemaOf(service: ServiceName): string {
  return service.replace(/-/g, '_');
}

/**
 * Everything a Forewarn service stands on, wired one way for all five: JSON logs, JWT auth,
 * /metrics, its own Postgres schema with migrations, the Kafka backbone (outbox, relay,
 * inbox), and /health with Postgres and Kafka readiness.
 */
@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    const config = loadConfig(options.service);
    const schema = schemaOf(options.service);
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
          useFactory: async () => {
            // The schema must exist before TypeORM runs the service's migrations into it.
            await ensureDatabase(config.databaseUrl, databaseName(), [schema]);
            return serviceDataSourceOptions({
              url: config.databaseUrl,
              database: databaseName(),
              schema,
              entities: options.entities,
              migrations: options.migrations,
            });
          },
        }),
        EventingModule.forService({ service: config.service, brokers: config.kafkaBrokers, logger: createLogger(`${config.service}.eventing`) }),
        HealthModule.register({ inject: [KAFKA_READINESS], imports: [ServiceKafkaCheckModule.with(kafkaCheck)] }),
      ],
      exports: [TypeOrmModule, EventingModule],
    };
  }
}

@Module({})
class ServiceKafkaCheckModule {
  static with(provider: { provide: symbol; inject: unknown[]; useFactory: (runtime: EventingRuntime) => unknown }): DynamicModule {
    return { module: ServiceKafkaCheckModule, providers: [provider as never], exports: [KAFKA_READINESS] };
  }
}
