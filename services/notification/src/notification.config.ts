import type { DeliveryChannel } from '@forewarn/contracts';

/**
 * Notification's own settings, read from the environment when the app module is created
 * (the platform reads NOTIFICATION_PORT, DATABASE_URL, KAFKA_BROKERS, FOREWARN_DATABASE).
 *
 *   NOTIFICATION_WEBHOOK_URL         http(s) endpoint the webhook adapter POSTs warnings to. When set,
 *                                    every channel uses the webhook unless NOTIFICATION_ADAPTERS says otherwise.
 *   NOTIFICATION_ADAPTERS            per-channel adapter, e.g. `LIAISON=webhook,DIPLOMATIC=kafka,DOMESTIC_LAW_ENFORCEMENT=kafka`.
 *                                    Channels not listed use the default (webhook when the URL is set, else kafka).
 *   NOTIFICATION_WEBHOOK_TIMEOUT_MS  one POST's time limit, default 5000.
 *   NOTIFICATION_POLL_MS             how often the delivery worker looks for due deliveries, default 500.
 *   NOTIFICATION_WORKER_BATCH        deliveries claimed (and POSTed concurrently) per pass, default 10.
 *   NOTIFICATION_LEASE_MS            how long a claimed delivery stays with its worker before another may take
 *                                    it over (a crash); must exceed the timeout. Default timeout + 10000.
 *   NOTIFICATION_RETRY_BASE_MS       first retry delay; it doubles per failed attempt. Default 1000.
 *   NOTIFICATION_RETRY_MAX_MS        cap on one retry delay, default 300000.
 *   NOTIFICATION_MAX_ATTEMPTS        attempts before a delivery is ESCALATED to a person, default 8.
 */
export type AdapterName = 'kafka' | 'webhook';
export const AdapterNames: readonly AdapterName[] = ['kafka', 'webhook'];
export const DeliveryChannels: readonly DeliveryChannel[] = ['DOMESTIC_LAW_ENFORCEMENT', 'DIPLOMATIC', 'LIAISON'];

export interface NotificationConfig {
  routing: Record<DeliveryChannel, AdapterName>;
  webhook: { url: string | null; timeoutMs: number };
  worker: { pollMs: number; batchSize: number; leaseMs: number };
  retry: { baseMs: number; maxMs: number; maxAttempts: number };
}

export const NOTIFICATION_CONFIG = Symbol('NOTIFICATION_CONFIG');

export class NotificationConfigError extends Error {
  override readonly name = 'NotificationConfigError';
}

/** Parses and checks the settings; a wrong setting stops the service at start, not at the first warning. */
export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const url = webhookUrl(env.NOTIFICATION_WEBHOOK_URL);
  const fallback: AdapterName = url ? 'webhook' : 'kafka';
  const routing = Object.fromEntries(DeliveryChannels.map((c) => [c, fallback])) as Record<DeliveryChannel, AdapterName>;
  Object.assign(routing, parseAdapters(env.NOTIFICATION_ADAPTERS));
  if (!url && Object.values(routing).includes('webhook')) {
    throw new NotificationConfigError('NOTIFICATION_ADAPTERS routes a channel to the webhook, but NOTIFICATION_WEBHOOK_URL is not set');
  }
  const timeoutMs = int(env, 'NOTIFICATION_WEBHOOK_TIMEOUT_MS', 5_000, 1);
  const leaseMs = int(env, 'NOTIFICATION_LEASE_MS', timeoutMs + 10_000, 1);
  // A lease shorter than a POST would let a second worker resend while the first still waits.
  if (leaseMs <= timeoutMs) throw new NotificationConfigError(`NOTIFICATION_LEASE_MS (${leaseMs}) must exceed NOTIFICATION_WEBHOOK_TIMEOUT_MS (${timeoutMs})`);
  return {
    routing,
    webhook: { url, timeoutMs },
    worker: { pollMs: int(env, 'NOTIFICATION_POLL_MS', 500, 10), batchSize: int(env, 'NOTIFICATION_WORKER_BATCH', 10, 1), leaseMs },
    retry: {
      baseMs: int(env, 'NOTIFICATION_RETRY_BASE_MS', 1_000, 1),
      maxMs: int(env, 'NOTIFICATION_RETRY_MAX_MS', 300_000, 1),
      maxAttempts: int(env, 'NOTIFICATION_MAX_ATTEMPTS', 8, 1),
    },
  };
}

function webhookUrl(value: string | undefined): string | null {
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new NotificationConfigError(`NOTIFICATION_WEBHOOK_URL=${value} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new NotificationConfigError(`NOTIFICATION_WEBHOOK_URL must be http(s), got ${parsed.protocol}`);
  }
  return parsed.toString();
}

function parseAdapters(value: string | undefined): Partial<Record<DeliveryChannel, AdapterName>> {
  const out: Partial<Record<DeliveryChannel, AdapterName>> = {};
  for (const entry of (value ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const [channel, adapter, ...rest] = entry.split('=').map((s) => s.trim());
    if (rest.length > 0 || !DeliveryChannels.includes(channel as DeliveryChannel) || !AdapterNames.includes(adapter as AdapterName)) {
      throw new NotificationConfigError(
        `NOTIFICATION_ADAPTERS entry "${entry}": use CHANNEL=adapter with a channel of ${DeliveryChannels.join(', ')} and an adapter of ${AdapterNames.join(', ')}`,
      );
    }
    out[channel as DeliveryChannel] = adapter as AdapterName;
  }
  return out;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new NotificationConfigError(`${name}=${raw} must be an integer >= ${min}`);
  return n;
}
