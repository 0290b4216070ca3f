import { createHash } from 'node:crypto';
import type { IHeaders, KafkaMessage } from 'kafkajs';

/**
 * The identity of one Kafka record: its coordinates and a digest of what it is.
 *
 * Offsets are unique only within one incarnation of a topic: a wiped broker, a new cluster or a
 * topic deleted and re-created numbers its records from 0 again. So coordinates alone would make
 * a new record look like an old one already handled (docs/inbox.md). The digest covers every
 * byte the producer sent and the broker stored with the record (timestamp, key, value, headers),
 * so a redelivery of the same record (a crash, a rebalance) has the same identity, and a
 * different record at the same coordinates has another.
 *
 * Form: `topic:partition:offset:digest`, the digest 32 hex digits (128 bits of SHA-256), so an
 * operator still reads where the record was. Ids of the earlier form (`topic:partition:offset`,
 * kept by databases from before) never equal one of this form.
 */
export function recordId(topic: string, partition: number, message: Pick<KafkaMessage, 'offset' | 'timestamp' | 'key' | 'value' | 'headers'>): string {
  return `${topic}:${partition}:${message.offset}:${recordDigest(message)}`;
}

export function recordDigest(message: Pick<KafkaMessage, 'timestamp' | 'key' | 'value' | 'headers'>): string {
  const hash = createHash('sha256');
  // Each field length-prefixed (-1 for an absent one), so no two records frame to the same bytes.
  const field = (bytes: Buffer | string | null | undefined) => {
    const b = bytes === null || bytes === undefined ? null : Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8');
    const length = Buffer.alloc(4);
    length.writeInt32BE(b === null ? -1 : b.length);
    hash.update(length);
    if (b) hash.update(b);
  };
  field(String(message.timestamp));
  field(message.key);
  field(message.value);
  for (const [name, value] of headerEntries(message.headers)) {
    field(name);
    field(value);
  }
  return hash.digest('hex').slice(0, 32);
}

/** Headers in the record's order; a repeated header name (kafkajs gives an array) keeps each value. */
function headerEntries(headers: IHeaders | undefined): [string, Buffer | string | undefined][] {
  return Object.entries(headers ?? {}).flatMap(([name, v]) => (Array.isArray(v) ? v.map((one) => [name, one] as [string, Buffer | string]) : [[name, v]]));
}
