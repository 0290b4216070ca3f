// Runs the COMPILED services and rebuild command: `npx tsc -p tsconfig.build.json` before this file.
import type { RecordPublisher } from '@forewarn/eventing';
import { partnerTopic, type PartnerAcknowledgement, type ThreatReportSubmission } from '@forewarn/contracts';
import { http, makeReport, tokenFor } from '@forewarn/service-testing';
import { waitFor } from '@forewarn/testing';
import { assertBuildIsFresh } from './support/compiled-service';
import { CompiledSystem, type Service } from './support/compiled-system';
import { connectProducer, publish } from './support/kafka-io';
import { usPersonReport } from './support/reports';
import { WebhookReceiver } from './support/webhook-receiver';

type Rebuildable = Exclude<Service, 'audit'>;

/** Each service's read-model table (what `rebuild` truncates and refills) and its key. */
const ReadModels: Record<Rebuildable, { table: string; key: string }> = {
  intake: { table: 'intake.threat_reports', key: 'source_agency, report_id' },
  assessment: { table: 'assessment.cases', key: 'case_id' },
  'waiver-review': { table: 'waiver_review.reviews', key: 'case_id' },
  notification: { table: 'notification.deliveries', key: 'delivery_id' },
};

const people = {
  analyst: tokenFor('ana', ['analyst']),
  otherAnalyst: tokenFor('rita', ['analyst']),
  senior: tokenFor('sid', ['senior-reviewer']),
  legal: tokenFor('lee', ['legal-reviewer']),
  operator: tokenFor('otto', ['operator']),
  // The agency a domestic warning goes to: only it acknowledges.
  fbiDesk: tokenFor('frank', ['agency-submitter'], 'FBI'),
};

/**
 * Issue 4 section 4: each service's read model is dropped and rebuilt from the log, ending
 * identical to the live one. The five services run as processes; cases go through real flows
 * (HTTP and the partner topics) until every read model has rows of every kind. Then, service by
 * service, this test's rows are snapshotted, deleted, rebuilt by the rebuild command and compared
 * column by column; a second rebuild must find the whole tables identical. It lives here because
 * it needs the compiled-process helpers, and one service's tests may not import another service.
 */
