import { collectDefaultMetrics, register, Registry } from 'prom-client';

/**
 * Injection token for the registry GET /metrics serves. It is prom-client's default registry, so
 * metrics created without `registers` (as libs/eventing's are) are served along with the rest.
 */
export abstract class MetricsRegistry extends Registry {}

export function prepareServiceRegistry(service: string): Registry {
  // Every series says which service it came from, so one Prometheus can scrape them all.
  register.setDefaultLabels({ service });
  // Once per process: registering the process metrics twice would throw on the duplicate names.
  if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register });
  return register;
}
