import { randomUUID } from 'node:crypto';
import {
  EventCatalogue,
  type Actor,
  type EventEnvelope,
  type ForewarnEvent,
  type ForewarnEventDataMap,
  type ForewarnEventType,
  type Producer,
} from '@forewarn/contracts';

export interface EventOrigin {
  producer: Producer;
  actor: Actor;
  /** The event this one answers; carries the correlation forward. */
  cause?: Pick<EventEnvelope, 'eventId' | 'correlationId'>;
  correlationId?: string;
  policyVersion?: string;
  occurredAt?: string;
  eventId?: string;
}

/**
 * Builds an envelope at the catalogue's current schema version. Ids and time are made here,
 * in the adapter layer, never in the deciders, so replay stays exact.
 */
export function newEvent<T extends ForewarnEventType>(
  type: T,
  caseId: string,
  data: ForewarnEventDataMap[T],
  origin: EventOrigin,
): ForewarnEvent<T> {
  const event: EventEnvelope<T, ForewarnEventDataMap[T]> = {
    eventId: origin.eventId ?? randomUUID(),
    type,
    schemaVersion: EventCatalogue[type].schemaVersion,
    caseId,
    occurredAt: origin.occurredAt ?? new Date().toISOString(),
    correlationId: origin.cause?.correlationId ?? origin.correlationId ?? randomUUID(),
    causationId: origin.cause?.eventId ?? null,
    producer: origin.producer,
    actor: origin.actor,
    data,
  };
  if (origin.policyVersion) event.policyVersion = origin.policyVersion;
  return event as ForewarnEvent<T>;
}

export function serviceActor(producer: Producer): Actor {
  return { kind: 'service', id: `${producer.service}@${producer.version}` };
}
