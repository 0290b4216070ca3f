import { EventCatalogue, isForewarnEventType, upcast, type EventEnvelope, type ForewarnEvent } from '@forewarn/contracts';

/**
 * The log keeps each envelope as it was received; readers lift old versions on read, never
 * rewriting history (architecture.md). No schema check here: the consumer checked it on the way in.
 */
export function currentEnvelope(raw: EventEnvelope): ForewarnEvent {
  if (!isForewarnEventType(raw.type)) return raw as unknown as ForewarnEvent;
  const current = EventCatalogue[raw.type].schemaVersion;
  if (raw.schemaVersion >= current) return raw as unknown as ForewarnEvent;
  const data = upcast(raw.type, raw.schemaVersion, current, raw.data as Record<string, unknown>);
  return { ...raw, schemaVersion: current, data } as unknown as ForewarnEvent;
}
