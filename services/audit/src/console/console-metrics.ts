import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Gauge, register } from 'prom-client';
import { ConsoleQueries } from './console-queries';
import { errorMessage, withTimeout } from '@forewarn/eventing';

/** The app whose database the gauges read; tests may build several apps in one process. */
let current: ConsoleQueries | undefined;
const logger = new Logger('ConsoleMetrics');

/**
 * A gauge computed when Prometheus scrapes audit's /metrics, on prom-client's default registry
 * (the one /metrics serves). A failed query keeps the last value rather than failing the scrape.
 */
function scrapedGauge(name: string, help: string, read: (q: ConsoleQueries) => Promise<number>): void {
  if (register.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    async collect() {
      if (!current) return;
      try {
        this.set(await withTimeout(read(current), 2_000, name));
      } catch (error) {
        logger.warn(`${name} not updated: ${errorMessage(error)}`);
      }
    },
  });
}

/** The deadline gauges infra/prometheus/alerts.yml alerts on, as the audit log sees the cases. */
@Injectable()
export class ConsoleMetrics implements OnModuleInit, OnModuleDestroy {
  constructor(private readonly queries: ConsoleQueries) {}

  onModuleInit(): void {
    scrapedGauge('forewarn_waiver_reviews_overdue', 'Open waiver reviews past their deadline, from the audit case projection.', (q) => q.overdueReviewCount());
    scrapedGauge(
      'forewarn_cases_unwarned_near_window',
      'Cases with a duty to warn, not yet warned or waived, whose threat window opens within 24 h or is open.',
      async (q) => (await q.unwarnedNearWindow(Date.now())).length,
    );
    current = this.queries;
  }

  onModuleDestroy(): void {
    if (current === this.queries) current = undefined;
  }
}
