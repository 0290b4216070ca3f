import { randomUUID } from 'node:crypto';
import type { RecordPublisher } from '@forewarn/eventing';
import { partnerTopic, Topics, validatePartnerWarning, type ForewarnEvent } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { waitFor } from '@forewarn/testing';
import { DispatchWarningHandler } from '../src/application/dispatch-warning.handler';
import { INTERRUPTED } from '../src/application/record-attempt.handler';
import { connectProducer, publishAuthorization, settle, TopicRecorder, warningAuthorized } from './support/kafka-io';
import { startNotificationApp, type NotificationApp } from './support/notification-app';
import { authorizationFrom, crocusReport, usPersonReport } from './support/reports';
import { WebhookReceiver, type Script } from './support/webhook-receiver';

const RETRY_BASE_MS = 150;
const MAX_ATTEMPTS = 4;

/** Every channel to a partner's HTTP endpoint, with small retry settings so a whole schedule fits in a test. */
describe('notification with the webhook adapter (real Kafka, Postgres and HTTP)', () => {
  let n: NotificationApp;
  let recorder: TopicRecorder;
  let producer: RecordPublisher;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    [recorder, n] = await Promise.all([
      TopicRecorder.start([Topics.notificationEvents, partnerTopic('FBI', 'case-status'), partnerTopic('NCTC', 'case-status')]),
      startNotificationApp('webhook', {
        NOTIFICATION_WEBHOOK_URL: receiver.url,
        NOTIFICATION_POLL_MS: '50',
        NOTIFICATION_RETRY_BASE_MS: String(RETRY_BASE_MS),
        NOTIFICATION_RETRY_MAX_MS: '1000',
        NOTIFICATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        NOTIFICATION_WEBHOOK_TIMEOUT_MS: '2000',
      }),
    ]);
    producer = await connectProducer();
  }, 60_000);

  afterAll(async () => {
    await producer?.disconnect();
    await recorder?.stop();
    await n?.close();
    await receiver?.close();
  });

  async function authorize(script: Script, report = usPersonReport()) {
    const caseId = recorder.watch(randomUUID());
    receiver.script(caseId, script);
    const authorization = warningAuthorized(caseId, authorizationFrom(report));
    await publishAuthorization(producer, authorization);
    const row = await waitFor('the delivery row', async () => (await n.dataSource.query(`SELECT * FROM deliveries WHERE case_id = $1`, [caseId]))[0]);
    return { caseId, authorization, deliveryId: row.delivery_id as string };
  }

  const state = async (deliveryId: string) =>
    (await n.dataSource.query(`SELECT state, attempts FROM deliveries WHERE delivery_id = $1`, [deliveryId]))[0] as { state: string; attempts: number };

  it('Given an endpoint that fails three times, Then three WarningDeliveryFailed, one WarningDelivered and exactly one successful request, all under one key', async () => {
    const { caseId, authorization, deliveryId } = await authorize((count) => ({ status: count <= 3 ? 503 : 200 }));
    const events = await recorder.until('WarningDelivered', () => {
      const mine = recorder.deliveryEvents(caseId, deliveryId);
      return mine.some((e) => e.type === 'WarningDelivered') && mine;
    });
    await settle(1_000);

    const requests = receiver.of(caseId);
    expect(requests.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(requests.map((r) => r.key))).toEqual(new Set([authorization.eventId]));
    expect(requests.every((r) => r.contentType === 'application/json')).toBe(true);
    expect(new Set(requests.map((r) => r.raw)).size).toBe(1); // the same bytes every attempt
    expect(validatePartnerWarning(requests[0].body).ok).toBe(true);
    expect(requests[0].body).toMatchObject({ idempotencyKey: authorization.eventId, warning: { warningId: deliveryId, caseId } });
    // Exponential backoff between attempts: base, 2 x base, 4 x base (the worker polls, so never earlier).
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i].at);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(RETRY_BASE_MS * 2 ** i - 20));

    const all = recorder.deliveryEvents(caseId, deliveryId);
    expect(all.map((e) => e.type)).toEqual(['WarningDispatched', 'WarningDeliveryFailed', 'WarningDeliveryFailed', 'WarningDeliveryFailed', 'WarningDelivered']);
    expect(events[0].data).toMatchObject({ adapter: 'webhook', idempotencyKey: authorization.eventId });
    expect(all.slice(1, 4).map((e) => e.data)).toEqual(
      [1, 2, 3].map((attempts) => ({ deliveryId, adapter: 'webhook', attempts, error: 'HTTP 503 Service Unavailable', final: false })),
    );
    expect(all[4].data).toEqual({ deliveryId, adapter: 'webhook', attempts: 4 });
    // Each event names the one before it, so the log reads as the delivery's story.
    all.slice(1).forEach((e, i) => expect(e.causationId).toBe(all[i].eventId));
    expect(await state(deliveryId)).toEqual({ state: 'DELIVERED', attempts: 4 });
    await recorder.until('WARNED status', () => recorder.on(partnerTopic('FBI', 'case-status'), caseId).find((m) => m.value.status === 'WARNED'));
  }, 60_000);

  it('Given an endpoint that always fails, Then a final WarningDeliveryFailed and ESCALATED; an operator retry delivers it under the same key', async () => {
    let up = false;
    const { caseId, authorization, deliveryId } = await authorize(() => ({ status: up ? 200 : 503 }), crocusReport());
    const failures = await recorder.until('the final failure', () => {
      const failed = recorder.deliveryEvents(caseId, deliveryId).filter((e): e is ForewarnEvent<'WarningDeliveryFailed'> => e.type === 'WarningDeliveryFailed');
      return failed.some((e) => e.data.final) && failed;
    });
    expect(failures.map((e) => [e.data.attempts, e.data.final])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(await state(deliveryId)).toEqual({ state: 'ESCALATED', attempts: MAX_ATTEMPTS });
    await settle(500);
    expect(receiver.of(caseId)).toHaveLength(MAX_ATTEMPTS); // no attempt after escalation

    const worklist = await n.api('/v1/deliveries?state=ESCALATED', ['operator']);
    expect(worklist.body.deliveries).toEqual([expect.objectContaining({ deliveryId, state: 'ESCALATED', attempts: 4, lastError: 'HTTP 503 Service Unavailable' })]);
    await waitFor('the escalated gauge', async () => /forewarn_notification_deliveries_open\{state="ESCALATED",service="notification"\} 1\b/.test(await (await fetch(`${n.url}/metrics`)).text()));

    expect((await n.api(`/v1/deliveries/${deliveryId}/retry`, ['analyst'], { method: 'POST' })).status).toBe(403);
    up = true;
    const retried = await n.api(`/v1/deliveries/${deliveryId}/retry`, ['operator'], { method: 'POST', person: 'olga' });
    expect(retried).toEqual({ status: 202, body: { deliveryId, state: 'PENDING', attemptLimit: MAX_ATTEMPTS * 2 } });
    await recorder.until('WarningDelivered after the retry', () => recorder.deliveryEvents(caseId, deliveryId).find((e) => e.type === 'WarningDelivered'));

    const types = recorder.deliveryEvents(caseId, deliveryId).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['WarningDispatched', 'WarningDelivered']);
    const redispatch = recorder.deliveryEvents(caseId, deliveryId).filter((e) => e.type === 'WarningDispatched')[1] as ForewarnEvent<'WarningDispatched'>;
    expect(redispatch.actor).toMatchObject({ kind: 'person', id: 'olga', roles: ['operator'] });
    expect(redispatch.data.idempotencyKey).toBe(authorization.eventId);
    expect(new Set(receiver.of(caseId).map((r) => r.key))).toEqual(new Set([authorization.eventId]));
    expect(receiver.of(caseId).filter((r) => r.status === 200)).toHaveLength(1);
    expect(await state(deliveryId)).toEqual({ state: 'DELIVERED', attempts: MAX_ATTEMPTS + 1 });
    expect((await n.api(`/v1/deliveries/${deliveryId}/retry`, ['operator'], { method: 'POST' })).body).toMatchObject({ statusCode: 409, code: 'DELIVERY.NOT_ESCALATED' });
  }, 60_000);

  it('Given an endpoint that refuses the warning for good (404), Then escalated at once, not retried', async () => {
    const { caseId, deliveryId } = await authorize(() => ({ status: 404 }));
    const failed = await recorder.until('the failure', () => recorder.deliveryEvents(caseId, deliveryId).find((e) => e.type === 'WarningDeliveryFailed'));
    expect(failed.data).toEqual({ deliveryId, adapter: 'webhook', attempts: 1, error: 'HTTP 404 Not Found', final: true });
    expect(await state(deliveryId)).toEqual({ state: 'ESCALATED', attempts: 1 });
    await settle(600);
    expect(receiver.of(caseId)).toHaveLength(1);
  }, 60_000);

  it('Given a worker that died during the last allowed attempt, Then that attempt counts as failed and the delivery escalates, unsent', async () => {
    const caseId = recorder.watch(randomUUID());
    const authorization = warningAuthorized(caseId, authorizationFrom(usPersonReport()));
    // The state a SIGKILL leaves behind, written in the dispatch's own transaction so no live worker sees it earlier.
    const deliveryId = await n.app.get(EventingRuntime).transact(async (ctx) => {
      const result = await n.app.get(DispatchWarningHandler).dispatchIn(ctx, authorization);
      await ctx.manager.query(
        `UPDATE delivery_schedule SET attempts_started = attempt_limit, lease_token = gen_random_uuid(), lease_until = now() - interval '1 second' WHERE delivery_id = $1`,
        [result.deliveryId],
      );
      return String(result.deliveryId);
    });
    const failed = await recorder.until('the final failure', () => recorder.deliveryEvents(caseId, deliveryId).find((e) => e.type === 'WarningDeliveryFailed'));
    expect(failed.data).toEqual({ deliveryId, adapter: 'webhook', attempts: MAX_ATTEMPTS, error: INTERRUPTED, final: true });
    expect(await state(deliveryId)).toEqual({ state: 'ESCALATED', attempts: MAX_ATTEMPTS });
    await settle(300);
    expect(receiver.of(caseId)).toEqual([]);
  }, 60_000);

  it('Given an endpoint slower than the timeout, Then the attempt fails as a timeout and is retried', async () => {
    const { caseId, deliveryId } = await authorize((count) => (count === 1 ? { status: 200, delayMs: 3_000 } : { status: 200 }));
    const events = await recorder.until('WarningDelivered', () => {
      const mine = recorder.deliveryEvents(caseId, deliveryId);
      return mine.some((e) => e.type === 'WarningDelivered') && mine;
    });
    expect(events.find((e) => e.type === 'WarningDeliveryFailed')?.data).toMatchObject({ attempts: 1, error: 'no answer within 2000 ms', final: false });
    expect(events.find((e) => e.type === 'WarningDelivered')?.data).toMatchObject({ attempts: 2 });
    const metrics = await (await fetch(`${n.url}/metrics`)).text();
    for (const result of ['delivered', 'failed', 'escalated']) {
      expect(metrics).toMatch(new RegExp(`forewarn_notification_deliveries_total\\{adapter="webhook",result="${result}",service="notification"\\} [1-9]`));
    }
  }, 60_000);
});
