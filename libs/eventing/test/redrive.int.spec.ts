import { Topics, type DeadLetter, type ForewarnEvent } from '@forewarn/contracts';
import { uniqueName, waitFor } from '@forewarn/testing';
import { NonRetriableError, redriveHeaders, runtimeKafka, type HandlerContext } from '../src';
import { openBackbone, probeEvent, type Backbone } from './support';

/**
 * A dead-lettered event's id stays claimed in the inbox (so a redelivery does not fail it
 * again), yet an operator's re-drive must reach the consumer that dead-lettered it. Every other
 * repeat of the id, and every other consumer of the topic, still skips it.
 */
describe('re-driving a dead letter through the inbox', () => {
  let bb: Backbone;
  let topic: string;
  let picky: string;
  let downstreamUp = false;
  const key = 'case-redrive';
  const event = (by: string, n: number) => {
    const e = probeEvent(key, n);
    return { ...e, data: { ...e.data, acknowledgedBy: by } } as ForewarnEvent;
  };
  const needsDownstream = event('needs-downstream', 1);
  const effect = (label: string) => async (m: { id: string }, ctx: HandlerContext) => {
    await ctx.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [m.id, label]);
  };
  const effects = async (messageId: string, label: string) =>
    Number((await bb.dataSource.query(`SELECT count(*) AS n FROM effects WHERE message_id = $1 AND case_id = $2`, [messageId, label]))[0].n);
  const letters = (n: number) =>
    runtimeKafka(bb.runtime).collect(Topics.deadLetters, (found) => found.length >= n, 30_000, (m) => m.headers?.['original-topic']?.toString() === topic).then((ms) =>
      ms.map((m) => JSON.parse(m.value!.toString()) as DeadLetter),
    );
  const redriveOf = (letter: DeadLetter) => ({ key, value: letter.payload, headers: redriveHeaders({ deadLetterId: letter.deadLetterId, recordId: letter.recordId!, consumer: letter.consumer }, 'test-operator') });

  beforeAll(async () => {
    bb = await openBackbone('redrive');
    topic = uniqueName('test.redrive');
    picky = `${topic}.picky`;
    await bb.runtime.consume({
      name: picky,
      topics: [topic],
      handle: async (m, ctx) => {
        if (m.id === needsDownstream.eventId && !downstreamUp) throw new NonRetriableError('DOWNSTREAM.DOWN: not yet');
        await effect('picky')(m, ctx);
      },
    });
    await bb.runtime.consume({ name: `${topic}.bystander`, topics: [topic], handle: effect('bystander') });
    await bb.runtime.start();
  });

  afterAll(async () => bb.close());

  it('handles a re-drive in the consumer that dead-lettered it, once, and skips every other repeat', async () => {
    await bb.runtime.producer.send({ topic, messages: [{ key, value: JSON.stringify(needsDownstream) }] });
    const [first] = await letters(1);
    expect(first).toMatchObject({ reason: 'REJECTED', consumer: picky, offset: '0' });
    await waitFor('the bystander to handle the event', async () => (await effects(needsDownstream.eventId, 'bystander')) === 1);

    // Re-driven while the downstream is still down: rejected again, as a letter of its own.
    await bb.runtime.producer.send({ topic, messages: [redriveOf(first)] });
    const second = (await letters(2)).find((l) => l.deadLetterId !== first.deadLetterId)!;
    expect(second).toMatchObject({ reason: 'REJECTED', consumer: picky, offset: '1', payload: first.payload });

    downstreamUp = true;
    await bb.runtime.producer.send({ topic, messages: [redriveOf(second)] });
    await waitFor('the re-drive to be handled', async () => (await effects(needsDownstream.eventId, 'picky')) === 1);

    // A plain redelivery, both re-drives repeated after success, then a marker behind them.
    const marker = event('tester', 2);
    await bb.runtime.producer.send({
      topic,
      messages: [{ key, value: JSON.stringify(needsDownstream) }, redriveOf(first), redriveOf(second), { key, value: JSON.stringify(marker) }],
    });
    await waitFor('the marker to be handled by both consumers', async () => (await effects(marker.eventId, 'picky')) === 1 && (await effects(marker.eventId, 'bystander')) === 1);
    expect(await effects(needsDownstream.eventId, 'picky')).toBe(1);
    expect(await effects(needsDownstream.eventId, 'bystander')).toBe(1);
  }, 90_000);
});
