// Runs the COMPILED service: `npx tsc -p tsconfig.build.json` before this file (it fails otherwise).
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { RecordPublisher } from '@forewarn/eventing';
import { Client } from 'pg';
import { Topics, type ForewarnEvent } from '@forewarn/contracts';
import { grantNamespace, registerDemoPartners } from '@forewarn/service-testing';
import { createTestDatabase, kafkaEnv, killHard, migrateCompiled, stopGracefully, uniqueName, waitFor, type TestDatabase } from '@forewarn/testing';
import { INTERRUPTED } from '../src/application/record-attempt.handler';
import { assertBuildIsFresh, freePort, startCompiledNotification } from './support/compiled-service';
import { connectProducer, publishAuthorization, settle, startServiceGroupsAtEnd, TopicRecorder, warningAuthorized } from './support/kafka-io';
import { authorizationFrom, usPersonReport } from './support/reports';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * SIGKILL the service while its webhook POSTs are in flight (the partner answers slowly), restart
 * it: every authorization must reach DELIVERED, resent under the same Idempotency-Key, so the
 * partner (which dedupes on the key, as its contract says) takes each warning exactly once.
 */
describe('webhook deliveries across a SIGKILL of the notification process', () => {
  const log: string[] = [];
  const children: ChildProcess[] = [];
  let db: TestDatabase;
  let sql: Client;
  let receiver: WebhookReceiver;
  let recorder: TopicRecorder;
  let producer: RecordPublisher;
  let env: Record<string, string>;
  /** The partner's side: keys it has taken (acted on). */
  const taken = new Map<string, number>();

  beforeAll(async () => {
    assertBuildIsFresh();
    db = await createTestDatabase('notification_kill');
    await registerDemoPartners(db);
    receiver = await WebhookReceiver.start();
    producer = await connectProducer();
    const groupPrefix = `${uniqueName('test.notification.kill')}.`;
    await grantNamespace(groupPrefix);
    [recorder] = await Promise.all([TopicRecorder.start([Topics.notificationEvents]), startServiceGroupsAtEnd(groupPrefix)]);
    env = {
      FOREWARN_DATABASE: db.name,
      FOREWARN_GROUP_PREFIX: groupPrefix,
      NOTIFICATION_PORT: String(await freePort()),
      NOTIFICATION_WEBHOOK_URL: receiver.url,
      NOTIFICATION_POLL_MS: '100',
      NOTIFICATION_WEBHOOK_TIMEOUT_MS: '4000',
      NOTIFICATION_LEASE_MS: '5000',
      NOTIFICATION_RETRY_BASE_MS: '200',
      ...kafkaEnv('forewarn-notification'),
      DATABASE_URL: db.serverUrl,
      LOG_LEVEL: 'warn',
    };
    await migrateCompiled('notification', env);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  }, 60_000);

  afterEach(() => {
    if (process.env.SHOW_SERVICE_LOGS) console.log(log.slice(-60).join('\n'));
  });

  afterAll(async () => {
    for (const c of children) await killHard(c);
    await sql?.end();
    await producer?.disconnect();
    await recorder?.stop();
    await receiver?.close();
    await db?.drop();
  });

  const states = async (caseIds: string[]) =>
    (await sql.query(`SELECT case_id, state, attempts FROM notification.deliveries WHERE case_id = ANY($1)`, [caseIds])).rows;

  async function authorize(): Promise<ForewarnEvent<'WarningAuthorized'>> {
    const caseId = recorder.watch(randomUUID());
    // An idempotent partner: the first request for a key is taken and answered slowly; repeats get 200 at once.
    receiver.script(caseId, (_n, request) => {
      const key = request.key ?? '';
      if (taken.has(key)) return { status: 200 };
      taken.set(key, 1);
      return { status: 200, delayMs: 2_500 };
    });
    const authorization = warningAuthorized(caseId, authorizationFrom(usPersonReport()));
    await publishAuthorization(producer, authorization);
    return authorization;
  }

  it('delivers every authorization exactly once per key after the process is killed mid-POST', async () => {
    children.push(await startCompiledNotification(env, log));
    const before = await Promise.all([1, 2, 3, 4, 5, 6].map(() => authorize()));
    const after: ForewarnEvent<'WarningAuthorized'>[] = [];
    const caseIds = () => [...before, ...after].map((a) => a.caseId);

    await waitFor('a POST in flight for every warning', async () => before.every((a) => receiver.of(a.caseId).length > 0), 30_000);
    await killHard(children[0]);
    // Killed while the partner held every request: none was recorded as delivered.
    expect((await states(caseIds())).filter((r) => r.state === 'DELIVERED')).toEqual([]);

    // Authorizations that arrive while the service is down wait in Kafka.
    after.push(await authorize(), await authorize());
    children.push(await startCompiledNotification(env, log));
    await waitFor('every delivery DELIVERED', async () => {
      const rows = await states(caseIds());
      return rows.length === 8 && rows.every((r) => r.state === 'DELIVERED');
    }, 60_000);
    await settle();

    for (const a of [...before, ...after]) {
      const requests = receiver.of(a.caseId);
      expect(new Set(requests.map((r) => r.key))).toEqual(new Set([a.eventId])); // never under a second key
      expect(new Set(requests.map((r) => r.raw)).size).toBe(1); // the same warning, byte for byte
      expect(taken.get(a.eventId)).toBe(1); // the partner took it once
      const rows = (await sql.query(`SELECT delivery_id FROM notification.deliveries WHERE idempotency_key = $1`, [a.eventId])).rows;
      expect(rows).toHaveLength(1);
      const events = recorder.deliveryEvents(a.caseId, rows[0].delivery_id);
      expect(events.filter((e) => e.type === 'WarningDispatched')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'WarningDelivered')).toHaveLength(1);
    }
    // The killed attempts were resent after their lease ran out, and the log says what happened.
    for (const a of before) {
      expect(receiver.of(a.caseId).length).toBeGreaterThanOrEqual(2);
      const { delivery_id } = (await sql.query(`SELECT delivery_id FROM notification.deliveries WHERE idempotency_key = $1`, [a.eventId])).rows[0];
      const events = recorder.deliveryEvents(a.caseId, delivery_id);
      expect(events.map((e) => e.type)).toEqual(['WarningDispatched', 'WarningDeliveryFailed', 'WarningDelivered']);
      expect(events[1].data).toMatchObject({ attempts: 1, error: INTERRUPTED, final: false });
      expect(events[2].data).toMatchObject({ attempts: 2 });
    }
    await stopGracefully(children[1]);
  }, 90_000);
});
