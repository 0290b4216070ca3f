import { Principals, Topics, type DeadLetter, type ForewarnEvent, type Grant } from '@forewarn/contracts';
import { eventingMetrics, kafkaPort, NonRetriableError, newEvent, runtimeKafka, runtimePublisher } from '../src';
import { kafkaAs, uniqueName, waitFor } from '@forewarn/testing';
import { openBackbone, probeEvent, type Backbone } from './support';

/**
 * Poison messages go to the dead-letter topic with their reason, original topic, partition,
 * offset and payload, and the partition keeps flowing behind them. Old event versions are
 * upcast on read.
 */
describe('dead letters, retries and upcasting', () => {
  let bb: Backbone;
  let topic: string;
  const handled: ForewarnEvent[] = [];
  const attempts = new Map<string, number>();
  const key = 'case-poison';

  beforeAll(async () => {
    bb = await openBackbone('dead_letters');
    topic = uniqueName('test.dead-letters');
    await bb.runtime.consume({
      name: `${topic}.consumer`,
      topics: [topic],
      backoff: { initialMs: 10, maxMs: 50, maxAttempts: 3 },
      handle: async (m, ctx) => {
        const n = (attempts.get(m.id) ?? 0) + 1;
        attempts.set(m.id, n);
        if (m.value.type === 'WarningAcknowledged' && m.value.data.acknowledgedBy === 'always-fails') throw new Error('downstream unavailable');
        if (m.value.type === 'WarningAcknowledged' && m.value.data.acknowledgedBy === 'flaky' && n < 3) throw new Error('transient glitch');
        if (m.value.type === 'WarningAcknowledged' && m.value.data.acknowledgedBy === 'rejected') throw new NonRetriableError('WAIVER.ALREADY_DECIDED: case closed');
        await ctx.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [m.id, m.value.caseId]);
        handled.push(m.value);
      },
    });
    await bb.runtime.start();
  });

  afterAll(async () => bb.close());

  const ack = (by: string, n: number) => {
    const e = probeEvent(key, n);
    return { ...e, data: { ...e.data, acknowledgedBy: by } } as ForewarnEvent;
  };

  it('dead-letters poison messages with their reason while later messages on the partition flow', async () => {
    const first = ack('tester', 1);
    const flaky = ack('flaky', 2);
    const keepsFailing = ack('always-fails', 3);
    const rejected = ack('rejected', 4);
    const badData = { ...ack('tester', 5), data: { deliveryId: 'd-5', via: 'CARRIER_PIGEON' } };
    const last = ack('tester', 6);
    const producer = runtimePublisher(bb.runtime);
    await producer.send({
      topic,
      messages: [first, 'this is not json', flaky, keepsFailing, badData, rejected, last].map((v) => ({
        key,
        value: typeof v === 'string' ? v : JSON.stringify(v),
      })),
    });

    await waitFor('the last message to be handled', async () => handled.some((e) => e.eventId === last.eventId));
    // Effects committed in the handler's transaction, in partition order (the in-memory list
    // also sees attempts that rolled back, so the database is the witness).
    const effects: { message_id: string }[] = await bb.dataSource.query(`SELECT message_id FROM effects WHERE case_id = $1 ORDER BY id`, [key]);
    expect(effects.map((e) => e.message_id)).toEqual([first.eventId, flaky.eventId, last.eventId]);
    expect(attempts.get(flaky.eventId)).toBe(3); // failed twice, retried with backoff, then succeeded
    expect(attempts.get(keepsFailing.eventId)).toBe(3); // maxAttempts, then dead-lettered
    expect(attempts.get(rejected.eventId)).toBe(1); // never retried

    const letters = (
      await runtimeKafka(bb.runtime).collect(Topics.deadLetters, (found) => found.length >= 4, 30_000, (m) =>
        m.headers?.['original-topic']?.toString() === topic,
      )
    ).map((m) => JSON.parse(m.value!.toString()) as DeadLetter);
    const byPayload = (needle: string) => letters.find((l) => l.payload.includes(needle))!;

    expect(letters).toHaveLength(4);
    const notJson = byPayload('this is not json');
    expect(notJson).toMatchObject({ reason: 'SCHEMA_INVALID', originalTopic: topic, key, offset: '1' });
    expect(notJson.errors[0]).toMatch(/value is not JSON/);
    // Which consumer failed which record: its coordinates and a digest of its content.
    expect(notJson.recordId).toMatch(new RegExp(`^${topic.replace(/\./g, '\\.')}:${notJson.partition}:1:[0-9a-f]{32}$`));
    expect(notJson.deadLetterId).toBe(`${notJson.consumer}@${notJson.recordId}`);

    const invalid = byPayload('CARRIER_PIGEON');
    expect(invalid.reason).toBe('SCHEMA_INVALID');
    expect(invalid.errors.join('\n')).toMatch(/data\/via: must be equal to one of the allowed values \(API, KAFKA\)/);
    expect(invalid.errors.join('\n')).toMatch(/data: must have required property 'acknowledgedBy'/);

    expect(byPayload(keepsFailing.eventId)).toMatchObject({ reason: 'RETRIES_EXHAUSTED', attempts: 3, errors: ['downstream unavailable'] });
    expect(byPayload(rejected.eventId)).toMatchObject({ reason: 'REJECTED', attempts: 1, errors: ['WAIVER.ALREADY_DECIDED: case closed'] });
  }, 60_000);

  it('waits out a broker that refuses its dead letters, with no consumer restart, and sends them once it accepts', async () => {
    const consumer = `${topic}.consumer`;
    const restarts = async () => (await eventingMetrics.consumerRestarts.get()).values.filter((v) => v.labels.consumer === consumer).reduce((n, v) => n + v.value, 0);
    const failures = async () => (await eventingMetrics.deadLetterPublishFailures.get()).values.filter((v) => v.labels.consumer === consumer).reduce((n, v) => n + v.value, 0);
    const before = { restarts: await restarts(), failures: await failures() };
    // The broker itself refuses: a DENY on the dead-letter topic for the suite's principal, a
    // non-retriable authorization error, the kind that used to crash the consumer.
    const admin = await kafkaPort('dl-deny', kafkaAs(Principals.admin)).admin();
    const deny: Grant[] = [{ principal: Principals.test, resource: 'Topic', name: Topics.deadLetters, pattern: 'Literal', operations: ['Write'] }];
    await admin.createAcls(deny, 'Deny');
    try {
      const poison = `not json, refused ${Date.now()}`;
      const after = ack('tester', 7);
      await runtimePublisher(bb.runtime).send({ topic, messages: [{ key, value: poison }, { key, value: JSON.stringify(after) }] });
      await waitFor('the letter to be refused twice', async () => (await failures()) >= before.failures + 2, 30_000);
      expect(handled.some((e) => e.eventId === after.eventId)).toBe(false);
      await admin.deleteAcls(deny, 'Deny');

      await waitFor('the message behind it to be handled', async () => handled.some((e) => e.eventId === after.eventId), 30_000);
      const letters = await runtimeKafka(bb.runtime).collect(Topics.deadLetters, (found) => found.length >= 1, 30_000, (m) => m.value!.toString().includes(poison));
      expect(letters).toHaveLength(1);
      expect(await restarts()).toBe(before.restarts);
    } finally {
      await admin.deleteAcls(deny, 'Deny');
      await admin.close();
    }
  }, 90_000);

  it('reads an old schema version as the current one, through its upcaster', async () => {
    const current = newEvent(
      'ThreatReported',
      'case-upcast',
      {
        receivedVia: 'HTTP',
        receivedAt: '2026-01-01T00:00:00.000Z',
        report: {
          sourceAgency: 'NCTC',
          reportId: 'R-1',
          reportedAt: '2026-01-01T00:00:00.000Z',
          threat: { type: 'KIDNAPPING', description: 'planned abduction', credibility: 'CREDIBLE' },
          target: { kind: 'PERSON', description: 'a journalist', usPerson: true, countryCode: 'US' },
          releasableSummary: 'A journalist may be abducted.',
          sensitive: { classification: 'SECRET', sources: [], methods: [] },
        },
      },
      { producer: { service: 'intake', version: '0.0.1' }, actor: { kind: 'service', id: 'intake' } },
    );
    const { receivedVia: _dropped, ...v1Data } = current.data;
    const v1 = { ...current, schemaVersion: 1, data: v1Data };
    await runtimePublisher(bb.runtime).send({ topic, messages: [{ key: 'case-upcast', value: JSON.stringify(v1) }] });

    const seen = await waitFor('the v1 event to be handled', async () => handled.find((e) => e.eventId === v1.eventId));
    expect(seen.schemaVersion).toBe(2);
    expect(seen.type === 'ThreatReported' && seen.data.receivedVia).toBe('HTTP');
  }, 30_000);
});
