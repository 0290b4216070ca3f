import { parseJson, readEvent, type EventEnvelope, type Validation } from '@forewarn/contracts';
import type { RawRecord } from '@forewarn/eventing';
import type { IncomingEvent } from '../application/log-appender';

/**
 * Checks an envelope like every consumer does, but keeps the envelope exactly as received:
 * the log stores what was said, and upcasts only on read.
 */
export function decodeForLog(message: RawRecord): Validation<{ id: string; type: string; value: IncomingEvent }> {
  const parsed = parseJson(message.value?.toString('utf8') ?? '');
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  const read = readEvent(raw);
  if (!read.ok) return read;
  return { ok: true, value: { id: read.value.eventId, type: read.value.type, value: { raw: raw as EventEnvelope, event: read.value } } };
}
