import type { ForewarnEvent } from '@forewarn/contracts';
import { uniqueName, waitFor } from '@forewarn/testing';
import { sleep } from '../src';
import { openBackbone, probeEvent, type Backbone } from './support';

/**
 * On a loaded machine a batch can outlast the consumer's session timeout: the group moves on
 * without it and its offset commit is refused. The consumer must rejoin and go on consuming
 * (the redelivered messages found in the inbox), not stop for good while its service still
 * reports ready.
 */
describe('a consumer dropped from its group mid-batch', () => {
  const sessionTimeoutMs = 6_000; // the broker's default minimum
  let bb: Backbone;
  let topic: string;
  let slowOnce = true;
  const key = 'case-rejoin';
  const event = (by: string, n: number) => {
    const e = probeEvent(key, n);
    return { ...e, data: { ...e.data, acknowledgedBy: by } } as ForewarnEvent;
  };
  const effects = async (messageId: string) => Number((await bb.dataSource.query(`SELECT count(*) AS n FROM effects WHERE message_id = $1`, [messageId]))[0].n);

  beforeAll(async () => {
    bb = await openBackbone('group_rejoin');
    topic = uniqueName('test.rejoin');
    await bb.runtime.consume({
      name: `${topic}.consumer`,
      topics: [topic],
      sessionTimeoutMs,
      handle: async (m, ctx) => {
        // No heartbeat while this runs: the coordinator drops the member.
        if (m.value.type === 'WarningAcknowledged' && m.value.data.acknowledgedBy === 'slow' && slowOnce) {
          slowOnce = false;
          await sleep(sessionTimeoutMs + 4_000);
        }
        await ctx.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [m.id, m.value.caseId]);
      },
    });
    await bb.runtime.start();
  });

  afterAll(async () => bb.close());

  it('rejoins and handles what comes next, each message once', async () => {
    const slow = event('slow', 1);
    await bb.runtime.producer.send({ topic, messages: [{ key, value: JSON.stringify(slow) }] });
    await waitFor('the slow message to be handled', async () => (await effects(slow.eventId)) === 1, 30_000);

    const next = event('tester', 2);
    await bb.runtime.producer.send({ topic, messages: [{ key, value: JSON.stringify(next) }] });
    await waitFor('the next message to be handled', async () => (await effects(next.eventId)) === 1, 45_000);
    expect(await effects(slow.eventId)).toBe(1);
  }, 90_000);
});
