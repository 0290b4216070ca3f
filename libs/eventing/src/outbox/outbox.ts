import type { EntityManager } from 'typeorm';
import { checkEventForPublish, EventCatalogue, type ForewarnEvent } from '@forewarn/contracts';

/** A message for the outbox: an event envelope, or a public partner message with its own schema. */
export interface OutboxMessage {
  messageId: string;
  topic: string;
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export function eventToOutboxMessage(event: ForewarnEvent): OutboxMessage {
  const checked = checkEventForPublish(event);
  if (!checked.ok) {
    // A programming error: the service built an event that breaks the contract.
    throw new Error(`refusing to publish invalid ${event.type}: ${checked.errors.join('; ')}`);
  }
  return {
    messageId: event.eventId,
    topic: EventCatalogue[event.type].topic,
    key: event.caseId,
    value: JSON.stringify(event),
    headers: { 'event-type': event.type, 'schema-version': String(event.schemaVersion), 'correlation-id': event.correlationId },
  };
}

/**
 * Appends messages to the outbox inside the caller's transaction, one multi-row insert.
 * The relay publishes them after commit; a rollback publishes nothing.
 */
export async function appendToOutbox(manager: EntityManager, messages: OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await manager.query(
    `INSERT INTO outbox (message_id, topic, key, value, headers)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      messages.map((m) => m.messageId),
      messages.map((m) => m.topic),
      messages.map((m) => m.key),
      messages.map((m) => m.value),
      messages.map((m) => JSON.stringify(m.headers ?? {})),
    ],
  );
}
