import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditError } from '../domain/audit-errors';
import type { CaseState } from '../domain/case-state';
import { inSnapshot, sqlOf } from '../infrastructure/sql-adapters';
import { toGapView } from './gap-view';
import { LogSource } from './log-source';
import { verifyWholeLog } from './log-verifier';

export interface CaseListQuery {
  status?: string;
  limit?: number;
  /** Cursor: cases whose last entry is before this log position (newest first). */
  before?: number;
}

/** Whole-log views: the case list for the consoles, the integrity walk, the gaps. */
@Injectable()
export class AuditLogService {
  constructor(private readonly dataSource: DataSource) {}

  async listCases(q: CaseListQuery) {
    const limit = q.limit ?? 50;
    const rows = await sqlOf(this.dataSource)<{ case_id: string; status: string; event_count: number; last_position: string; state: CaseState; held: boolean; open_gaps: number }>(
      `SELECT p.case_id, p.status, p.event_count, p.last_position, p.state,
              EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = p.case_id) AS held,
              (SELECT count(*)::int FROM log_gaps g WHERE g.case_id = p.case_id AND g.resolved_at IS NULL) AS open_gaps
       FROM case_projection p
       WHERE ($1::text IS NULL OR p.status = $1) AND ($2::bigint IS NULL OR p.last_position < $2)
       ORDER BY p.last_position DESC LIMIT $3`,
      [q.status ?? null, q.before ?? null, limit],
    );
    const cases = rows.map((r) => ({
      caseId: r.case_id,
      status: r.status,
      eventCount: r.event_count,
      lastPosition: Number(r.last_position),
      firstEventAt: r.state.firstEventAt,
      lastEventAt: r.state.lastEventAt,
      firstAwareness: r.state.awareness && { at: r.state.awareness.at, sourceAgency: r.state.awareness.sourceAgency, reportId: r.state.awareness.reportId },
      duty: r.state.duty && { outcome: r.state.duty.outcome, policyVersion: r.state.duty.policyVersion },
      waived: r.state.waiverRequests.some((w) => w.decision?.outcome === 'APPROVED'),
      warned: r.state.dispatches.some((d) => d.delivered !== null),
      legalHold: r.held,
      openGaps: r.open_gaps,
    }));
    const next = cases.length === limit ? cases[cases.length - 1].lastPosition : null;
    return { cases, next };
  }

  /** Walks the whole chain in one snapshot; decisions are the CLI's and /verification's job. */
  integrity() {
    return inSnapshot(this.dataSource, async (sql) => {
      // One worker thread hashes, so a long walk does not hold up this service's requests.
      const summary = await verifyWholeLog(new LogSource(sql), { decisions: false, threads: 1 });
      return { ...summary.chain, purgedEntries: summary.purgedEntries, elapsedMs: summary.elapsedMs };
    });
  }

  async gaps(status: string | undefined, limit = 100) {
    if (status !== undefined && !['open', 'resolved', 'all'].includes(status)) {
      throw new AuditError('AUDIT.INVALID_QUERY', `status must be open, resolved or all, got ${JSON.stringify(status)}`);
    }
    const filter = status === 'resolved' ? 'resolved_at IS NOT NULL' : status === 'all' ? 'true' : 'resolved_at IS NULL';
    const rows = await sqlOf(this.dataSource)(`SELECT * FROM log_gaps WHERE ${filter} ORDER BY id DESC LIMIT $1`, [limit]);
    return rows.map((g) => toGapView(g));
  }
}
