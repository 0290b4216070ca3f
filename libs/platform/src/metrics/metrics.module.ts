import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry, prepareServiceRegistry } from './metrics-registry';

/** GET /metrics (public, Prometheus text) and a global MetricsRegistry for other modules' metrics. */
@Global()
@Module({})
export class MetricsModule {
  static forService(service: string): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [{ provide: MetricsRegistry, useFactory: () => prepareServiceRegistry(service) }],
      exports: [MetricsRegistry],
    };
  }
}
