import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ForewarnClient } from './forewarn-client';
import { systemUrls, type SystemUrls } from './system-urls';
import type { ServiceName } from '@forewarn/platform';
import { grantNamespace, registerDemoPartners } from '@forewarn/service-testing';
import { createTestDatabase, kafkaEnv, killHard, migrateCompiled, startCompiled, stopGracefully, testBrokers, waitFor, type TestDatabase } from '@forewarn/testing';

const services: ServiceName[] = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'];
const portVar = (s: ServiceName) => `${s.toUpperCase().replace(/-/g, '_')}_PORT`;

/**
 * The whole system as real processes: its own database, consumer groups and ports, so it
 * never meets a developer's running system. Each service connects to Kafka as its own principal,
 * and its groups are granted under the system's prefix as provisioning grants a deployment's.
 * The database lists the demo's partner agencies. Services can be SIGKILLed and restarted.
 */
export class RunningSystem {
  readonly processes = new Map<ServiceName, ChildProcess>();
  readonly logs = new Map<ServiceName, string[]>();
  readonly urls: SystemUrls;
  readonly client: ForewarnClient;
  private db?: TestDatabase;
  private readonly env: Record<string, string>;

  constructor(
    basePort: number,
    extraEnv: Record<string, string> = {},
    /** Arguments for node itself per service, e.g. a benchmark's --cpu-prof. */
    private readonly nodeArgs: (service: ServiceName) => string[] = () => [],
  ) {
    const ports = Object.fromEntries(services.map((s, i) => [portVar(s), String(basePort + i)]));
    this.env = { ...ports, KAFKA_BROKERS: testBrokers().join(','), FOREWARN_GROUP_PREFIX: `e2e-${randomBytes(3).toString('hex')}.`, LOG_LEVEL: 'info', ...extraEnv };
    this.urls = systemUrls({ ...process.env, ...ports });
    this.client = new ForewarnClient(this.urls, this.env.KAFKA_BROKERS.split(','));
  }

  /** The system's own database (set once started). */
  get databaseUrl(): string | undefined {
    return this.db?.url;
  }

  /** Starts every service; again after stopProcesses(), on the same database. */
  async start(): Promise<void> {
    if (!this.db) {
      this.db = await createTestDatabase('e2e');
      await registerDemoPartners(this.db);
    }
    await grantNamespace(this.env.FOREWARN_GROUP_PREFIX, this.client.brokers);
    this.env.FOREWARN_DATABASE = this.db.name;
    // The release step: each service's migrations, as the owner (the services run as their own roles).
    await Promise.all(services.map((s) => migrateCompiled(s, this.env)));
    for (const s of services) this.spawn(s);
    await Promise.all(services.map((s) => this.waitReady(s)));
  }

  spawn(service: ServiceName): void {
    const log = this.logs.get(service) ?? [];
    this.logs.set(service, log);
    const env = { ...this.env, ...kafkaEnv(`forewarn-${service}`), KAFKA_BROKERS: this.env.KAFKA_BROKERS };
    const child = startCompiled(`services/${service}/src/main.ts`, env, (line) => {
      log.push(line);
      if (log.length > 500) log.shift();
    }, this.nodeArgs(service));
    this.processes.set(service, child);
  }

  waitReady(service: ServiceName): Promise<unknown> {
    return waitFor(`${service} to be ready`, async () => (await fetch(`${this.urls[service]}/health/ready`).catch(() => undefined))?.status === 200, 60_000, 250).catch((err) => {
      throw new Error(`${(err as Error).message}\n${(this.logs.get(service) ?? []).slice(-20).join('\n')}`);
    });
  }

  async kill(service: ServiceName): Promise<void> {
    await killHard(this.processes.get(service)!);
  }

  async restart(service: ServiceName): Promise<void> {
    this.spawn(service);
    await this.waitReady(service);
  }

  /** Stops every service and keeps the database, as an operator stopping the system would. */
  async stopProcesses(): Promise<void> {
    await Promise.all([...this.processes.values()].map((p) => stopGracefully(p)));
  }

  async stop(): Promise<void> {
    await this.stopProcesses();
    await this.db?.drop();
  }
}
