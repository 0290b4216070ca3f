import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ForewarnClient } from './forewarn-client';
import { serviceInstances, systemUrls, type ServiceInstance, type SystemUrls } from './system-urls';
import type { ServiceName } from '@forewarn/platform';
import { grantNamespace, registerDemoPartners } from '@forewarn/service-testing';
import { createTestDatabase, kafkaEnv, killHard, migrateCompiled, repoRoot, startCompiled, stopGracefully, testBrokers, waitFor, type TestDatabase } from '@forewarn/testing';

const services: ServiceName[] = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'];
const portVar = (s: ServiceName) => `${s.toUpperCase().replace(/-/g, '_')}_PORT`;

/**
 * The whole system as real processes: its own database, consumer groups and ports, so it
 * never meets a developer's running system. Each service connects to Kafka as its own principal,
 * and its groups are granted under the system's prefix as provisioning grants a deployment's.
 * The database lists the demo's partner agencies. Processes can be SIGKILLed and restarted. With
 * `instances` > 1 each service runs that many processes (`intake`, `intake-2`...), sharing its
 * consumer groups; ports are basePort.. for the first of each, then 5 above per instance.
 */
export class RunningSystem {
  /** By instance name: `intake`, `intake-2`... */
  readonly processes = new Map<string, ChildProcess>();
  readonly logs = new Map<string, string[]>();
  /** How many of each instance's last lines `logs` keeps; Infinity keeps every line (a test that reads all output). */
  logLines = 500;
  readonly urls: SystemUrls;
  readonly client: ForewarnClient;
  readonly instances: ServiceInstance[];
  private db?: TestDatabase;
  private readonly env: Record<string, string>;

  constructor(
    basePort: number,
    extraEnv: Record<string, string> = {},
    /** Arguments for node itself per service, e.g. a benchmark's --cpu-prof. */
    private readonly nodeArgs: (service: ServiceName) => string[] = () => [],
    instances = 1,
  ) {
    const ports = Object.fromEntries(services.map((s, i) => [portVar(s), String(basePort + i)]));
    this.instances = serviceInstances(services, instances, ports, services.length);
    this.env = { ...ports, KAFKA_BROKERS: testBrokers().join(','), FOREWARN_GROUP_PREFIX: `e2e-${randomBytes(3).toString('hex')}.`, LOG_LEVEL: 'info', ...extraEnv };
    this.urls = systemUrls({ ...process.env, ...ports });
    this.client = new ForewarnClient(this.urls, this.env.KAFKA_BROKERS.split(','));
  }

  /** The system's own database (set once started). */
  get databaseUrl(): string | undefined {
    return this.db?.url;
  }

  /** What a command-line tool needs to work on the system's database directly (the audit CLI), bypassing any relay in DATABASE_URL. */
  databaseEnv(): Record<string, string> {
    if (!this.db) throw new Error('the system has not been started');
    return { DATABASE_URL: this.db.serverUrl, FOREWARN_DATABASE: this.db.name };
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
    for (const i of this.instances) this.spawn(i.name);
    await this.waitAllReady();
  }

  private instance(name: string): ServiceInstance {
    const found = this.instances.find((i) => i.name === name);
    if (!found) throw new Error(`no instance ${name}: ${this.instances.map((i) => i.name).join(', ')}`);
    return found;
  }

  /** Starts an instance (a service's name is its first instance). */
  spawn(name: string): void {
    const { service, env: port } = this.instance(name);
    const log = this.logs.get(name) ?? [];
    this.logs.set(name, log);
    const env = { ...this.env, ...port, ...kafkaEnv(`forewarn-${service}`), KAFKA_BROKERS: this.env.KAFKA_BROKERS };
    const child = startCompiled(`services/${service}/src/main.ts`, env, (line) => {
      log.push(line);
      if (log.length > this.logLines) log.shift();
    }, this.nodeArgs(service));
    this.processes.set(name, child);
  }

  waitReady(name: string): Promise<unknown> {
    const { url } = this.instance(name);
    return waitFor(`${name} to be ready`, async () => (await fetch(`${url}/health/ready`).catch(() => undefined))?.status === 200, 60_000, 250).catch((err) => {
      throw new Error(`${(err as Error).message}\n${(this.logs.get(name) ?? []).slice(-20).join('\n')}`);
    });
  }

  async waitAllReady(): Promise<void> {
    await Promise.all(this.instances.map((i) => this.waitReady(i.name)));
  }

  async kill(name: string): Promise<void> {
    await killHard(this.processes.get(name)!);
  }

  async restart(name: string): Promise<void> {
    this.spawn(name);
    await this.waitReady(name);
  }

  /**
   * Writes what every instance said to test-output/<name>/ (git-ignored) and prints each one's
   * last lines: what a failed run in CI leaves behind to explain itself.
   */
  writeLogs(name: string): void {
    const dir = join(repoRoot, 'test-output', name);
    mkdirSync(dir, { recursive: true });
    for (const [instance, lines] of this.logs) {
      writeFileSync(join(dir, `${instance}.log`), lines.join('\n'));
      console.error(`--- ${instance} (all of it in ${join(dir, `${instance}.log`)})\n${lines.slice(-12).join('\n')}`);
    }
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