describe('rebuilding every service read model from the log', () => {
  const system = new CompiledSystem();
  let receiver: WebhookReceiver;
  let producer: RecordPublisher;
  const caseIds: string[] = [];

  const post = (service: Service, path: string, token: string, body?: unknown) => http(system.urls[service], 'POST', path, token, body);
  // Only this system's events: on the shared broker other runs' services answer this run's events too,
  // and this system's audit log records their answers as well.
  const OURS = `(SELECT message_id FROM intake.outbox UNION ALL SELECT message_id FROM assessment.outbox
    UNION ALL SELECT message_id FROM waiver_review.outbox UNION ALL SELECT message_id FROM notification.outbox)`;
  const logged = async (caseId: string, type: string) =>
    Number((await system.pg.query(`SELECT count(*) AS n FROM audit.case_log WHERE case_id = $1 AND type = $2 AND event_id IN ${OURS}`, [caseId, type])).rows[0].n);
  const until = (caseId: string, type: string, n = 1) => waitFor(`${type} x${n} of ${caseId} in the log`, async () => (await logged(caseId, type)) >= n, 60_000, 200);
  // The delivery of this system's authorization (another run's waiver-review may authorize the case too).
  const MINE = `idempotency_key IN (SELECT message_id FROM waiver_review.outbox)`;
  const deliveryOf = async (caseId: string): Promise<{ deliveryId: string; idempotencyKey: string }> => {
    const [row] = (await system.pg.query(`SELECT delivery_id, idempotency_key FROM notification.deliveries WHERE case_id = $1 AND ${MINE}`, [caseId])).rows;
    return { deliveryId: row.delivery_id, idempotencyKey: row.idempotency_key };
  };

  async function submit(report: ThreatReportSubmission): Promise<string> {
    const res = await post('intake', '/v1/threat-reports', people.analyst, report);
    expect(res.status).toBe(201);
    caseIds.push(res.body.caseId);
    return res.body.caseId;
  }

  async function submitOnPartnerTopic(report: ThreatReportSubmission): Promise<string> {
    await publish(producer, partnerTopic(report.sourceAgency, 'threat-reports'), report.sourceAgency, report);
    const caseId = await waitFor('the partner report', async () =>
      (await system.pg.query(`SELECT case_id::text FROM intake.threat_reports WHERE report_id = $1`, [report.reportId])).rows[0]?.case_id,
    );
    caseIds.push(caseId);
    return caseId;
  }

  async function requestWaiver(caseId: string, codes: string[]): Promise<string> {
    await until(caseId, 'WaiverReviewOpened');
    const res = await post('waiver-review', `/v1/cases/${caseId}/waiver-requests`, people.analyst, { codes, justification: 'Grounds documented in the file.' });
    expect(res.status).toBe(201);
    return res.body.requestId;
  }

  const decide = (caseId: string, requestId: string, decision: 'APPROVE' | 'DENY') =>
    post('waiver-review', `/v1/cases/${caseId}/waiver-requests/${requestId}/decision`, people.senior, { decision, note: `${decision} after review` });

  const usPerson = (patch?: (r: ThreatReportSubmission) => void) => {
    const r = usPersonReport();
    patch?.(r);
    return r;
  };

  beforeAll(async () => {
    assertBuildIsFresh(['services/intake/src', 'services/assessment/src', 'services/waiver-review/src', 'services/notification/src', 'services/audit/src/cli', 'libs/read-model/src']);
    receiver = await WebhookReceiver.start();
    producer = await connectProducer();
    await system.start({
      NOTIFICATION_WEBHOOK_URL: receiver.url,
      NOTIFICATION_ADAPTERS: 'DOMESTIC_LAW_ENFORCEMENT=kafka,DIPLOMATIC=kafka,LIAISON=webhook',
      NOTIFICATION_POLL_MS: '50',
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_MAX_ATTEMPTS: '2',
    });
  }, 120_000);

  afterAll(async () => {
    await producer?.disconnect();
    await system.stop();
    await receiver?.close();
  });

  it('drives cases to every kind of row', async () => {
    const now = new Date().toISOString();

    // Duty, no waiver proposed, delivered on Kafka; acknowledged by a person; then resubmitted (one case).
    const warned = usPerson();
    const a = await submit(warned);
    await until(a, 'WarningDelivered');
    const ackA = await post('notification', `/v1/deliveries/${(await deliveryOf(a)).deliveryId}/acknowledgement`, people.fbiDesk, { note: 'Received by the duty desk' });
    expect(ackA.status).toBe(201);
    expect((await post('intake', '/v1/threat-reports', people.analyst, warned)).body).toEqual({ caseId: a, duplicate: true });

    // No duty: out of scope.
    const b = await submit(makeReport(now, (r) => (r.threat.type = 'CYBER_INTRUSION')));

    // Over the partner topic, credibility undetermined: an analyst assesses it; liaison over the webhook.
    const c = await submitOnPartnerTopic(makeReport(now, (r) => (r.threat.credibility = 'UNDETERMINED')));
    await until(c, 'DutyDetermined');
    expect((await post('assessment', `/v1/cases/${c}/assessment`, people.analyst, { credibility: 'CREDIBLE', specific: true, notes: 'corroborated' })).status).toBe(201);

    // A listed violent actor: a waiver requested and approved.
    const d = await submit(usPerson((r) => (r.indicators = { victimListedViolentActor: true })));
    expect((await decide(d, await requestWaiver(d, ['VIOLENT_ACTOR']), 'APPROVE')).status).toBe(201);

    // Already aware: the waiver denied, so the warning goes out.
    const e = await submit(usPerson((r) => (r.indicators = { victimAlreadyAware: true })));
    expect((await decide(e, await requestWaiver(e, ['ALREADY_AWARE']), 'DENY')).status).toBe(201);

    // Endangers sources: legal concurrence, then approval.
    const f = await submit(usPerson((r) => (r.indicators = { warningEndangersSources: true })));
    const requestF = await requestWaiver(f, ['ENDANGERS_SOURCES']);
    expect((await post('waiver-review', `/v1/cases/${f}/waiver-requests/${requestF}/legal-concurrence`, people.legal, { concurs: true, note: 'concur' })).status).toBe(201);
    expect((await decide(f, requestF, 'APPROVE')).status).toBe(201);

    // Liaison over the webhook: fails, fails for good (escalated), retried by an operator, delivered, acknowledged by the partner
    // (the FSB, the protector: the agency whose acknowledgement counts).
    const g = await submit(makeReport(now, (r) => (r.target.protector = { name: 'Federal Security Service (FSB)', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' })));
    const attempts = new Map<string, number>();
    receiver.script(g, (_n, request) => {
      const n = (attempts.get(request.key ?? '') ?? 0) + 1; // per delivery, should the case get two
      attempts.set(request.key ?? '', n);
      return { status: n === 1 ? 503 : n === 2 ? 404 : 200 };
    });
    await until(g, 'WarningDeliveryFailed', 2);
    const deliveryG = await deliveryOf(g);
    expect((await post('notification', `/v1/deliveries/${deliveryG.deliveryId}/retry`, people.operator)).status).toBe(202);
    await until(g, 'WarningDelivered');
    const partnerAck: PartnerAcknowledgement = { schemaVersion: 1, idempotencyKey: deliveryG.idempotencyKey, acknowledgedBy: 'FSB liaison officer', acknowledgedAt: new Date().toISOString() };
    // From FSB, the agency the liaison warning went to, on its own topic.
    await publish(producer, partnerTopic('FSB', 'acknowledgements'), g, partnerAck);

    // Armed conflict: left open, then escalated by an operator's deadline drill.
    const h = await submit(usPerson((r) => (r.indicators = { armedConflictParticipant: true })));
    await until(h, 'WaiverReviewOpened');
    const drill = await http(system.urls['waiver-review'], 'POST', '/v1/waiver-reviews/escalations', people.operator, { asOf: new Date(Date.now() + 30 * 86_400_000).toISOString() });
    expect(drill.body.escalated).toContain(h);

    await until(a, 'WarningAcknowledged');
    await until(c, 'WarningDelivered');
    await until(e, 'WarningDelivered');
    await until(g, 'WarningAcknowledged');
    await until(b, 'DutyDetermined');
    await waitFor('waiver-review to note the no-duty case', async () =>
      (await system.pg.query(`SELECT 1 FROM waiver_review.reviews WHERE case_id = $1 AND state ? 'duty' AND state ? 'report'`, [b])).rowCount === 1,
    );

    // Every kind of row is there to be rebuilt.
    const values = (rows: unknown[], column: string) => [...new Set(rows.map((r) => (r as Record<string, unknown>)[column]))];
    expect(values(await snapshot('intake'), 'received_via')).toEqual(expect.arrayContaining(['HTTP', 'KAFKA']));
    const cases = (await snapshot('assessment')) as Record<string, unknown>[];
    expect(values(cases, 'state')).toEqual(expect.arrayContaining(['DUTY', 'NO_DUTY']));
    expect(cases.find((r) => r.case_id === c)?.assessment).toMatchObject({ credibility: 'CREDIBLE', by: 'ana' });
    const reviews = (await snapshot('waiver-review')) as Record<string, unknown>[];
    expect(values(reviews, 'status')).toEqual(expect.arrayContaining(['PENDING', 'OPEN', 'WARNING_AUTHORIZED', 'WAIVED']));
    expect(reviews.find((r) => r.case_id === h)?.escalated_at).not.toBeNull();
    const deliveries = (await system.pg.query(`SELECT * FROM notification.deliveries WHERE case_id = ANY($1) AND ${MINE}`, [caseIds])).rows;
    expect(values(deliveries, 'state')).toEqual(['DELIVERED']);
    expect(values(deliveries, 'ack_via')).toEqual(expect.arrayContaining(['API', 'KAFKA', null]));
    expect(deliveries.find((r) => r.case_id === g)).toMatchObject({ attempts: 3, last_error: 'HTTP 404 Not Found', escalated_at: null, ack_by: 'FSB liaison officer' });
  }, 240_000);

  /** This test's rows of a service's read model, every column, in key order. */
  async function snapshot(service: Rebuildable): Promise<unknown[]> {
    const { table, key } = ReadModels[service];
    return (await system.pg.query(`SELECT * FROM ${table} WHERE case_id::text = ANY($1) ORDER BY ${key}`, [caseIds])).rows;
  }

  /** The rebuild command; while the log is still behind what the service did (exit 1), it tries again. */
  async function rebuild(service: Rebuildable): Promise<string> {
    let last = { code: -1, out: '' };
    await waitFor(`${service} rebuild`, async () => (last = await system.rebuild(service)).code !== 1, 60_000, 500).catch(() => undefined);
    if (last.code !== 0) throw new Error(`rebuild --service ${service} exited ${last.code}:\n${last.out}`);
    if (process.env.SHOW_SERVICE_LOGS) console.log(last.out);
    return last.out;
  }

  it.each(Object.keys(ReadModels) as Rebuildable[])('drops and rebuilds the %s read model, identical to the live one', async (service) => {
    const live = await snapshot(service);
    expect(live.length).toBeGreaterThan(0);
    await system.pg.query(`DELETE FROM ${ReadModels[service].table} WHERE case_id::text = ANY($1)`, [caseIds]);
    expect(await snapshot(service)).toEqual([]);

    const out = await rebuild(service);
    expect(out).toMatch(new RegExp(`^${service} rebuild: .* rebuilt from the log`));
    expect(await snapshot(service)).toEqual(live);

    // Again, untouched: the whole table (other runs' cases on the shared broker too) comes back identical.
    expect(await rebuild(service)).toMatch(/identical to the tables it replaced/);
  }, 120_000);

  it('goes on serving the live path after the rebuilds', async () => {
    const caseId = await submit(usPersonReport());
    await until(caseId, 'WarningDelivered');
    await waitFor('the delivery row', async () =>
      (await system.pg.query(`SELECT 1 FROM notification.deliveries WHERE case_id = $1 AND state = 'DELIVERED'`, [caseId])).rowCount === 1,
    );
    const [review] = (await system.pg.query(`SELECT status FROM waiver_review.reviews WHERE case_id = $1`, [caseId])).rows;
    expect(review.status).toBe('WARNING_AUTHORIZED');
  }, 60_000);
});
