import { Injectable } from '@nestjs/common';
import type { ServiceName } from '@forewarn/platform';
import { consumerTopics, parsePrometheusText, serviceMetrics, type ServiceMetrics } from './prometheus-text';
import { serviceUrls } from './service-urls';
import { errorMessage } from '@forewarn/eventing';

export interface ServiceStatus {
  service: ServiceName;
  url: string;
  ready: boolean;
  /** Each readiness check (database, kafka) and whether it is up, with the reason when not. */
  checks: { name: string; status: string; message?: string }[];
  error: string | null;
  metrics: ServiceMetrics | null;
}

// Longer than a service's own readiness check of Kafka (3 s), so the page shows the service's
// answer ("kafka down: no answer") rather than giving up on a loaded service first.
const PROBE_TIMEOUT_MS = 4_000;

type HealthBody = { info?: Record<string, { status: string; message?: string }>; error?: Record<string, { status: string; message?: string }> };

async function readiness(url: string): Promise<Pick<ServiceStatus, 'ready' | 'checks' | 'error'>> {
  try {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const body = (await res.json().catch(() => ({}))) as HealthBody;
    const checks = Object.entries({ ...body.info, ...body.error }).map(([name, c]) => ({ name, status: c.status, ...(c.message ? { message: c.message } : {}) }));
    return { ready: res.status === 200, checks, error: res.status === 200 ? null : `readiness answered HTTP ${res.status}` };
  } catch (error) {
    return { ready: false, checks: [], error: `unreachable: ${errorMessage((error as { cause?: unknown }).cause ?? error)}` };
  }
}

async function metrics(url: string): Promise<{ summary: ServiceMetrics; topics: Map<string, string[]> } | null> {
  try {
    const res = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!res.ok) return null;
    const samples = parsePrometheusText(await res.text());
    return { summary: serviceMetrics(samples), topics: consumerTopics(samples) };
  } catch {
    return null;
  }
}

export interface ProbeResult {
  services: ServiceStatus[];
  /** Topics per consumer name, as the services' metrics tell them. */
  consumerTopics: Map<string, string[]>;
}

/** Asks every service what it says about itself: /health/ready and /metrics, in parallel. */
@Injectable()
export class ServiceProbe {
  async probe(): Promise<ProbeResult> {
    const urls = serviceUrls();
    const topics = new Map<string, string[]>();
    const services = await Promise.all(
      (Object.keys(urls) as ServiceName[]).map(async (service) => {
        const [ready, m] = await Promise.all([readiness(urls[service]), metrics(urls[service])]);
        m?.topics.forEach((t, consumer) => topics.set(consumer, t));
        return { service, url: urls[service], ...ready, metrics: m?.summary ?? null };
      }),
    );
    return { services, consumerTopics: topics };
  }
}
