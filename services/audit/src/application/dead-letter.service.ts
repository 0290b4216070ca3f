import { Injectable } from '@nestjs/common';
import { serviceMayWrite, type Actor } from '@forewarn/contracts';
import { EventingRuntime, newEvent, redriveHeaders } from '@forewarn/eventing';
import { loadConfig } from '@forewarn/platform';
import { DataSource } from 'typeorm';
import { AuditError } from '../domain/audit-errors';
import { sqlOf } from '../infrastructure/sql-adapters';

const producer = { service: 'audit', version: loadConfig('audit').version };

interface StoredPayload {
  payload: string;
  payload_encoding: 'utf8' | 'base64';
  payload_bytes: number | null;
  payload_sha256: string | null;
  payload_truncated: boolean;
}

/** What kind of payload a letter holds, without its content: the console shows no threat detail. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function summary(r: StoredPayload): Record<string, any> {
  const bytes = r.payload_bytes ?? Buffer.byteLength(r.payload);
  const whole = { bytes, sha256: r.payload_sha256, encoding: r.payload_encoding, truncated: r.payload_truncated };
  if (r.payload_encoding === 'base64') return { json: false, ...whole };
  try {
    const v = JSON.parse(r.payload);
    if (v && typeof v === 'object' && !Array.isArray(v)) return { json: true, type: v.type ?? null, eventId: v.eventId ?? null, caseId: v.caseId ?? null, ...whole };
  } catch {
    // not JSON (or only a preview of it): the preview below is all there is
  }
  return { json: false, preview: r.payload.slice(0, 120), ...whole };
}

/** The operators' dead-letter desk: what failed, why, and re-driving it to where it came from. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly dataSource: DataSource,
  ) {}

  async list(limit = 50, reason?: string) {
    const rows = await sqlOf(this.dataSource)(
      `SELECT * FROM dead_letters WHERE ($1::text IS NULL OR reason = $1) ORDER BY failed_at DESC, dead_letter_id LIMIT $2`,
      [reason ?? null, limit],
    );
    return rows.map((r) => ({
      deadLetterId: r.dead_letter_id,
      recordId: r.record_id,
      reason: r.reason,
      errors: r.errors,
      sourceTopic: r.original_topic,
      partition: r.partition,
      offset: r.offset,
      key: r.key,
      consumer: r.consumer,
      attempts: r.attempts,
      failedAt: r.failed_at.toISOString(),
      payloadSummary: summary(r as unknown as StoredPayload),
      redriveCount: r.redrive_count,
      lastRedrivenAt: r.last_redriven_at?.toISOString() ?? null,
      lastRedrivenBy: r.last_redriven_by,
    }));
  }

  /**
   * Re-publishes the original payload to its original topic and records DeadLetterRedriven,
   * both through the outbox in one transaction: either both happen or neither. The message
   * carries `redrive-of` (the letter) and `redrive-consumer` (who dead-lettered it) headers:
   * that consumer handles it again although its inbox holds the id; every other consumer of
   * the topic skips it as a duplicate.
   */
  redrive(deadLetterId: string, actor: Actor, note?: string) {
    return this.runtime.transact(async (ctx) => {
      const sql = sqlOf(ctx.manager);
      const [dl] = await sql(`SELECT * FROM dead_letters WHERE dead_letter_id = $1 FOR UPDATE`, [deadLetterId]);
      if (!dl) throw new AuditError('DEAD_LETTER.NOT_FOUND', `no dead letter ${deadLetterId}`);
      // Promised only where audit may write: otherwise the outbox could never publish it.
      if (!serviceMayWrite('audit', dl.original_topic)) {
        throw new AuditError('DEAD_LETTER.NOT_REDRIVABLE', `dead letter ${deadLetterId} came from ${dl.original_topic}, which is no Forewarn or partner inbound topic; it cannot be re-driven`);
      }
      // Re-driving bytes that are not text, or a preview, could only fail again or lose the rest.
      if (dl.payload_truncated || dl.payload_encoding !== 'utf8') {
        const what = dl.payload_truncated ? `was too large to keep (${dl.payload_bytes} bytes, sha256 ${dl.payload_sha256})` : 'is not UTF-8 text PostgreSQL can store';
        throw new AuditError('DEAD_LETTER.NOT_REDRIVABLE', `dead letter ${deadLetterId} cannot be re-driven: its payload ${what}; the original record is ${dl.original_topic} partition ${dl.partition} offset ${dl.offset}`);
      }
      const attempt = dl.redrive_count + 1;
      ctx.send({
        messageId: `redrive:${deadLetterId}:${attempt}`,
        topic: dl.original_topic,
        // The outbox needs a key; a key-less original is keyed by its letter id.
        key: dl.key ?? deadLetterId,
        value: dl.payload,
        headers: redriveHeaders({ deadLetterId, recordId: dl.record_id, consumer: dl.consumer }, actor.id),
      });
      const caseId = typeof dl.key === 'string' && dl.key.length > 0 && dl.key.length <= 64 ? dl.key : 'operations';
      const reason = note?.trim() || `${dl.reason}: ${(dl.errors as string[])[0] ?? 'no detail'}`;
      const event = newEvent('DeadLetterRedriven', caseId, { deadLetterId, originalTopic: dl.original_topic, reason: reason.slice(0, 4000) }, { producer, actor });
      ctx.emit(event);
      await sql(`UPDATE dead_letters SET redrive_count = $2, last_redriven_at = now(), last_redriven_by = $3 WHERE dead_letter_id = $1`, [deadLetterId, attempt, actor.id]);
      return { deadLetterId, redriveCount: attempt, republishedTo: dl.original_topic, eventId: event.eventId, caseId };
    });
  }
}
