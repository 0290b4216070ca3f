import { randomUUID } from 'node:crypto';
import type { RecordPublisher } from '@forewarn/eventing';
import { partnerTopic, Topics, type DeadLetter, type ForewarnEvent, type PartnerAcknowledgement } from '@forewarn/contracts';
import { waitFor } from '@forewarn/testing';
import { connectProducer, publish, publishAuthorization, settle, TopicRecorder, warningAuthorized } from './support/kafka-io';
import { startNotificationApp, type NotificationApp } from './support/notification-app';
import { authorizationFrom, crocusReport, usPersonReport } from './support/reports';
import { WebhookReceiver } from './support/webhook-receiver';

/**
 * Domestic warnings go out on Kafka (delivered at once, to FBI's topic); liaison warnings go to a
 * webhook that this test keeps failing until it chooses, so a delivery can be held PENDING on
 * purpose (their recipient agency is FSB). An agency acknowledges on its own topic.
 */
const acksOf = (agency: string) => partnerTopic(agency, 'acknowledgements');
const statusOf = (agency: string) => partnerTopic(agency, 'case-status');
describe('acknowledgements over the API and the inbound topic (real Kafka and Postgres)', () => {
  let n: NotificationApp;
  let recorder: TopicRecorder;
  let producer: RecordPublisher;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    [recorder, n] = await Promise.all([
      TopicRecorder.start([Topics.notificationEvents, statusOf('FBI'), statusOf('NCTC'), Topics.deadLetters]),
      startNotificationApp('acks', {
        NOTIFICATION_WEBHOOK_URL: receiver.url,
        NOTIFICATION_ADAPTERS: 'DOMESTIC_LAW_ENFORCEMENT=kafka,DIPLOMATIC=kafka,LIAISON=webhook',
        NOTIFICATION_POLL_MS: '50',
        NOTIFICATION_RETRY_BASE_MS: '100',
        NOTIFICATION_RETRY_MAX_MS: '200',
        NOTIFICATION_MAX_ATTEMPTS: '1000',
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

  async function authorize(report = usPersonReport()) {
    const caseId = recorder.watch(randomUUID());
    const authorization = warningAuthorized(caseId, authorizationFrom(report));
    await publishAuthorization(producer, authorization);
    const row = await waitFor('the delivery row', async () => (await n.dataSource.query(`SELECT * FROM deliveries WHERE case_id = $1`, [caseId]))[0]);
    return { caseId, authorization, deliveryId: row.delivery_id as string };
  }

  const acknowledgements = (caseId: string, deliveryId: string) =>
    recorder.deliveryEvents(caseId, deliveryId).filter((e): e is ForewarnEvent<'WarningAcknowledged'> => e.type === 'WarningAcknowledged');
  const partnerAck = (idempotencyKey: string, acknowledgedBy: string): PartnerAcknowledgement => ({
    schemaVersion: 1,
    idempotencyKey,
    acknowledgedBy,
    acknowledgedAt: new Date().toISOString(),
  });

  it('Given a delivered warning, When a person acknowledges it twice, Then one WarningAcknowledged (API) and the repeat returns the first', async () => {
    const { caseId, deliveryId } = await authorize();
    const path = `/v1/deliveries/${deliveryId}/acknowledgement`;
    expect((await n.api(path, ['operator'], { method: 'POST', body: {} })).status).toBe(403);
    // Only the agency it went to (FBI) acknowledges it: not the duty desk, nor another agency.
    expect((await n.api(path, ['analyst'], { method: 'POST', body: {} })).body).toMatchObject({ code: 'DELIVERY.NOT_THE_RECIPIENT', message: expect.stringContaining('only FBI may acknowledge it') });
    expect((await n.api(path, ['agency-submitter'], { method: 'POST', body: {}, org: 'CISA' })).status).toBe(404);

    const first = await n.api(path, ['agency-submitter'], { method: 'POST', body: { note: 'Received by the duty desk' }, person: 'bob', org: 'FBI' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ deliveryId, recorded: true, acknowledgement: { by: 'bob', via: 'API', at: expect.any(String), note: 'Received by the duty desk' } });
    const again = await n.api(path, ['analyst'], { method: 'POST', body: {}, person: 'carol', org: 'FBI' });
    expect(again).toEqual({ status: 200, body: { ...first.body, recorded: false } });

    const [ack] = await recorder.until('WarningAcknowledged', () => acknowledgements(caseId, deliveryId).length > 0 && acknowledgements(caseId, deliveryId));
    expect(ack.data).toEqual({ deliveryId, via: 'API', acknowledgedBy: 'bob' });
    expect(ack.actor).toMatchObject({ kind: 'person', id: 'bob', roles: ['agency-submitter'] });
    await recorder.until('ACKNOWLEDGED status', () => recorder.on(statusOf('FBI'), caseId).find((m) => m.value.status === 'ACKNOWLEDGED'));
    await settle(1_000);
    expect(acknowledgements(caseId, deliveryId)).toHaveLength(1);

    const view = await n.api(`/v1/cases/${caseId}/deliveries`, ['analyst']);
    expect(view.body.deliveries[0].acknowledgement).toMatchObject({ by: 'bob', via: 'API', note: 'Received by the duty desk' });
    expect((await n.api(`/v1/deliveries/${randomUUID()}/acknowledgement`, ['analyst'], { method: 'POST', body: {} })).status).toBe(404);
    expect((await n.api(`/v1/deliveries/not-a-uuid/acknowledgement`, ['analyst'], { method: 'POST', body: {} })).status).toBe(400);
  }, 60_000);

  it('Given a delivered warning, When the agency it went to acknowledges on its own topic (twice), Then one WarningAcknowledged (KAFKA)', async () => {
    const { caseId, authorization, deliveryId } = await authorize();
    const ack = partnerAck(authorization.eventId, 'Michigan State Police duty officer');
    await publish(producer, acksOf('FBI'), caseId, ack);
    await publish(producer, acksOf('FBI'), caseId, { ...ack, acknowledgedAt: new Date().toISOString() });
    const [event] = await recorder.until('WarningAcknowledged', () => acknowledgements(caseId, deliveryId).length > 0 && acknowledgements(caseId, deliveryId));
    expect(event.data).toEqual({ deliveryId, via: 'KAFKA', acknowledgedBy: 'Michigan State Police duty officer' });
    await settle();
    expect(acknowledgements(caseId, deliveryId)).toHaveLength(1);
    const row = (await n.dataSource.query(`SELECT acknowledged_at FROM delivery_acknowledgements WHERE delivery_id = $1`, [deliveryId]))[0];
    expect(new Date(row.acknowledged_at).toISOString()).toBe(new Date(ack.acknowledgedAt).toISOString()); // the first one stands
  }, 60_000);

  it('Given a delivery not yet delivered, Then a person gets 409, and a partner acknowledgement is held until DELIVERED is recorded', async () => {
    let up = false;
    const caseId = recorder.watch(randomUUID());
    receiver.script(caseId, () => ({ status: up ? 200 : 503 }));
    const authorization = warningAuthorized(caseId, authorizationFrom(crocusReport()));
    await publishAuthorization(producer, authorization);
    const { delivery_id: deliveryId } = await waitFor('a failed attempt', async () =>
      (await n.dataSource.query(`SELECT * FROM deliveries WHERE case_id = $1 AND attempts > 0`, [caseId]))[0],
    );

    const early = await n.api(`/v1/deliveries/${deliveryId}/acknowledgement`, ['analyst'], { method: 'POST', body: {}, org: 'FSB' });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'DELIVERY.NOT_DELIVERED' });

    await publish(producer, acksOf('FSB'), caseId, partnerAck(authorization.eventId, 'FSB liaison officer'));
    const held = await waitFor('the held acknowledgement', async () => {
      const view = (await n.api(`/v1/cases/${caseId}/deliveries`, ['operator'])).body.deliveries[0];
      return view.acknowledgementHeld && view;
    });
    expect(held).toMatchObject({ state: 'PENDING', acknowledgement: null });
    expect(acknowledgements(caseId, deliveryId)).toEqual([]);

    up = true;
    await recorder.until('WarningAcknowledged', () => acknowledgements(caseId, deliveryId).length > 0);
    const events = recorder.deliveryEvents(caseId, deliveryId);
    const delivered = events.find((e) => e.type === 'WarningDelivered');
    const [ack] = acknowledgements(caseId, deliveryId);
    expect(ack.data).toEqual({ deliveryId, via: 'KAFKA', acknowledgedBy: 'FSB liaison officer' });
    expect(ack.causationId).toBe(delivered?.eventId); // recorded right after, never before, delivery
    const statuses = await recorder.until('WARNED then ACKNOWLEDGED', () => {
      const s = recorder.on(statusOf('NCTC'), caseId).map((m) => m.value.status);
      return s.includes('ACKNOWLEDGED') && s;
    });
    // Another test file's instance may also warn this (shared) case; the order is what matters here.
    expect(statuses.indexOf('WARNED')).toBeGreaterThanOrEqual(0);
    expect(statuses.indexOf('WARNED')).toBeLessThan(statuses.indexOf('ACKNOWLEDGED'));
  }, 60_000);

  it('Given acknowledgements that break the contract or name no delivery, Then they are dead-lettered with the reason', async () => {
    const key = recorder.watch(randomUUID());
    const malformed = JSON.stringify({ schemaVersion: 1, idempotencyKey: 'k', acknowledgedAt: 'yesterday' });
    await publish(producer, acksOf('FBI'), key, malformed);
    const unknownKey = partnerAck(randomUUID(), 'someone');
    await publish(producer, acksOf('FBI'), key, unknownKey);

    const letters = () =>
      recorder
        .on(Topics.deadLetters, key)
        .map((m) => m.value as DeadLetter)
        .filter((l) => l.consumer === 'notification.partner-acknowledgements');
    const invalid = await recorder.until('the schema dead letter', () => letters().find((l) => l.reason === 'SCHEMA_INVALID'));
    expect(invalid).toMatchObject({ originalTopic: acksOf('FBI'), payload: malformed, key });
    expect(invalid.errors).toEqual(expect.arrayContaining([expect.stringContaining('acknowledgedBy'), expect.stringContaining('/acknowledgedAt')]));
    const rejected = await recorder.until('the rejected dead letter', () => letters().find((l) => l.reason === 'REJECTED'));
    expect(rejected.errors).toEqual([`no delivery with idempotency key ${unknownKey.idempotencyKey}`]);
  }, 60_000);

  it('Given a warning that went to FBI, When another agency acknowledges it on its own topic, Then it is refused (dead-lettered) and the case stays unacknowledged', async () => {
    const { caseId, authorization, deliveryId } = await authorize();
    await publish(producer, acksOf('STATE'), caseId, partnerAck(authorization.eventId, 'someone at State'));
    const letter = await recorder.until('the refused acknowledgement', () =>
      recorder
        .on(Topics.deadLetters, caseId)
        .map((m) => m.value as DeadLetter)
        .find((l) => l.consumer === 'notification.partner-acknowledgements' && l.reason === 'REJECTED'),
    );
    expect(letter.originalTopic).toBe(acksOf('STATE'));
    expect(letter.errors).toEqual([`STATE acknowledged delivery ${deliveryId}, which went to FBI; only FBI may acknowledge it`]);
    await settle();
    expect(acknowledgements(caseId, deliveryId)).toEqual([]);
    expect(recorder.on(statusOf('FBI'), caseId).map((m) => m.value.status)).not.toContain('ACKNOWLEDGED');
    const view = (await n.api(`/v1/cases/${caseId}/deliveries`, ['operator'])).body.deliveries[0];
    expect(view).toMatchObject({ partner: 'FBI', acknowledgement: null, acknowledgementHeld: false });
  }, 60_000);
});
