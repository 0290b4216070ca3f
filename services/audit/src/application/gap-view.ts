import { gapStatus } from '../domain/gap-rules';

/** How long a gap stays "pending" before it is shown as missing: topics are read independently. */
export const gapGraceMs = () => Number(process.env.AUDIT_GAP_GRACE_SECONDS ?? 300) * 1000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toGapView(g: any, nowMs = Date.now()) {
  const detectedAt = (g.detected_at as Date).toISOString();
  const resolvedAt = g.resolved_at ? (g.resolved_at as Date).toISOString() : null;
  return {
    kind: g.kind as string,
    caseId: g.case_id as string,
    eventId: g.event_id as string,
    position: Number(g.position),
    expected: g.expected as string,
    detectedAt,
    resolvedAt,
    resolvedBy: g.resolved_by_event_id ? { eventId: g.resolved_by_event_id as string, position: Number(g.resolved_by_position) } : null,
    status: gapStatus({ resolvedAt, detectedAt }, nowMs, gapGraceMs()),
  };
}
