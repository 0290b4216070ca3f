/**
 * A dead letter as the console shows it: why, where from, what kind of payload, re-drives.
 * The payload's own text is left out (a report's description would be threat detail); the
 * reasons are schema paths or handler errors, capped so one letter cannot flood the page.
 */
export interface DeadLetterLine {
  deadLetterId: string;
  reason: string;
  errors: unknown;
  sourceTopic: string;
  partition: number;
  offset: string;
  key: string | null;
  consumer: string;
  attempts: number;
  failedAt: string;
  /** DeadLetterService's summary: json, type, eventId, caseId, bytes, digest, encoding, truncated (and a preview of non-JSON text). */
  payloadSummary: Record<string, unknown>;
  redriveCount: number;
  lastRedrivenAt: string | null;
  lastRedrivenBy: string | null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : null);
const MAX_ERRORS = 5;
const MAX_ERROR_LENGTH = 300;

export function deadLetterView(l: DeadLetterLine) {
  const errors = Array.isArray(l.errors) ? l.errors.map(String) : [];
  const p = l.payloadSummary;
  return {
    deadLetterId: l.deadLetterId,
    reason: l.reason,
    errors: errors.slice(0, MAX_ERRORS).map((e) => (e.length > MAX_ERROR_LENGTH ? `${e.slice(0, MAX_ERROR_LENGTH)}…` : e)),
    moreErrors: Math.max(0, errors.length - MAX_ERRORS),
    sourceTopic: l.sourceTopic,
    partition: l.partition,
    offset: l.offset,
    key: l.key,
    consumer: l.consumer,
    attempts: l.attempts,
    failedAt: l.failedAt,
    payload: { json: p.json === true, type: text(p.type), eventId: text(p.eventId), caseId: text(p.caseId), bytes: Number(p.bytes), truncated: p.truncated === true, binary: p.encoding === 'base64' },
    redriveCount: l.redriveCount,
    lastRedrivenAt: l.lastRedrivenAt,
    lastRedrivenBy: l.lastRedrivenBy,
  };
}
