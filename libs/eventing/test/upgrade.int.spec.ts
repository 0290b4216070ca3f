import { DataSource } from 'typeorm';
import { createTestDatabase, kafkaAs, ProbeEffects1764100000001, uniqueName, waitFor, type TestDatabase } from '@forewarn/testing';
import { defaultLogger, ensureTopics, EventingRuntime, EventingTables1764100000000, redriveHeaders, serviceDataSourceOptions } from '../src';
import { decodePartnerJson, probeEvent } from './support';

/**
 * A database from before record identities, whose inbox named partner messages by their
 * coordinates alone, meets a new broker: no manual step, every new message at an old offset
 * handled, and a dead letter of that time still re-drivable.
 */
describe('an inbox from before record identities', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let runtime: EventingRuntime;
  const partnerTopic = uniqueName('test.upgrade-partner');
  const eventTopic = uniqueName('test.upgrade-events');
  const partners = `${partnerTopic}.consumer`;
  const events = `${eventTopic}.consumer`;
  const deadLettered = probeEvent('case-upgrade', 1);
  const effects = async (caseId: string) => Number((await ds.query(`SELECT count(*) AS n FROM effects WHERE case_id = $1`, [caseId]))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase('upgrade');
    const options = serviceDataSourceOptions({ url: db.serverUrl, database: db.name, schema: 'public' });
    // The schema as it was: the first eventing migration only, and its rows as the old code wrote them.
    const before = new DataSource({ ...options, migrations: [EventingTables1764100000000, ProbeEffects1764100000001] });
    await before.initialize();
    for (const offset of [0, 1, 2]) {
      await before.query(`INSERT INTO inbox (consumer, message_id, topic, partition, "offset") VALUES ($1, $2, $3, 0, $4)`, [partners, `${partnerTopic}:0:${offset}`, partnerTopic, offset]);
    }
    // An event that consumer dead-lettered then: its claim at the record that failed.
    await before.query(`INSERT INTO inbox (consumer, message_id, topic, partition, "offset") VALUES ($1, $2, $3, 0, 7)`, [events, deadLettered.eventId, eventTopic]);
    await before.destroy();

    ds = new DataSource(serviceDataSourceOptions({ url: db.serverUrl, database: db.name, schema: 'public', migrations: [ProbeEffects1764100000001] }));
    await ds.initialize();
    runtime = new EventingRuntime({ service: 'test-upgrade', kafka: kafkaAs(), dataSource: ds, logger: defaultLogger('test-upgrade') });
    await ensureTopics(runtime.kafka, [partnerTopic, eventTopic], 1);
    const effect = async (m: { id: string; value: { caseId: string } }, ctx: { manager: { query: (q: string, p: unknown[]) => Promise<unknown> } }) => {
      await ctx.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [m.id, m.value.caseId]);
    };
    await runtime.consume<{ caseId: string }>({
      name: partners,
      topics: [partnerTopic],
      decode: decodePartnerJson,
      handle: effect,
    });
    await runtime.consume({ name: events, topics: [eventTopic], handle: effect });
    await runtime.start();
  });

  afterAll(async () => {
    await runtime.stop();
    await ds.destroy();
    await db.drop();
  });

  it('keeps the old claims under their coordinates, which no new identity equals', async () => {
    const rows: { message_id: string; record_id: string }[] = await ds.query(`SELECT message_id, record_id FROM inbox ORDER BY message_id`);
    expect(rows).toEqual(
      expect.arrayContaining([
        { message_id: `${partnerTopic}:0:0`, record_id: `${partnerTopic}:0:0` },
        { message_id: deadLettered.eventId, record_id: `${eventTopic}:0:7` },
      ]),
    );
  });

  it('handles partner messages at offsets the old inbox named', async () => {
    await runtime.producer.send({ topic: partnerTopic, messages: [0, 1, 2].map((n) => ({ key: 'p', value: JSON.stringify({ caseId: `upgrade-partner-${n}` }) })) });
    await waitFor('the three messages to be handled', async () => (await effects('upgrade-partner-0')) + (await effects('upgrade-partner-1')) + (await effects('upgrade-partner-2')) === 3);
  });

  it('re-drives a dead letter of that time (its id was its coordinates) to the consumer that failed it, once', async () => {
    const redrive = { key: deadLettered.caseId, value: JSON.stringify(deadLettered), headers: redriveHeaders({ deadLetterId: `${eventTopic}:0:7`, recordId: `${eventTopic}:0:7`, consumer: events }) };
    await runtime.producer.send({ topic: eventTopic, messages: [redrive, redrive] });
    await waitFor('the re-drive to be handled', async () => (await effects(deadLettered.caseId)) === 1);
    const marker = probeEvent('case-upgrade-marker', 2);
    await runtime.producer.send({ topic: eventTopic, messages: [{ key: marker.caseId, value: JSON.stringify(marker) }] });
    await waitFor('a marker behind it to be handled', async () => (await effects(marker.caseId)) === 1);
    expect(await effects(deadLettered.caseId)).toBe(1);
  });
});
