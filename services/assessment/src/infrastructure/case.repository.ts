import type { EntityManager } from 'typeorm';
import type { AssessmentCase, CaseStatus } from '../domain/assessment.state';

interface CaseRow {
  case_id: string;
  state: CaseStatus;
  report: AssessmentCase['report'];
  received_at: Date;
  decision: AssessmentCase['decision'] | null;
  assessment: AssessmentCase['assessment'] | null;
  correlation_id: string;
  last_event_id: string;
}

const COLUMNS = 'case_id, state, report, received_at, decision, assessment, correlation_id, last_event_id';

function toCase(row: CaseRow): AssessmentCase {
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

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Stores a newly received case; false when the case is already stored (a replayed report). */
export async function insertCase(manager: EntityManager, c: AssessmentCase): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO cases (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (case_id) DO NOTHING RETURNING case_id`,
    [c.caseId, c.status, json(c.report), c.receivedAt, json(c.decision), json(c.assessment), c.correlationId, c.lastEventId],
  );
  return rows.length === 1;
}

/** The case, locked until the transaction ends, so two analysts cannot both move it. */
export async function lockCase(manager: EntityManager, caseId: string): Promise<AssessmentCase | undefined> {
  const [row]: CaseRow[] = await manager.query(`SELECT ${COLUMNS} FROM cases WHERE case_id = $1 FOR UPDATE`, [caseId]);
  return row && toCase(row);
}

export async function saveCase(manager: EntityManager, c: AssessmentCase): Promise<void> {
  await manager.query(
    `UPDATE cases SET state = $2, decision = $3, assessment = $4, last_event_id = $5, updated_at = now() WHERE case_id = $1`,
    [c.caseId, c.status, json(c.decision), json(c.assessment), c.lastEventId],
  );
}

export async function findCase(manager: EntityManager, caseId: string): Promise<AssessmentCase | undefined> {
  const [row]: CaseRow[] = await manager.query(`SELECT ${COLUMNS} FROM cases WHERE case_id = $1`, [caseId]);
  return row && toCase(row);
}

export async function listCases(manager: EntityManager, status: CaseStatus, limit: number): Promise<AssessmentCase[]> {
  const rows: CaseRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM cases WHERE state = $1 ORDER BY received_at, case_id LIMIT $2`,
    [status, limit],
  );
  return rows.map(toCase);
}
