import type { EntityManager } from 'typeorm';
import type { AssessmentCase, CaseStatus } from '../domain/assessment.state';

/** Reads of `cases`. Its rows are written only by the read model's projection (read-model/cases.read-model.ts). */
export interface CaseRow {
  case_id: string;
  state: CaseStatus;
  report: AssessmentCase['report'];
  received_at: Date;
  decision: AssessmentCase['decision'] | null;
  assessment: AssessmentCase['assessment'] | null;
  correlation_id: string;
  last_event_id: string;
}

export const CASE_COLUMNS = 'case_id, state, report, received_at, decision, assessment, correlation_id, last_event_id';

export function toCase(row: CaseRow): AssessmentCase {
  return {
    caseId: row.case_id,
    status: row.state,
    report: row.report,
    receivedAt: row.received_at.toISOString(),
    ...(row.decision ? { decision: row.decision } : {}),
    ...(row.assessment ? { assessment: row.assessment } : {}),
    correlationId: row.correlation_id,
    lastEventId: row.last_event_id,
  };
}

/** The case, locked until the transaction ends, so two analysts cannot both move it. */
export async function lockCase(manager: EntityManager, caseId: string): Promise<AssessmentCase | undefined> {
  const [row]: CaseRow[] = await manager.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return row && toCase(row);
}

export async function findCase(manager: EntityManager, caseId: string): Promise<AssessmentCase | undefined> {
  const [row]: CaseRow[] = await manager.query(`SELECT ${CASE_COLUMNS} FROM cases WHERE case_id = $1`, [caseId]);
  return row && toCase(row);
}

/** `sources`: only cases these agencies reported (undefined: every case). */
export async function listCases(manager: EntityManager, status: CaseStatus, limit: number, sources?: string[]): Promise<AssessmentCase[]> {
  const rows: CaseRow[] = await manager.query(
    `SELECT ${CASE_COLUMNS} FROM cases WHERE state = $1 AND ($3::text[] IS NULL OR report->>'sourceAgency' = ANY($3)) ORDER BY received_at, case_id LIMIT $2`,
    [status, limit, sources ?? null],
  );
  return rows.map(toCase);
}
