import { Module, type DynamicModule, type InjectionToken, type ModuleMetadata } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_DATABASE_CHECK, READINESS_CHECKS } from './health.constants';
import { HealthController } from './health.controller';
import type { ReadinessCheck } from './readiness-check';

export interface HealthOptions {
  /** Ping the app's TypeORM DataSource on readiness (needs TypeOrmModule.forRoot). Default true. */
  database?: boolean;
  /** Checks that need nothing from DI. */
  checks?: ReadinessCheck[];
  /** Tokens of ReadinessCheck providers (e.g. a Kafka check), and the modules that export them. */
  inject?: InjectionToken[];
  imports?: ModuleMetadata['imports'];
}

@Module({})
export class HealthModule {
  /** GET /health/live, /health/ready and /health (= ready), all public. */
  static register(options: HealthOptions = {}): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), ...(options.imports ?? [])],
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_DATABASE_CHECK, useValue: options.database ?? true },
        {
          provide: READINESS_CHECKS,
          useFactory: (...injected: ReadinessCheck[]) => [...(options.checks ?? []), ...injected],
          inject: options.inject ?? [],
        },
      ],
    };
  }
}
