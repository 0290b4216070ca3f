import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { EventTopics, parseJson, readEvent, type EventEnvelope, type Validation } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { appendToLog, type IncomingEvent } from '../application/log-appender';
import { sqlOf } from './sql-adapters';

/**
 * Checks an envelope like every consumer does, but keeps the envelope exactly as received:
 * the log stores what was said, and upcasts only on read.
 */
export function decodeForLog(message: KafkaMessage): Validation<{ id: string; type: string; value: IncomingEvent }> {
  const parsed = parseJson(message.value?.toString('utf8') ?? '');
  if (!parsed.ok) return parsed;
  const raw = parsed.value;
  const read = readEvent(raw);
  if (!read.ok) return read;
  return { ok: true, value: { id: read.value.eventId, type: read.value.type, value: { raw: raw as EventEnvelope, event: read.value } } };
}

export const checkpointEvery = () => Math.max(1, Number(process.env.AUDIT_CHECKPOINT_EVERY ?? 1000));

/** Every Forewarn event topic into the case log; a whole consumed chunk per transaction. */
@Injectable()
export class CaseLogConsumer implements OnModuleInit {
  constructor(private readonly runtime: EventingRuntime) {}

  async onModuleInit(): Promise<void> {
    const opts = { checkpointEvery: checkpointEvery() };
    await this.runtime.consume<IncomingEvent>({
      name: 'audit.case-log',
      topics: [...EventTopics],
      decode: decodeForLog,
      chunkSize: 500,
      around: (m, fn) => LogContext.run({ correlationId: m.value.raw.correlationId, caseId: m.value.raw.caseId }, fn),
      handle: async (m, ctx) => void (await appendToLog(sqlOf(ctx.manager), [m.value], opts)),
      handleBatch: async (ms, ctx) => void (await appendToLog(sqlOf(ctx.manager), ms.map((m) => m.value), opts)),
    });
  }
}
