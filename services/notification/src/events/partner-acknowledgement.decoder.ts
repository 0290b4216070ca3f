import { parseJson, validatePartnerAcknowledgement, type PartnerAcknowledgement, type Validation } from '@forewarn/contracts';
import type { RawRecord, RecordRef } from '@forewarn/eventing';

const MAX_ACK_BYTES = 16 * 1024;

/** Reads the public inbound topic: a message that breaks the contract is dead-lettered with every error. */
export function decodePartnerAcknowledgement(message: RawRecord, record: RecordRef): Validation<{ id: string; type: string; value: PartnerAcknowledgement }> {
  const text = message.value?.toString('utf8') ?? '';
  if (Buffer.byteLength(text) > MAX_ACK_BYTES) return { ok: false, errors: [`message is ${Buffer.byteLength(text)} bytes; the limit is ${MAX_ACK_BYTES}`] };
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;
  const checked = validatePartnerAcknowledgement(parsed.value);
  if (!checked.ok) return checked;
  // Partner messages have no event id: their record's identity (coordinates and content) is theirs.
  return { ok: true, value: { id: record.id, type: 'PartnerAcknowledgement', value: checked.value } };
}
