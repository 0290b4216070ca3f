import type { DeadLetter } from '@forewarn/contracts';
import type { Sql } from '../application/sql';

/** Dead letters into the table the operators' console lists and re-drives from; a letter seen again changes nothing. */
export async function storeLetters(sql: Sql, letters: DeadLetter[]): Promise<void> {
  await sql(
    `INSERT INTO dead_letters (dead_letter_id, reason, errors, original_topic, partition, "offset", key, payload, consumer, attempts, failed_at, record_id,
                               payload_encoding, payload_bytes, payload_sha256, payload_truncated)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::timestamptz[], $12::text[],
                          $13::text[], $14::int[], $15::text[], $16::boolean[])
     ON CONFLICT (dead_letter_id) DO NOTHING`,
    [
      letters.map((l) => l.deadLetterId),
      letters.map((l) => l.reason),
      letters.map((l) => JSON.stringify(l.errors ?? [])),
      letters.map((l) => l.originalTopic),
      letters.map((l) => l.partition ?? -1),
      letters.map((l) => String(l.offset ?? '')),
      letters.map((l) => l.key ?? null),
      letters.map((l) => l.payload),
      letters.map((l) => l.consumer),
      letters.map((l) => l.attempts ?? 0),
      letters.map((l) => l.failedAt),
      letters.map((l) => l.recordId ?? l.deadLetterId),
      letters.map((l) => l.payloadEncoding ?? 'utf8'),
      letters.map((l) => l.payloadBytes ?? Buffer.byteLength(l.payload)),
      letters.map((l) => l.payloadSha256 ?? null),
      letters.map((l) => l.payloadTruncated === true),
    ],
  );
}
