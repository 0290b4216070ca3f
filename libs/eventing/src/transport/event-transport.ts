import { Injectable } from '@nestjs/common';
import { CustomTransportStrategy, Server, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { EventingRuntime } from '../eventing-runtime';
import type { HandlerContext } from '../inbox/handler-context';
import type { Consumed } from '../inbox/inbox-consumer';
import { ANY_EVENT, envelopeLogContext, type EventConsumer, type EventHandlerExtras } from './event-consumer';
import { EventContext } from './event-context';

interface ConsumerHandlers {
  consumer: EventConsumer<unknown>;
  /** By event type (or ANY_EVENT). */
  byType: Map<string, { handler: MessageHandler; batch: boolean }>;
}

/**
 * Nest's transport for Forewarn's events: the `@EventPattern` handlers of a service's
 * controllers, run by the inbox consumers of its EventingRuntime. It keeps every guarantee of
 * the inbox (docs/inbox.md): a chunk per transaction with the inbox rows and the outgoing
 * messages, the offset committed after it, poison messages dead-lettered so the partition moves
 * on, re-drives. Nest's interceptors and exception filters run around each handler; an error
 * a filter lets through decides retry or dead letter as before (isRetriable).
 *
 * Why not Nest's own Kafka transport: it handles one message at a time and commits offsets on
 * its own schedule, outside the handler's database transaction.
 */
@Injectable()
export class EventTransport extends Server implements CustomTransportStrategy {
  // Errors are the inbox's to judge (retry, dead letter): never swallowed by Nest.
  override readonly propagatesEventHandlerErrors = true;
  private readonly consumers = new Map<string, ConsumerHandlers>();

  constructor(private readonly runtime: EventingRuntime) {
    super();
  }

  /** Keyed by consumer and type, so two consumers' handlers of one event type stay apart. */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler = false, extras: Record<string, unknown> = {}): void {
    const { consumer, batch } = extras as Partial<EventHandlerExtras>;
    const type = this.normalizePattern(pattern as string);
    if (!isEventHandler || !consumer) throw new Error(`@EventPattern('${type}') needs { consumer } in its extras; message patterns have no place here`);
    const spec = consumer as unknown as EventConsumer<unknown>;
    const entry = this.consumers.get(spec.name) ?? { consumer: spec, byType: new Map() };
    if (entry.consumer !== spec) throw new Error(`two consumers are named ${consumer.name}`);
    if (entry.byType.has(type)) throw new Error(`two handlers of ${type} in consumer ${consumer.name}`);
    entry.byType.set(type, { handler: callback, batch: batch === true });
    this.consumers.set(consumer.name, entry);
    super.addHandler(`${consumer.name}:${type}`, callback, isEventHandler, extras);
  }

  /** Declares each consumer on the runtime; they start with it (or at once, if it runs). */
  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      for (const entry of this.consumers.values()) await this.declare(entry);
      callback();
    } catch (err) {
      callback(err);
    }
  }

  /** The runtime stops its consumers itself, before the database goes (EventingModule). */
  close(): void {
    return undefined;
  }

  on(): never {
    throw new Error('EventTransport emits no events to listen to');
  }

  unwrap<T>(): T {
    return this.runtime as T;
  }

  private async declare({ consumer, byType }: ConsumerHandlers): Promise<void> {
    const { topics, logContext = envelopeLogContext, ...options } = consumer;
    const anyType = byType.get(ANY_EVENT);
    const handlerOf = (type: string) => byType.get(type) ?? anyType;
    const partners = this.runtime.partners;
    await this.runtime.consume<unknown>({
      ...options,
      topics: typeof topics === 'function' ? () => topics(partners) : topics,
      accepts: anyType ? undefined : (m) => byType.has(m.type),
      handle: (m, ctx) => {
        const { handler, batch } = handlerOf(m.type)!;
        return this.call(handler, batch ? [m.value] : m.value, [m], ctx, logContext(m));
      },
      // A consumer with one batch handler for every type hands it whole chunks.
      handleBatch:
        anyType?.batch && byType.size === 1 ? (ms, ctx) => this.call(anyType.handler, ms.map((m) => m.value), ms, ctx, {}) : undefined,
    });
  }

  private async call(handler: MessageHandler, payload: unknown, messages: Consumed<unknown>[], ctx: HandlerContext, log: ReturnType<typeof envelopeLogContext>): Promise<void> {
    const result = await handler(payload, new EventContext([messages, ctx, log]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }
}
