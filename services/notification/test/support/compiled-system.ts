import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { grantNamespace, registerDemoPartners, startGroupsAtEnd } from '@forewarn/service-testing';
import { createTestDatabase, kafkaEnv, migrateCompiled, repoRoot, startCompiled, stopGracefully, testBrokers, waitFor, type TestDatabase } from '@forewarn/testing';
import { freePort } from './compiled-service';

export const Services = ['intake', 'assessment', 'waiver-review', 'notification', 'audit'] as const;
export type Service = (typeof Services)[number];

/**
 * The five compiled services (dist/) as processes, on their own database, ports and consumer
 * groups. The groups all start at the same offsets (the topics' ends now), so the audit log
 * holds exactly what the services read from then on, their own events and whatever else the
 * shared broker carries meanwhile.
 */
export class CompiledSystem {
  readonly urls = {} as Record<Service, string>;
  readonly logs: string[] = [];
  db!: TestDatabase;
  pg!: Client;
  private readonly children = new Map<Service, ChildProcess>();
  private env: Record<string, string> = {};

  async start(extraEnv: Record<string, string>): Promise<void> {
    this.db = await createTestDatabase('rebuild');
    await registerDemoPartners(this.db);
    const prefix = `rebuild-${this.db.name.slice(-8)}.`;
    await grantNamespace(prefix);
    await startGroupsAtEnd(prefix);
    this.env = { KAFKA_BROKERS: testBrokers().join(','), FOREWARN_DATABASE: this.db.name, FOREWARN_GROUP_PREFIX: prefix, LOG_LEVEL: 'warn', ...extraEnv };
    for (const s of Services) {
      const port = await freePort();
      this.env[`${s.toUpperCase().replace(/-/g, '_')}_PORT`] = String(port);
      this.urls[s] = `http://127.0.0.1:${port}`;
    }
    await Promise.all(Services.map((s) => migrateCompiled(s, this.env)));
    for (const s of Services) {
      this.children.set(s, startCompiled(`services/${s}/src/main.ts`, { ...this.env, ...kafkaEnv(`forewarn-${s}`) }, (line) => this.log(`${s}: ${line}`)));
    }
    for (const s of Services) {
      await waitFor(`${s} to be ready`, async () => {
        if (this.children.get(s)!.exitCode !== null) throw new Error(`${s} exited: ${this.logs.slice(-10).join('\n')}`);
        return (await fetch(`${this.urls[s]}/health/ready`).catch(() => undefined))?.status === 200;
      }, 60_000, 250);
    }
    this.pg = new Client({ connectionString: this.db.url });
    await this.pg.connect();
  }

  /** `npm run rebuild -- --service <service>`, against this system's database. */
  rebuild(service: Exclude<Service, 'audit'>): Promise<{ code: number; out: string }> {
    const cli = join(repoRoot, 'dist', 'services', 'audit', 'src', 'cli', 'audit-cli.js');
    const child = spawn(process.execPath, ['-r', join(repoRoot, 'scripts', 'register-paths.js'), cli, 'rebuild', '--service', service], {
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 2, out })));
  }

  async stop(): Promise<void> {
    await this.pg?.end().catch(() => undefined);
    await Promise.all([...this.children.values()].map((c) => stopGracefully(c)));
    await this.db?.drop();
  }

  private log(line: string): void {
    this.logs.push(line);
    if (this.logs.length > 500) this.logs.shift();
  }
}
