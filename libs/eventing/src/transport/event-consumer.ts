import type { ForewarnEvent } from '@forewarn/contracts';
import type { Consumed, InboxConsumerOptions } from '../inbox/inbox-consumer';
import type { PartnerDirectory } from '../partners/partner-directory';

/**
 * One inbox consumer of a service, as its event handlers name it: `@EventPattern(type, { consumer })`.
 * Every handler naming the same consumer shares its group, inbox and transaction per chunk; the
 * consumer reads only the types its handlers name (`ANY_EVENT` for all of them).
 */
export interface EventConsumer<T = ForewarnEvent> extends Omit<InboxConsumerOptions<T>, 'topics' | 'handle' | 'handleBatch' | 'accepts' | 'around'> {
  /** The topics, or a function of the partner registry naming them now (one topic per partner agency). */
  topics: string[] | ((partners: PartnerDirectory) => Promise<string[]>);
  /** What a message's log lines carry; default: an envelope's caseId and correlationId. */
  logContext?: (message: Consumed<T>) => EventLogContext;
}

export interface EventLogContext {
  caseId?: string;
  correlationId?: string;
}

/** The extras of an `@EventPattern`: its consumer, and whether the method takes a whole chunk at once. */
export interface EventHandlerExtras {
  consumer: EventConsumer<never>;
  /** The method gets the chunk's payloads as an array, in one call (multi-row inserts). */
  batch?: boolean;
}

/** The pattern of a handler that takes every message its consumer decodes, whatever its type. */
export const ANY_EVENT = '*';

/** An envelope's own caseId and correlationId, for the log lines of its handling. */
export function envelopeLogContext(message: Consumed<unknown>): EventLogContext {
  const value = message.value as Partial<ForewarnEvent> | undefined;
  return { caseId: value?.caseId, correlationId: value?.correlationId };
}
