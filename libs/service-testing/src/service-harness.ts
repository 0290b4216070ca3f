import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import type { ForewarnEvent } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { applyHttpDefaults, issueDevToken, listenService, migrateService, serveOpenApi, type Role, type ServiceName } from '@forewarn/platform';
import { createTestDatabase, kafkaEnv, type TestDatabase } from '@forewarn/testing';
import { grantNamespace, registerDemoPartners } from './deployment';
import type { KafkaProbe } from './kafka-probe';

/** A clock a test can move forward; it starts at the real time. Stands in for a service's Clock. */
export class ManualClock {
  offsetMs = 0;
  now(): string {
    return new Date(Date.now() + this.offsetMs).toISOString();
  }
}

export interface ServiceUnderTest {
  /** The service: its Kafka principal (forewarn-<name>), and used in database and consumer-group names. */
  name: ServiceName;
  appModule: () => Promise<unknown>;
  /** The service's inbox consumers (name, topic) and the topics it touches: what a test marks. */
  consumers: [string, string][];
  topics: string[];
  /** The service's Clock class, replaced by a ManualClock. */
  clockToken?: unknown;
  registerErrorStatuses?: () => void;
}

export interface RunningService {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  dataSource: DataSource;
  clock: ManualClock;
  groupPrefix: string;
  close(): Promise<void>;
}

/**
 * A service as main.ts starts it (same module, HTTP defaults and error statuses), on its own
 * database and consumer-group prefix, on a free port, with a clock the test controls. Its
 * consumers start where the topics end now (see KafkaProbe), not at the shared history. It
 * connects to Kafka as its own principal, with its groups granted under the test's prefix, and its
 * database lists the demo's partner agencies.
 */
export async function startService(service: ServiceUnderTest, label: string, probe: KafkaProbe): Promise<RunningService> {
  const db = await createTestDatabase(`${service.name}_${label}`);
  await registerDemoPartners(db);
  const groupPrefix = `test-${label}-${randomBytes(4).toString('hex')}.`;
  await grantNamespace(groupPrefix);
  await probe.mark(service.topics);
  for (const [name, topic] of service.consumers) await probe.startGroupAtMark(`${groupPrefix}${name}`, topic);
  Object.assign(process.env, kafkaEnv(`forewarn-${service.name}`));
  process.env.FOREWARN_DATABASE = db.name;
  process.env.FOREWARN_GROUP_PREFIX = groupPrefix;
  process.env.LOG_LEVEL ??= 'error';
  // Imported late: the platform reads LOG_LEVEL and the database name when the module is declared.
  const appModule = await service.appModule();
  // The release step, as the owner role; the service then runs as its own.
  await migrateService(service.name);
  const clock = new ManualClock();
  let builder = Test.createTestingModule({ imports: [appModule as never] });
  if (service.clockToken) builder = builder.overrideProvider(service.clockToken).useValue(clock);
  const app = (await builder.compile()).createNestApplication({ logger: ['error'] });
  applyHttpDefaults(app);
  serveOpenApi(app, service.name);
  service.registerErrorStatuses?.();
  await listenService(app, 0);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    db,
    dataSource: app.get(DataSource),
    clock,
    groupPrefix,
    async close() {
      await app.get(EventingRuntime).stop();
      await app.close();
      await db.drop();
    },
  };
}

export function tokenFor(person: string, roles: Role[], org = 'NCTC'): string {
  return issueDevToken({ sub: person, org, roles, expiresIn: '10m' });
}

export async function http(base: string, method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

/** What this instance emitted for a case, from its own outbox, once the relay has published it. */
export async function emitted(ds: DataSource, caseId: string, topic: string): Promise<ForewarnEvent[]> {
  const rows: { value: string; sent: boolean }[] = await ds.query(
    `SELECT value, sent_at IS NOT NULL AS sent FROM outbox WHERE key = $1 AND topic = $2 ORDER BY position`,
    [caseId, topic],
  );
  return rows.every((r) => r.sent) ? rows.map((r) => JSON.parse(r.value) as ForewarnEvent) : [];
}
