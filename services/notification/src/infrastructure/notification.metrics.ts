import { Counter, Gauge, register } from 'prom-client';

// On prom-client's default registry, which /metrics serves; created once per process even when
// several apps (tests) load this module.
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const notificationMetrics = {
  attempts: once('forewarn_notification_deliveries_total', () => new Counter({
    name: 'forewarn_notification_deliveries_total',
    help: 'Delivery outcomes by adapter: delivered, failed (will retry) or escalated (a person must take over).',
    labelNames: ['adapter', 'result'],
  })),
  open: once('forewarn_notification_deliveries_open', () => new Gauge({
    name: 'forewarn_notification_deliveries_open',
    help: 'Deliveries not yet delivered, by state (PENDING, ESCALATED), as of the delivery worker\'s last pass.',
    labelNames: ['state'],
  })),
};
