/** Just enough of the Prometheus text format to read the services' own /metrics. */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescape = (v: string) => v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1]] = unescape(l[2]);
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    samples.push({ name: m[1], labels, value });
  }
  return samples;
}

const sum = (samples: Sample[], name: string, where: (l: Record<string, string>) => boolean = () => true) =>
  samples.filter((s) => s.name === name && where(s.labels) && Number.isFinite(s.value)).reduce((total, s) => total + s.value, 0);

export interface ServiceMetrics {
  outboxBacklog: number;
  eventsHandled: number;
  deadLettered: number;
  retries: number;
  /** The largest lag any of the service's consumers saw at its last fetch. */
  consumerLagMax: number;
  /** Partitions whose log a consumer found replaced (wiped broker, new cluster, re-created topic), latest first. */
  logReplacements: LogReplacementSeen[];
}

export interface LogReplacementSeen {
  consumer: string;
  topic: string;
  partition: number;
  kind: string;
  at: string;
}

/** The few numbers the console shows per service, from the eventing metrics every service has. */
export function serviceMetrics(samples: Sample[]): ServiceMetrics {
  const lags = samples.filter((s) => s.name === 'forewarn_consumer_lag' && Number.isFinite(s.value)).map((s) => s.value);
  return {
    outboxBacklog: sum(samples, 'forewarn_outbox_backlog'),
    eventsHandled: sum(samples, 'forewarn_events_handled_total', (l) => l.result === 'handled'),
    deadLettered: sum(samples, 'forewarn_dead_letters_total'),
    retries: sum(samples, 'forewarn_handler_retries_total'),
    consumerLagMax: lags.length ? Math.max(...lags) : 0,
    logReplacements: samples
      .filter((s) => s.name === 'forewarn_consumer_log_replaced_timestamp_seconds' && Number.isFinite(s.value))
      .sort((a, b) => b.value - a.value)
      .map((s) => ({ consumer: s.labels.consumer, topic: s.labels.topic, partition: Number(s.labels.partition), kind: s.labels.kind, at: new Date(s.value * 1000).toISOString() })),
  };
}

/**
 * Which topics each consumer (by name, without the group prefix) reads, from the lag gauge's
 * labels: the broker cannot say for a group that has neither members nor commits.
 */
export function consumerTopics(samples: Sample[]): Map<string, string[]> {
  const topics = new Map<string, Set<string>>();
  for (const s of samples) {
    if (s.name !== 'forewarn_consumer_lag' || !s.labels.consumer || !s.labels.topic) continue;
    topics.set(s.labels.consumer, (topics.get(s.labels.consumer) ?? new Set()).add(s.labels.topic));
  }
  return new Map([...topics].map(([consumer, set]) => [consumer, [...set].sort()]));
}
