import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner's warning endpoint: fails the first `failuresPerKey` attempts of each warning
 * with 503, then accepts it; dedupes on the Idempotency-Key as a real receiver must.
 */
export class WebhookReceiver {
  readonly attempts = new Map<string, number>();
  /** Warnings accepted, once per idempotency key. */
  readonly accepted = new Map<string, { body: any; at: number }>();
  /** 2xx answers to a key already accepted (a sender re-sending after a crash). */
  readonly repeats = new Map<string, number>();
  private server?: Server;

  constructor(private readonly failuresPerKey: number) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key'] ?? '');
        const n = (this.attempts.get(key) ?? 0) + 1;
        this.attempts.set(key, n);
        if (!key) return void res.writeHead(400).end('missing Idempotency-Key');
        if (n <= this.failuresPerKey) return void res.writeHead(503).end('try later');
        if (this.accepted.has(key)) this.repeats.set(key, (this.repeats.get(key) ?? 0) + 1);
        else this.accepted.set(key, { body: JSON.parse(body), at: Date.now() });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/warnings`;
  }

  stop(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
