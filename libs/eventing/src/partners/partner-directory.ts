import type { DataSource } from 'typeorm';
import { activePartners, routeWarning, type Partner } from '@forewarn/database';
import type { Logger } from '../logger';

/**
 * The partner registry (libs/database partner-registry.ts) as a service sees it: loaded when the
 * runtime starts and re-read in the background every few seconds, so an agency onboarded or
 * removed is seen within that time. Callers never wait for the database: most ask from inside a
 * transaction that holds a pooled connection, and with the pool taken by such callers a read of
 * its own would wait for ever.
 */
export class PartnerDirectory {
  private current?: Promise<Partner[]>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly refreshMs = 5_000,
  ) {}

  async start(): Promise<void> {
    this.current = Promise.resolve(await this.read());
    this.timer ??= setInterval(() => void this.refresh(), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The registry as last read; read now only if never started (CLIs, tests). */
  list(): Promise<Partner[]> {
    if (!this.current) {
      const partners = this.read();
      this.current = partners;
      partners.catch(() => (this.current = undefined));
    }
    return this.current;
  }

  async has(agency: string): Promise<boolean> {
    return (await this.list()).some((p) => p.code === agency);
  }

  async route(channel: string, recipient: string): Promise<Partner | null> {
    return routeWarning(await this.list(), channel, recipient);
  }

  private read(): Promise<Partner[]> {
    return activePartners((text, params) => this.dataSource.query(text, params));
  }

  /** A failed read keeps the last list: the registry changes rarely, the database comes back. */
  private async refresh(): Promise<void> {
    try {
      this.current = Promise.resolve(await this.read());
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'partner registry not re-read; using the last list');
    }
  }
}
