import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlOf } from '../infrastructure/sql-adapters';
import { FlowEventTypes, type FlowCount } from './flow-buckets';
import type { UnwarnedCase } from './deadline-items';
import { isNearWindow, OpenReviewStatuses, threatWindowOf, UnwarnedDutyStatuses, type ThreatWindow } from './threat-window';

/**
 * case_log has no index on recorded_at (and the console may not add one to audit's tables), so
 * the flow reads at most this many of the newest entries through the primary key: well over
 * an hour of the throughput the benchmarks reach.
 */
const MAX_FLOW_SCAN = 200_000;
const MAX_OPEN_CASES = 5_000;

/** The console's reads of audit's own tables (case log, projection, dead letters); read-only. */
@Injectable()
export class ConsoleQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Distinct cases per minute and event type since `since`, plus dead letters per source topic. */
  async flowCounts(since: Date): Promise<FlowCount[]> {
    const sql = sqlOf(this.dataSource);
    const [head] = await sql<{ max: string | null }>(`SELECT max(position) AS max FROM case_log`);
    const from = Number(head?.max ?? 0) - MAX_FLOW_SCAN;
    const logged = await sql<FlowCount>(
      `SELECT date_trunc('minute', recorded_at) AS minute, type,
              CASE type WHEN 'DutyDetermined' THEN envelope::jsonb #>> '{data,outcome}'
                        WHEN 'WarningDeliveryFailed' THEN envelope::jsonb #>> '{data,final}' END AS detail,
              count(DISTINCT case_id)::int AS cases
       FROM case_log WHERE position > $1 AND recorded_at >= $2 AND type = ANY($3::text[])
       GROUP BY 1, 2, 3`,
      [from, since, FlowEventTypes],
    );
    const letters = await sql<FlowCount>(
      `SELECT date_trunc('minute', failed_at) AS minute, 'DeadLettered' AS type, original_topic AS detail, count(*)::int AS cases
       FROM dead_letters WHERE failed_at >= $1 GROUP BY 1, 3`,
      [since],
    );
    return [...logged, ...letters];
  }

  async casesByState(): Promise<{ status: string; cases: number }[]> {
    return sqlOf(this.dataSource)(`SELECT status, count(*)::int AS cases FROM case_projection GROUP BY status`);
  }

  /** The threat window of each case, from its first ThreatReported entry. */
  async windows(caseIds: string[]): Promise<Map<string, ThreatWindow>> {
    const windows = new Map<string, ThreatWindow>();
    if (caseIds.length === 0) return windows;
    const rows = await sqlOf(this.dataSource)<{ case_id: string; envelope: string | null }>(
      `SELECT case_id, envelope FROM case_log WHERE case_id = ANY($1::text[]) AND type = 'ThreatReported' ORDER BY case_id, case_seq`,
      [[...new Set(caseIds)]],
    );
    for (const r of rows) {
      const window = windows.has(r.case_id) ? null : threatWindowOf(r.envelope);
      if (window) windows.set(r.case_id, window);
    }
    return windows;
  }

  /** Cases with a duty, not yet warned, whose threat window opens within 24 h (or is open). */
  async unwarnedNearWindow(nowMs: number): Promise<UnwarnedCase[]> {
    const open = await sqlOf(this.dataSource)<{ case_id: string; status: string }>(
      `SELECT case_id, status FROM case_projection
       WHERE status = ANY($1::text[]) AND state #>> '{duty,outcome}' = 'DUTY'
       ORDER BY last_position DESC LIMIT $2`,
      [UnwarnedDutyStatuses, MAX_OPEN_CASES],
    );
    const windows = await this.windows(open.map((c) => c.case_id));
    return open.flatMap((c) => {
      const window = windows.get(c.case_id);
      return window && isNearWindow(window, nowMs) ? [{ caseId: c.case_id, status: c.status, window }] : [];
    });
  }

  /** Open waiver reviews past their deadline, as the log tells it. */
  async overdueReviewCount(): Promise<number> {
    const [row] = await sqlOf(this.dataSource)<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_projection
       WHERE status = ANY($1::text[]) AND state #>> '{stages,review}' = ANY($1::text[])
         AND (state #>> '{review,deadline}')::timestamptz < now()`,
      [OpenReviewStatuses],
    );
    return row?.n ?? 0;
  }
}
