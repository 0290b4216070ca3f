import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { parseJson, Topics, unstorableText, type DeadLetter, type Validation } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import type { Sql } from '../application/sql';
import { sqlOf } from './sql-adapters';

export function decodeDeadLetter(message: KafkaMessage): Validation<{ id: string; type: string; value: DeadLetter }> {
  const parsed = parseJson(message.value?.toString('utf8') ?? '');
  if (!parsed.ok) return parsed;
  const v = parsed.value as Partial<DeadLetter>;
  const missing = (['deadLetterId', 'reason', 'originalTopic', 'payload', 'consumer', 'failedAt'] as const).filter((k) => typeof v?.[k] !== 'string');
  if (missing.length > 0) return { ok: false, errors: [`not a dead letter: ${missing.join(', ')} missing or not text`] };
  if (v.payloadEncoding !== undefined && v.payloadEncoding !== 'utf8' && v.payloadEncoding !== 'base64') return { ok: false, errors: ['not a dead letter: payloadEncoding is neither utf8 nor base64'] };
  const unstorable = unstorableText(v);
  if (unstorable.length > 0) return { ok: false, errors: unstorable };
  // A letter from before record identities has none: its id was its record's identity then.
  return { ok: true, value: { id: v.deadLetterId!, type: 'DeadLetter', value: { ...(v as DeadLetter), recordId: v.recordId ?? v.deadLetterId! } } };
}

async function storeLetters(sql: Sql, letters: DeadLetter[]): Promise<void> {
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

/** The dead-letter topic into a table the operators' console lists and re-drives from. */
@Injectable()
export class DeadLettersConsumer implements OnModuleInit {
  constructor(private readonly runtime: EventingRuntime) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.consume<DeadLetter>({
      name: 'audit.dead-letters',
      topics: [Topics.deadLetters],
      decode: decodeDeadLetter,
      handle: (m, ctx) => storeLetters(sqlOf(ctx.manager), [m.value]),
      handleBatch: (ms, ctx) => storeLetters(sqlOf(ctx.manager), ms.map((m) => m.value)),
    });
  }
}
