import { randomUUID } from 'node:crypto';
import type { RecordPublisher } from '@forewarn/eventing';
import { partnerTopic, Topics, validatePartnerCaseStatus, validatePartnerWarning, type ForewarnEvent } from '@forewarn/contracts';
import { registerPartners } from '@forewarn/service-testing';
import { findSensitiveLeaks } from '@forewarn/policy';
import { DispatchWarningHandler } from '../src/application/dispatch-warning.handler';
import { EventingRuntime } from '@forewarn/eventing';
import { waitFor } from '@forewarn/testing';
import { connectProducer, publishAuthorization, settle, TopicRecorder, warningAuthorized } from './support/kafka-io';
import { startNotificationApp, type NotificationApp } from './support/notification-app';
import { authorizationFrom, crocusReport, policy, usPersonReport } from './support/reports';

/**
 * The default adapter (no webhook configured): a partner warning on the recipient agency's own
 * topic, through the outbox. The test database lists the demo's agencies: FBI carries the domestic
 * channel, FSB is the Crocus-like target's protector, NCTC and FBI report.
 */
const warningsOf = (agency: string) => partnerTopic(agency, 'warnings');
const statusOf = (agency: string) => partnerTopic(agency, 'case-status');
describe('notification with the kafka adapter (real Kafka and Postgres)', () => {
  let n: NotificationApp;
  let recorder: TopicRecorder;
  let producer: RecordPublisher;

  beforeAll(async () => {
    [recorder, n] = await Promise.all([
      TopicRecorder.start([Topics.notificationEvents, warningsOf('FBI'), warningsOf('FSB'), statusOf('FBI'), statusOf('NCTC')]),
      startNotificationApp('kafka'),
    ]);
    producer = await connectProducer();
  }, 60_000);

  afterAll(async () => {
    await producer?.disconnect();
    await recorder?.stop();
    await n?.close();
  });

  const deliveryRows = (caseId: string) => n.dataSource.query(`SELECT * FROM deliveries WHERE case_id = $1`, [caseId]);

  /** Authorizes a warning and waits for this instance's delivery of it. */
  async function authorize(report = usPersonReport()) {
    const caseId = recorder.watch(randomUUID());
    const authorization = warningAuthorized(caseId, authorizationFrom(report));
    await publishAuthorization(producer, authorization);
    const row = await waitFor('the delivery row', async () => (await deliveryRows(caseId))[0]);
    // Other test files' notification instances read the same topic and may deliver this authorization
    // too, into their own databases: everything below is filtered by this instance's deliveryId.
    const events = await recorder.until('DeliveryPlanned .. WarningDelivered', () => {
      const mine = recorder.deliveryEvents(caseId, row.delivery_id);
      return mine.some((e) => e.type === 'WarningDelivered') && mine;
    });
    const planned = recorder.on(Topics.notificationEvents, caseId).map((m) => m.value as ForewarnEvent).find((e) => e.eventId === events[0].causationId);
    return { caseId, authorization, report, deliveryId: row.delivery_id as string, events, planned: planned as ForewarnEvent<'DeliveryPlanned'> };
  }

  it('Given a US person in the US, Then DeliveryPlanned (domestic law enforcement), WarningDispatched, WarningDelivered and exactly one PartnerWarning carrying the key', async () => {
    const { caseId, authorization, report, deliveryId, events, planned } = await authorize();
    // The domestic channel is FBI's: the warning goes to its topic and no other agency's.

    expect(planned.data.plan.channel).toBe('DOMESTIC_LAW_ENFORCEMENT');
    expect(planned.data.plan.recipient).toEqual({ kind: 'VICTIM', name: 'John Doe' });
    expect(planned.data.facts).toEqual({ target: expect.objectContaining({ usPerson: true, countryCode: 'US' }) });
    expect(planned).toMatchObject({ policyVersion: policy.version, causationId: authorization.eventId, correlationId: authorization.correlationId });

    expect(events.map((e) => e.type)).toEqual(['WarningDispatched', 'WarningDelivered']);
    const [dispatched, delivered] = events as [ForewarnEvent<'WarningDispatched'>, ForewarnEvent<'WarningDelivered'>];
    expect(dispatched.data).toMatchObject({ deliveryId, idempotencyKey: authorization.eventId, adapter: 'kafka', partner: 'FBI' });
    expect(delivered.data).toEqual({ deliveryId, adapter: 'kafka', attempts: 1 });
    expect(delivered.causationId).toBe(dispatched.eventId);
    // Last line of defence: neither the report's secrets nor any marking in what leaves Forewarn.
    expect(findSensitiveLeaks(dispatched.data.text, report.sensitive, policy)).toEqual([]);
    expect(dispatched.data.text).not.toMatch(/SECRET|NOFORN|\(S\/\/NF\)/);

    await settle(); // a duplicate, if one were coming, would be published by now
    const warnings = recorder.on(warningsOf('FBI'), caseId).filter((m) => m.value.warning.warningId === deliveryId);
    expect(recorder.on(warningsOf('FSB'), caseId)).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(validatePartnerWarning(warnings[0].value).ok).toBe(true);
    expect(warnings[0].value).toMatchObject({ idempotencyKey: authorization.eventId, text: dispatched.data.text, warning: dispatched.data.warning });
    expect(warnings[0].headers['idempotency-key']).toBe(authorization.eventId);

    const status = await recorder.until('WARNED status', () => recorder.on(statusOf('FBI'), caseId).find((m) => m.value.status === 'WARNED'));
    expect(validatePartnerCaseStatus(status.value).ok).toBe(true);
    expect(status.value).toMatchObject({ caseId, sourceAgency: 'FBI', reportId: report.reportId });
  }, 60_000);

  it('Given the Crocus-like target (a place in Russia protected by the FSB), Then liaison with the FSB, on its own topic', async () => {
    const { caseId, deliveryId, planned } = await authorize(crocusReport());
    expect(planned.data.plan.channel).toBe('LIAISON');
    expect(planned.data.plan.recipient).toEqual({ kind: 'PROTECTOR', name: 'Federal Security Service (FSB)' });
    const warning = await recorder.until('the partner warning', () =>
      recorder.on(warningsOf('FSB'), caseId).find((m) => m.value.warning.warningId === deliveryId),
    );
    expect(recorder.on(warningsOf('FBI'), caseId)).toEqual([]);
    expect(warning.value.warning).toMatchObject({ channel: 'LIAISON', place: 'Crocus City Hall, Krasnogorsk (RU)' });
    expect(warning.value.text).toContain('To: Federal Security Service (FSB), as those responsible for protecting the intended victim');
    expect(findSensitiveLeaks(warning.value.text, crocusReport().sensitive, policy)).toEqual([]);
  }, 60_000);

  it('Given the same authorization delivered twice (and handled again behind the inbox), Then one delivery and one warning', async () => {
    const first = await authorize();
    await publishAuthorization(producer, first.authorization); // Kafka redelivery / duplicate publish
    await settle();
    expect(await deliveryRows(first.caseId)).toHaveLength(1);

    // Past the inbox (a redrive under another consumer name): the UNIQUE key still says no.
    const outboxBefore = (await n.dataSource.query(`SELECT count(*)::int AS n FROM outbox`))[0].n;
    const again = await n.app.get(EventingRuntime).transact((ctx) => n.app.get(DispatchWarningHandler).dispatchIn(ctx, first.authorization));
    expect(again).toEqual({ deliveryId: null, duplicate: true });
    expect((await n.dataSource.query(`SELECT count(*)::int AS n FROM outbox`))[0].n).toBe(outboxBefore);

    await settle();
    expect(await deliveryRows(first.caseId)).toHaveLength(1);
    const mine = recorder.on(warningsOf('FBI'), first.caseId).filter((m) => m.value.idempotencyKey === first.authorization.eventId);
    expect(mine.filter((m) => m.value.warning.warningId === first.deliveryId)).toHaveLength(1);
    expect(recorder.deliveryEvents(first.caseId, first.deliveryId).filter((e) => e.type === 'WarningDispatched')).toHaveLength(1);
  }, 60_000);

  it('answers the operators console: a case\'s deliveries and the worklist, by role', async () => {
    const { caseId, deliveryId, authorization } = await authorize();
    const byCase = await n.api(`/v1/cases/${caseId}/deliveries`, ['auditor']);
    expect(byCase.status).toBe(200);
    expect(byCase.body.deliveries).toEqual([
      expect.objectContaining({
        deliveryId,
        idempotencyKey: authorization.eventId,
        state: 'DELIVERED',
        attempts: 1,
        channel: 'DOMESTIC_LAW_ENFORCEMENT',
        recipient: { kind: 'VICTIM', name: 'John Doe' },
        adapter: 'kafka',
        deliveredAt: expect.any(String),
        acknowledgement: null,
        text: expect.stringContaining('WARNING OF A THREAT'),
      }),
    ]);
    expect((await n.api(`/v1/cases/${caseId}/deliveries`, ['agency-submitter'])).status).toBe(403);
    expect((await n.api(`/v1/cases/${caseId}/deliveries`)).status).toBe(401);

    const delivered = await n.api(`/v1/deliveries?state=DELIVERED&limit=500`, ['operator']);
    expect(delivered.status).toBe(200);
    expect(delivered.body.deliveries.map((d: { deliveryId: string }) => d.deliveryId)).toContain(deliveryId);
    expect((await n.api(`/v1/deliveries?state=ESCALATED`, ['operator'])).body.deliveries).toEqual([]);
    expect((await n.api(`/v1/deliveries?state=LOST`, ['operator'])).status).toBe(400);
    expect((await n.api(`/v1/deliveries`, ['analyst'])).status).toBe(403);
    expect(byCase.body.deliveries[0].partner).toBe('FBI');

    const metrics = await (await fetch(`${n.url}/metrics`)).text();
    expect(metrics).toMatch(/forewarn_notification_deliveries_total\{adapter="kafka",result="delivered",service="notification"\} [1-9]/);
  }, 60_000);

  it('Given a protector no partner agency answers to, Then the warning is escalated for a person, and delivered once an agency receives it', async () => {
    const report = crocusReport();
    report.target.protector = { name: 'Host National Intelligence', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' };
    const caseId = recorder.watch(randomUUID());
    await publishAuthorization(producer, warningAuthorized(caseId, authorizationFrom(report)));
    const row = await waitFor('the delivery to be escalated', async () => (await deliveryRows(caseId)).find((r: { state: string }) => r.state === 'ESCALATED'));
    expect(row.partner).toBeNull();
    expect(row.last_error).toMatch(/no partner agency receives LIAISON warnings for "Host National Intelligence"/);
    const failed = await recorder.until('WarningDeliveryFailed', () => recorder.deliveryEvents(caseId, row.delivery_id).find((e) => e.type === 'WarningDeliveryFailed'));
    expect(failed.data).toMatchObject({ final: true, attempts: 1 });
    expect(recorder.on(warningsOf('FSB'), caseId)).toEqual([]);

    // No agency to send it to: the operator's retry is refused, and nothing is recorded.
    const refused = await n.api(`/v1/deliveries/${row.delivery_id}/retry`, ['operator'], { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/no partner agency receives/);

    // FSB now answers to that protector too (the registry); the retry delivers it to FSB's topic.
    await registerPartners(n.db, [{ code: 'FSB', name: 'Federal Security Service (FSB)', channels: [], protects: ['Federal Security Service (FSB)', 'Host National Intelligence'] }]);
    const retried = await waitFor('the retry to be accepted', async () => {
      const res = await n.api(`/v1/deliveries/${row.delivery_id}/retry`, ['operator'], { method: 'POST' });
      return res.status === 202 || res.status === 200 ? res : undefined;
    }, 15_000, 500);
    expect(retried.body).toMatchObject({ deliveryId: row.delivery_id, state: 'DELIVERED' });
    const warning = await recorder.until('the warning on FSB\'s topic', () => recorder.on(warningsOf('FSB'), caseId).find((m) => m.value.warning.warningId === row.delivery_id));
    expect(warning.headers['idempotency-key']).toBe(row.idempotency_key);
    expect((await deliveryRows(caseId))[0]).toMatchObject({ state: 'DELIVERED', partner: 'FSB' });
  }, 60_000);
});
