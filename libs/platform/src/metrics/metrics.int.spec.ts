import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Counter, Gauge } from 'prom-client';
import { AuthModule } from '../auth/auth.module';
import { MetricsModule } from './metrics.module';
import { MetricsRegistry } from './metrics-registry';

// How libs/eventing registers its metrics: on prom-client's default registry, no DI.
const outboxBacklog = new Gauge({ name: 'forewarn_outbox_backlog', help: 'Outbox rows not yet published' });

/** A service-side metric that asks Nest for the registry instead. */
@Injectable()
class ReportsReadMetric {
  readonly counter: Counter<'type'>;
  constructor(registry: MetricsRegistry) {
    this.counter = new Counter({ name: 'forewarn_reports_read_total', help: 'Reports read', labelNames: ['type'], registers: [registry] });
  }
}

@Module({ providers: [ReportsReadMetric] })
class ReportsModule {}

@Module({ imports: [AuthModule, MetricsModule.forService('assessment'), ReportsModule] })
class MetricsTestModule {}

describe('MetricsModule', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(MetricsTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('serves Prometheus text without a token, with process metrics and custom counters labelled by service', async () => {
    app.get(ReportsReadMetric).counter.inc({ type: 'ThreatReported' }, 2);
    outboxBacklog.set(5);

    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE forewarn_reports_read_total counter');
    expect(text).toContain('forewarn_reports_read_total{type="ThreatReported",service="assessment"} 2');
    expect(text).toContain('forewarn_outbox_backlog{service="assessment"} 5');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="assessment"\} /m);
  });
});
