import { loadNotificationConfig } from './notification.config';

describe('loadNotificationConfig', () => {
  it('Given no settings, Then every channel uses kafka with the documented defaults', () => {
    const config = loadNotificationConfig({});
    expect(config.routing).toEqual({ DOMESTIC_LAW_ENFORCEMENT: 'kafka', DIPLOMATIC: 'kafka', LIAISON: 'kafka' });
    expect(config.webhook).toEqual({ url: null, timeoutMs: 5_000 });
    expect(config.worker).toEqual({ pollMs: 500, batchSize: 10, leaseMs: 15_000 });
    expect(config.retry).toEqual({ baseMs: 1_000, maxMs: 300_000, maxAttempts: 8 });
  });

  it('Given a webhook URL, Then every channel uses the webhook', () => {
    const config = loadNotificationConfig({ NOTIFICATION_WEBHOOK_URL: 'http://127.0.0.1:9/warnings' });
    expect(config.routing).toEqual({ DOMESTIC_LAW_ENFORCEMENT: 'webhook', DIPLOMATIC: 'webhook', LIAISON: 'webhook' });
    expect(config.webhook.url).toBe('http://127.0.0.1:9/warnings');
  });

  it('Given a webhook URL and a channel map, Then the map wins for the channels it names', () => {
    const config = loadNotificationConfig({
      NOTIFICATION_WEBHOOK_URL: 'https://partner.example/warnings',
      NOTIFICATION_ADAPTERS: 'LIAISON=webhook, DIPLOMATIC=kafka',
    });
    expect(config.routing).toEqual({ DOMESTIC_LAW_ENFORCEMENT: 'webhook', DIPLOMATIC: 'kafka', LIAISON: 'webhook' });
  });

  it('Given a map without a URL, Then unnamed channels stay on kafka', () => {
    expect(loadNotificationConfig({ NOTIFICATION_ADAPTERS: 'DIPLOMATIC=kafka' }).routing.LIAISON).toBe('kafka');
  });

  it.each([
    [{ NOTIFICATION_ADAPTERS: 'LIAISON=webhook' }, /NOTIFICATION_WEBHOOK_URL is not set/],
    [{ NOTIFICATION_ADAPTERS: 'LIAISON=carrier-pigeon' }, /LIAISON=carrier-pigeon/],
    [{ NOTIFICATION_ADAPTERS: 'EMBASSY=kafka' }, /EMBASSY=kafka/],
    [{ NOTIFICATION_WEBHOOK_URL: 'ftp://partner.example' }, /must be http\(s\)/],
    [{ NOTIFICATION_WEBHOOK_URL: 'not a url' }, /is not a URL/],
    [{ NOTIFICATION_MAX_ATTEMPTS: '0' }, /NOTIFICATION_MAX_ATTEMPTS=0/],
    [{ NOTIFICATION_POLL_MS: 'fast' }, /NOTIFICATION_POLL_MS=fast/],
    [{ NOTIFICATION_WEBHOOK_TIMEOUT_MS: '5000', NOTIFICATION_LEASE_MS: '5000' }, /must exceed/],
  ])('Given %j, Then the service refuses to start', (env, message) => {
    expect(() => loadNotificationConfig(env)).toThrow(message);
  });
});
