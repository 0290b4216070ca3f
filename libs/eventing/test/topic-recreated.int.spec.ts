import { uniqueName, waitFor } from '@forewarn/testing';
import { runtimeKafka, runtimePublisher, type KafkaAdminPort } from '../src';
import { decodePartnerJson, openBackbone, type Backbone } from './support';

/**
 * A topic deleted and re-created under a running consumer: Kafka drops the group's committed
 * offsets, but the member still holds its old position. Whether the new log stays below that
 * position or grows past it before the member looks, every new record must be handled.
 */
describe('a topic deleted and re-created under a running consumer', () => {
  let bb: Backbone;
  let admin: KafkaAdminPort;

  const effects = async (prefix: string) => Number((await bb.dataSource.query(`SELECT count(*) AS n FROM effects WHERE case_id LIKE $1`, [`${prefix}%`]))[0].n);
  const kinds = async (consumer: string) =>
    ((await bb.dataSource.query(`SELECT kind FROM consumer_log_replacements WHERE consumer = $1`, [consumer])) as { kind: string }[]).map((r) => r.kind);
  const send = (topic: string, prefix: string, n: number) =>
    runtimePublisher(bb.runtime).send({ topic, messages: Array.from({ length: n }, (_, i) => ({ key: 'k', value: JSON.stringify({ caseId: `${prefix}-${i}` }) })) });

  const consume = async (topic: string) => {
    const name = `${topic}.consumer`;
    return bb.runtime.consume<{ caseId: string }>({
      name,
      topics: [topic],
      positionAuditMs: 1_000,
      decode: decodePartnerJson,
      handle: async (m, ctx) => {
        await ctx.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [m.id, m.value.caseId]);
      },
    });
  };

  const recreate = async (topic: string) => {
    await admin.deleteTopics([topic]);
    await waitFor(`${topic} to be gone`, async () => !(await admin.listTopics()).includes(topic));
    await waitFor(`${topic} to be created again`, async () => admin.createTopic(topic, 1).then(() => true), 30_000, 500);
  };

  beforeAll(async () => {
    bb = await openBackbone('topic_recreated', { relay: false });
    await bb.runtime.start();
    admin = await runtimeKafka(bb.runtime).admin();
  });

  afterAll(async () => {
    await admin.close();
    await bb.close();
  });

  it.each([
    ['stays below the old position', 3],
    ['grows past the old position', 8],
  ])('handles every record of the new log when it %s', async (_case, after) => {
    const topic = uniqueName('test.recreated');
    await runtimeKafka(bb.runtime).ensureTopics([topic], 1);
    await consume(topic);
    await send(topic, `${topic}-old`, 5);
    await waitFor('the old log to be handled', async () => (await effects(`${topic}-old`)) === 5);

    await recreate(topic);
    await send(topic, `${topic}-new`, after);
    await waitFor(`the ${after} records of the new log to be handled`, async () => (await effects(`${topic}-new`)) === after, 60_000, 250);
    expect(await effects(topic)).toBe(5 + after);
    expect((await kinds(`${topic}.consumer`)).length).toBeGreaterThan(0);
  }, 120_000);

  // The group coordinator drops a deleted topic's offsets a moment after the topic is gone: a member
  // that (re)joins in between resumes the new log at the old position, with an offset committed.
  it('handles every record of the new log when the old offset was still committed at the (re)join', async () => {
    const topic = uniqueName('test.recreated');
    await runtimeKafka(bb.runtime).ensureTopics([topic], 1);
    const before = await consume(topic);
    await send(topic, `${topic}-old`, 5);
    await waitFor('the old log to be handled', async () => (await effects(`${topic}-old`)) === 5);
    await before.stop();

    await recreate(topic);
    await send(topic, `${topic}-new`, 8);
    const groupId = `${process.env.FOREWARN_GROUP_PREFIX ?? ''}${topic}.consumer`;
    await admin.setGroupOffsets(groupId, topic, [{ partition: 0, offset: '5' }]);
    await consume(topic);
    await waitFor('the 8 records of the new log to be handled', async () => (await effects(`${topic}-new`)) === 8, 60_000, 250);
    expect(await effects(topic)).toBe(13);
    expect(await kinds(`${topic}.consumer`)).toEqual(['offset-reused']);
  }, 120_000);
});
