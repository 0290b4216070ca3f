import { Catch, Controller, Injectable, Module, UseFilters, UseInterceptors, type CallHandler, type ExecutionContext, type INestApplication, type NestInterceptor, type RpcExceptionFilter } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload, type MicroserviceOptions } from '@nestjs/microservices';
import { throwError, tap, type Observable } from 'rxjs';
import { Topics, type DeadLetter, type ForewarnEvent } from '@forewarn/contracts';
import { uniqueName, waitFor } from '@forewarn/testing';
import { ANY_EVENT, EventingRuntime, EventTransport, newEvent, NonRetriableError, runtimeKafka, type EventConsumer, type EventContext } from '../src';
import { openBackbone, probeEvent, type Backbone } from './support';

/**
 * Event handlers as Nest handlers: `@EventPattern` methods of a controller, run by the inbox
 * consumers through the EventTransport of a hybrid app, with Nest's interceptors and exception
 * filters around them, the handler's effects and the inbox row in one transaction, and HTTP's
 * guards kept out of it.
 */
describe('the event transport', () => {
  const topic = uniqueName('test.transport');
  const acks: EventConsumer = { name: `${topic}.acks`, topics: [topic], backoff: { initialMs: 10, maxMs: 50, maxAttempts: 3 } };
  const everything: EventConsumer = { name: `${topic}.everything`, topics: [topic] };
  const seen: { handler: string; eventId: string; consumer: string; intercepted: boolean }[] = [];
  const batches: number[] = [];
  let interceptedNow = false;

  class Refused extends Error {}

  /** The service's own rule for its own errors: here, a refusal is not worth a retry. */
  @Catch()
  class RefusalFilter implements RpcExceptionFilter<unknown> {
    catch(exception: unknown): Observable<never> {
      return throwError(() => (exception instanceof Refused ? new NonRetriableError(`REFUSED: ${exception.message}`, 'TEST.REFUSED') : exception));
    }
  }

  @Injectable()
  class Marking implements NestInterceptor {
    intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
      interceptedNow = true;
      return next.handle().pipe(tap({ finalize: () => (interceptedNow = false) }));
    }
  }

  /** HTTP's guard of every route; events are not requests and must not meet it. */
  @Injectable()
  class DenyEverything {
    canActivate(): boolean {
      return false;
    }
  }

  @Controller()
  @UseInterceptors(Marking)
  @UseFilters(RefusalFilter)
  class ProbeEvents {
    @EventPattern<string>('WarningAcknowledged', { consumer: acks })
    async acknowledged(@Payload() event: ForewarnEvent<'WarningAcknowledged'>, @Ctx() ctx: EventContext): Promise<void> {
      seen.push({ handler: 'acknowledged', eventId: event.eventId, consumer: ctx.message.topic === topic ? acks.name : '?', intercepted: interceptedNow });
      if (event.data.acknowledgedBy === 'refuse') throw new Refused('not this one');
      await ctx.transaction.manager.query('INSERT INTO effects (message_id, case_id) VALUES ($1, $2)', [event.eventId, event.caseId]);
    }

    @EventPattern<string>('WarningDelivered', { consumer: acks })
    delivered(@Payload() event: ForewarnEvent<'WarningDelivered'>, @Ctx() ctx: EventContext): void {
      seen.push({ handler: 'delivered', eventId: event.eventId, consumer: acks.name, intercepted: interceptedNow });
      void ctx;
    }

    @EventPattern<string>(ANY_EVENT, { consumer: everything, batch: true })
    all(@Payload() events: ForewarnEvent[], @Ctx() ctx: EventContext): void {
      batches.push(events.length);
      expect(ctx.messages.map((m) => m.id)).toEqual(events.map((e) => e.eventId));
      for (const e of events) seen.push({ handler: 'all', eventId: e.eventId, consumer: everything.name, intercepted: interceptedNow });
    }
  }

  let bb: Backbone;
  let app: INestApplication;

  beforeAll(async () => {
    bb = await openBackbone('transport');
    @Module({
      controllers: [ProbeEvents],
      providers: [{ provide: EventingRuntime, useValue: bb.runtime }, EventTransport, { provide: APP_GUARD, useClass: DenyEverything }],
    })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.connectMicroservice<MicroserviceOptions>({ strategy: app.get(EventTransport) });
    await app.startAllMicroservices();
    await app.init();
    await bb.runtime.start();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await bb?.close();
  });

  it('routes each type to its method, once per consumer, inside interceptors, and leaves HTTP guards out', async () => {
    const key = 'case-routes';
    const first = probeEvent(key, 1);
    const delivered = newEvent('WarningDelivered', key, { deliveryId: 'd-9', adapter: 'kafka', attempts: 1 }, { producer: { service: 't', version: '0' }, actor: { kind: 'service', id: 't' } });
    await bb.runtime.producer.send({ topic, messages: [first, delivered, first].map((e) => ({ key, value: JSON.stringify(e) })) });

    await waitFor('both consumers to be done', async () => seen.filter((s) => s.handler === 'all').length >= 2 && seen.some((s) => s.handler === 'delivered'));
    // The same event sent twice is handled once per consumer: the second is the inbox's duplicate.
    expect(seen.filter((s) => s.handler === 'acknowledged' && s.eventId === first.eventId)).toEqual([{ handler: 'acknowledged', eventId: first.eventId, consumer: acks.name, intercepted: true }]);
    expect(seen.filter((s) => s.handler === 'delivered')).toEqual([{ handler: 'delivered', eventId: delivered.eventId, consumer: acks.name, intercepted: true }]);
    expect(seen.filter((s) => s.handler === 'all').map((s) => s.eventId).sort()).toEqual([first.eventId, delivered.eventId].sort());
    expect(seen.every((s) => s.intercepted)).toBe(true);
    // The batch handler had whole chunks: the three records in at most three calls, the duplicate left out.
    expect(batches.reduce((a, b) => a + b, 0)).toBe(2);

    const effects: { message_id: string }[] = await bb.dataSource.query(`SELECT message_id FROM effects WHERE case_id = $1`, [key]);
    expect(effects.map((e) => e.message_id)).toEqual([first.eventId]);
    const inbox: { consumer: string; n: number }[] = await bb.dataSource.query(
      `SELECT consumer, count(*)::int AS n FROM inbox WHERE consumer IN ($1, $2) GROUP BY consumer ORDER BY consumer`,
      [acks.name, everything.name],
    );
    expect(inbox).toEqual([
      { consumer: acks.name, n: 2 },
      { consumer: everything.name, n: 2 },
    ]);
  }, 60_000);

  it("dead-letters what an exception filter turns non-retriable, at the first attempt, and moves on", async () => {
    const key = 'case-refused';
    const refused = { ...probeEvent(key, 2), data: { deliveryId: 'd-2', via: 'API', acknowledgedBy: 'refuse' } } as ForewarnEvent;
    const after = probeEvent(key, 3);
    await bb.runtime.producer.send({ topic, messages: [refused, after].map((e) => ({ key, value: JSON.stringify(e) })) });

    await waitFor('the message behind it to be handled', async () => seen.some((s) => s.handler === 'acknowledged' && s.eventId === after.eventId));
    // Tried in its chunk's transaction, then alone once (the inbox's slow path), never retried (maxAttempts is 3).
    expect(seen.filter((s) => s.eventId === refused.eventId && s.handler === 'acknowledged')).toHaveLength(2);
    const [letter] = (
      await runtimeKafka(bb.runtime).collect(Topics.deadLetters, (found) => found.length >= 1, 30_000, (m) => m.value!.toString().includes(refused.eventId))
    ).map((m) => JSON.parse(m.value!.toString()) as DeadLetter);
    expect(letter).toMatchObject({ reason: 'REJECTED', consumer: acks.name, attempts: 1, errors: ['REFUSED: not this one'] });
    // Its effects rolled back with its transaction; the next one's committed.
    const effects: { message_id: string }[] = await bb.dataSource.query(`SELECT message_id FROM effects WHERE case_id = $1`, [key]);
    expect(effects.map((e) => e.message_id)).toEqual([after.eventId]);
  }, 60_000);
});
