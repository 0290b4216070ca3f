import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Topics, type ForewarnEvent } from '@forewarn/contracts';
import { applyHttpDefaults, issueDevToken, type Role } from '@forewarn/platform';
import { createTestDatabase, type TestDatabase } from '@forewarn/testing';
import { DataSource } from 'typeorm';
import { EventingRuntime } from '@forewarn/eventing';
import { Clock } from '../application/clock';
import { registerErrorStatuses } from '../http/error-statuses';
import type { KafkaProbe } from './kafka-probe';

/** The service's inbox consumers (name, topic) and the topics it writes: what a test file marks. */
const CONSUMERS: [string, string][] = [
  ['waiver-review.threat-reports', Topics.intakeEvents],
  ['waiver-review.duty-determinations', Topics.assessmentEvents],
];
const TOPICS = [Topics.intakeEvents, Topics.assessmentEvents, Topics.waiverReviewEvents, Topics.partnerCaseStatus];

/** A clock a test can move forward; it starts at the real time. */
export class TestClock extends Clock {
  offsetMs = 0;
  override now(): string {
    return new Date(Date.now() + this.offsetMs).toISOString();
  }
}

export interface RunningService {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  dataSource: DataSource;
  clock: TestClock;
  groupPrefix: string;
  close(): Promise<void>;
}

/**
 * The service as main.ts starts it (same module, HTTP defaults and error statuses), on its own
 * database and consumer-group prefix, on a free port, with a clock the test controls. Its
 * consumers start where the topics end now (see KafkaProbe), not at the shared history.
 */
export async function startService(label: string, probe: KafkaProbe): Promise<RunningService> {
  const db = await createTestDatabase(`waiver_review_${label}`);
  const groupPrefix = `test-${label}-${randomBytes(4).toString('hex')}.`;
  await probe.mark(TOPICS);
  for (const [name, topic] of CONSUMERS) await probe.startGroupAtMark(`${groupPrefix}${name}`, topic);
  process.env.FOREWARN_DATABASE = db.name;
  process.env.FOREWARN_GROUP_PREFIX = groupPrefix;
  process.env.LOG_LEVEL ??= 'error';
  // Imported here, not at the top: the platform reads LOG_LEVEL when the module is declared.
  const { AppModule } = await import('../app.module');
  const clock = new TestClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  applyHttpDefaults(app);
  registerErrorStatuses();
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    db,
    dataSource: app.get(DataSource),
    clock,
    groupPrefix,
    async close() {
      // Stop Kafka and the relay first: Nest may close the DataSource before the relay's last pass.
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
