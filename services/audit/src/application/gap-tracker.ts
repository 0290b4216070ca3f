import { expectedPredecessor, isEventReference } from '../domain/gap-rules';
import type { AppendedEntry } from './log-appender';
import type { Sql } from './sql';

interface GapRow {
  kind: 'MISSING_CAUSE' | 'MISSING_PREDECESSOR';
  caseId: string;
  eventId: string;
  position: number;
  expected: string;
  /** Set when the missing piece is in the log already, but later than the entry that needs it. */
  resolvedBy?: { eventId: string; position: number };
}

/**
 * Gap bookkeeping for freshly appended entries, in their transaction. First these entries
 * close the gaps that were waiting for them; then each entry is checked for a cause or a
 * predecessor the log does not have before it. Topics are read independently, so a gap is at
 * first only suspected; both its detection and its resolution are recorded, never dropped.
 */
export async function trackGaps(sql: Sql, entries: AppendedEntry[]): Promise<void> {
  const col = <T>(f: (e: AppendedEntry) => T) => entries.map(f);
  await sql(
    `UPDATE log_gaps g SET resolved_at = now(), resolved_by_event_id = n.event_id, resolved_by_position = n.position
     FROM unnest($1::text[], $2::bigint[]) AS n(event_id, position)
     WHERE g.resolved_at IS NULL AND g.kind = 'MISSING_CAUSE' AND g.expected = n.event_id`,
    [col((e) => e.event.eventId), col((e) => e.position)],
  );
  await sql(
    `UPDATE log_gaps g SET resolved_at = now(), resolved_by_event_id = n.event_id, resolved_by_position = n.position
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) AS n(case_id, type, event_id, position)
     WHERE g.resolved_at IS NULL AND g.kind = 'MISSING_PREDECESSOR' AND g.case_id = n.case_id AND g.expected = n.type`,
    [col((e) => e.event.caseId), col((e) => e.event.type), col((e) => e.event.eventId), col((e) => e.position)],
  );

  const gaps: GapRow[] = [];
  const withCause = entries.filter((e) => isEventReference(e.event.causationId));
  if (withCause.length > 0) {
    const causes = await sql<{ event_id: string; position: string }>(`SELECT event_id, position FROM case_log WHERE event_id = ANY($1::text[])`, [
      withCause.map((e) => e.event.causationId),
    ]);
    const at = new Map(causes.map((c) => [c.event_id, { eventId: c.event_id, position: Number(c.position) }]));
    for (const e of withCause) {
      const cause = at.get(e.event.causationId!);
      if (!cause || cause.position > e.position) gaps.push({ kind: 'MISSING_CAUSE', caseId: e.event.caseId, eventId: e.event.eventId, position: e.position, expected: e.event.causationId!, resolvedBy: cause });
    }
  }
  const needing = entries.filter((e) => expectedPredecessor(e.event.type) !== null);
  if (needing.length > 0) {
    const firsts = await sql<{ case_id: string; type: string; event_id: string; position: string }>(
      `SELECT DISTINCT ON (case_id, type) case_id, type, event_id, position FROM case_log
       WHERE case_id = ANY($1::text[]) AND type = ANY($2::text[]) ORDER BY case_id, type, position`,
      [[...new Set(needing.map((e) => e.event.caseId))], [...new Set(needing.map((e) => expectedPredecessor(e.event.type)!))]],
    );
    const first = new Map(firsts.map((f) => [`${f.case_id}\u0000${f.type}`, { eventId: f.event_id, position: Number(f.position) }]));
    for (const e of needing) {
      const expected = expectedPredecessor(e.event.type)!;
      const found = first.get(`${e.event.caseId}\u0000${expected}`);
      if (!found || found.position > e.position) gaps.push({ kind: 'MISSING_PREDECESSOR', caseId: e.event.caseId, eventId: e.event.eventId, position: e.position, expected, resolvedBy: found });
    }
  }
  if (gaps.length === 0) return;
  await sql(
    `INSERT INTO log_gaps (kind, case_id, event_id, position, expected, resolved_at, resolved_by_event_id, resolved_by_position)
     SELECT k, c, e, p, x, CASE WHEN rp IS NULL THEN NULL ELSE now() END, re, rp
     FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bigint[]) AS g(k, c, e, p, x, re, rp)
     ON CONFLICT (kind, event_id, expected) DO NOTHING`,
    [
      gaps.map((g) => g.kind),
      gaps.map((g) => g.caseId),
      gaps.map((g) => g.eventId),
      gaps.map((g) => g.position),
      gaps.map((g) => g.expected),
      gaps.map((g) => g.resolvedBy?.eventId ?? null),
      gaps.map((g) => g.resolvedBy?.position ?? null),
    ],
  );
}
