import { createServer, connect, type Server, type Socket } from 'node:net';

const DEFAULT_PORTS: Record<string, number> = { 'postgres:': 5432, 'postgresql:': 5432 };

/**
 * A TCP relay in front of a real server (PostgreSQL, a Kafka node) that a test can cut: every
 * open connection is reset and new ones are refused, exactly what a client sees when the server
 * or the network to it goes away; heal() listens again on the same port. The machine's shared
 * PostgreSQL serves other runs too, so an outage is staged here, between one system and it.
 */
export class FaultProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;
  private serverUrl?: URL;

  constructor(
    private readonly target: { host: string; port: number },
    port = 0,
  ) {
    this.listenPort = port;
  }

  /** A relay in front of the server of `url` (e.g. postgres://user@host:5432), started. */
  static async inFrontOf(url: string): Promise<FaultProxy> {
    const server = new URL(url);
    const proxy = new FaultProxy({ host: server.hostname, port: Number(server.port || DEFAULT_PORTS[server.protocol] || 0) });
    proxy.serverUrl = server;
    await proxy.heal();
    return proxy;
  }

  /** The server's URL (inFrontOf), pointing at the relay instead. */
  get url(): string {
    if (!this.serverUrl) throw new Error('FaultProxy.url: made without inFrontOf(url)');
    const via = new URL(this.serverUrl.href);
    via.hostname = '127.0.0.1';
    via.port = String(this.listenPort);
    return via.href.replace(/\/$/, '');
  }

  /** 127.0.0.1:<port> reaches the target while the proxy is healed. */
  get port(): number {
    return this.listenPort;
  }

  get cut(): boolean {
    return !this.server;
  }

  /** Starts relaying (first start, or after a cut). */
  async heal(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
        this.sockets.add(a);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.sockets.delete(a);
          b.destroy();
        });
        a.pipe(b);
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => resolve());
    });
    this.listenPort = (server.address() as { port: number }).port;
    this.server = server;
  }

  /** Resets every connection and refuses new ones until heal(). */
  async cutOff(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  stop(): Promise<void> {
    return this.cutOff();
  }
}
