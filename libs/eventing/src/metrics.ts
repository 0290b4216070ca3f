import { Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The backbone's Prometheus metrics, on prom-client's default registry (which each
 * service's /metrics serves). Created once per process even if this module loads twice.
 */
function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const eventingMetrics = {
  handled: once('forewarn_events_handled_total', () => new Counter({
    name: 'forewarn_events_handled_total',
    help: 'Messages handled by a consumer, by message type and result (handled, duplicate, dead_lettered).',
    labelNames: ['consumer', 'type', 'result'],
  })),
  handlerSeconds: once('forewarn_handler_duration_seconds', () => new Histogram({
    name: 'forewarn_handler_duration_seconds',
    help: 'Time to handle a batch or message, including its database transaction.',
    labelNames: ['consumer', 'mode'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  })),
  retries: once('forewarn_handler_retries_total', () => new Counter({
    name: 'forewarn_handler_retries_total',
    help: 'Handler attempts that failed and were retried with backoff.',
    labelNames: ['consumer'],
  })),
  deadLetters: once('forewarn_dead_letters_total', () => new Counter({
    name: 'forewarn_dead_letters_total',
    help: 'Messages sent to the dead-letter topic, by reason.',
    labelNames: ['consumer', 'topic', 'reason'],
  })),
  deadLetterPublishFailures: once('forewarn_dead_letter_publish_failures_total', () => new Counter({
    name: 'forewarn_dead_letter_publish_failures_total',
    help: 'Attempts to publish dead letters that failed and are being retried (the partition waits meanwhile).',
    labelNames: ['consumer'],
  })),
  consumerRestarts: once('forewarn_consumer_restarts_total', () => new Counter({
    name: 'forewarn_consumer_restarts_total',
    help: 'Consumers that crashed and were started again: by kafkajs (a retriable crash) or by Forewarn (one kafkajs would not restart).',
    labelNames: ['consumer', 'by'],
  })),
  pausedPartitions: once('forewarn_consumer_paused_partitions', () => new Gauge({
    name: 'forewarn_consumer_paused_partitions',
    help: 'Partitions a consumer has paused until its database answers again (0 when it is reachable).',
    labelNames: ['consumer'],
  })),
  logReplacements: once('forewarn_consumer_log_replacements_total', () => new Counter({
    name: 'forewarn_consumer_log_replacements_total',
    help: 'Times a consumer found a partition\'s log replaced (another cluster, a log ending before what it handled, another record at a handled offset).',
    labelNames: ['consumer', 'topic', 'partition', 'kind'],
  })),
  logReplacedAt: once('forewarn_consumer_log_replaced_timestamp_seconds', () => new Gauge({
    name: 'forewarn_consumer_log_replaced_timestamp_seconds',
    help: 'When a consumer last found a partition\'s log replaced, by kind (Unix time; kept across restarts in consumer_log_replacements).',
    labelNames: ['consumer', 'topic', 'partition', 'kind'],
  })),
  consumerLag: once('forewarn_consumer_lag', () => new Gauge({
    name: 'forewarn_consumer_lag',
    help: 'Messages behind the partition high watermark, as of the last batch fetched.',
    labelNames: ['consumer', 'topic', 'partition'],
  })),
  outboxBacklog: once('forewarn_outbox_backlog', () => new Gauge({
    name: 'forewarn_outbox_backlog',
    help: 'Outbox rows written but not yet published to Kafka, as of the last relay pass.',
    labelNames: ['service'],
  })),
  relayed: once('forewarn_outbox_published_total', () => new Counter({
    name: 'forewarn_outbox_published_total',
    help: 'Outbox messages published to Kafka by the relay.',
    labelNames: ['service'],
  })),
};
