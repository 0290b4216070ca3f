import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'pg';
import { EventCatalogue, type ForewarnEvent } from '@forewarn/contracts';
import { kafkaPort, type RecordPublisher } from '@forewarn/eventing';
import { applyHttpDefaults, issueDevToken, listenService, migrateService, type Role } from '@forewarn/platform';
import { grantNamespace, registerDemoPartners, startGroupsAtEnd } from '@forewarn/service-testing';
import { createTestDatabase, kafkaAs, kafkaEnv, uniqueName, waitFor, type TestDatabase } from '@forewarn/testing';
import { AppModule } from '../src/app.module';
import { POLICY_FOR } from '../src/application/policy-for.token';
import type { PolicyFor } from '../src/domain/decision-verifier';

export interface AuditHarness {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  /** A connection to the test database with search_path audit. */
  pg: Client;
  producer: RecordPublisher;
  publish(events: ForewarnEvent[]): Promise<void>;
  /** Waits until the log holds these events (or event ids). */
  logged(events: (ForewarnEvent | string)[]): Promise<void>;
  get(path: string, roles?: Role[]): Promise<{ status: number; body: any }>;
  send(method: string, path: string, body?: unknown, roles?: Role[]): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * The audit service on its own database and consumer groups, against the real broker and
 * Postgres. Set before AppModule builds: the platform reads both when it wires the app.
 */
export async function startAudit(label: string, opts: { policyFor?: PolicyFor } = {}): Promise<AuditHarness> {
  const db = await createTestDatabase(`audit_${label}`);
  const prefix = `${uniqueName(`audit-test-${label}`)}.`;
  await registerDemoPartners(db);
  await grantNamespace(prefix);
  Object.assign(process.env, kafkaEnv('forewarn-audit'));
  process.env.FOREWARN_DATABASE = db.name;
  process.env.FOREWARN_GROUP_PREFIX = prefix;
  // The shared topics hold every earlier run's traffic: each file's app starts at their ends.
  await startGroupsAtEnd(prefix, ['audit.case-log', 'audit.dead-letters']);
  await migrateService('audit');
  let builder = Test.createTestingModule({ imports: [AppModule] });
  if (opts.policyFor) builder = builder.overrideProvider(POLICY_FOR).useValue(opts.policyFor);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  applyHttpDefaults(app);
  await listenService(app, 0);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const pg = new Client({ connectionString: db.url, options: '-c search_path=audit' });
  await pg.connect();
  // The test's fixtures publish as the other services would (its own principal, on the test broker).
  const producer = kafkaPort('audit-test', kafkaAs()).publisher();
  await producer.connect();
  const send = async (method: string, path: string, body?: unknown, roles: Role[] = ['auditor']) => {
    const token = issueDevToken({ sub: `tester-${roles.join('-')}`, org: 'OIG', roles });
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    app,
    url,
    db,
    pg,
    producer,
    async publish(events) {
      for (const e of events) {
        await producer.send({ topic: EventCatalogue[e.type].topic, acks: -1, messages: [{ key: e.caseId, value: JSON.stringify(e) }] });
      }
    },
    async logged(events) {
      const ids = events.map((e) => (typeof e === 'string' ? e : e.eventId));
      await waitFor(`${ids.length} events in the log`, async () => {
        const [{ count }] = (await pg.query(`SELECT count(*)::int AS count FROM case_log WHERE event_id = ANY($1::text[])`, [ids])).rows;
        return count === ids.length;
      }, 60_000);
    },
    get: (path, roles) => send('GET', path, undefined, roles),
    send,
    async close() {
      await producer.disconnect().catch(() => undefined);
      await pg.end().catch(() => undefined);
      await app.close();
      await db.drop();
    },
  };
}

export const newCaseId = () => randomUUID();

/** An instant relative to now, so the scenarios' threats are still impending. */
export const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
