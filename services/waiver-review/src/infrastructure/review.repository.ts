import type { EntityManager } from 'typeorm';
import { initialReviewState, type ReviewState, type ReviewStatus } from '../domain/review.state';

const states = (rows: { state: ReviewState }[]) => rows.map((r) => r.state);

/**
 * The case's review, locked until the transaction ends; created PENDING if new. Insert first,
 * then lock: when the report and the duty arrive together on two consumers, the second waits
 * for the first to commit and then sees what it noted, so the review still opens. The caller
 * then writes the row through the read model's projection of the event `at` which it arrived.
 */
export async function lockOrCreateReview(manager: EntityManager, caseId: string, at: string): Promise<ReviewState> {
  await manager.query(
    `INSERT INTO reviews (case_id, status, state, created_at, updated_at) VALUES ($1, 'PENDING', $2, $3, $3) ON CONFLICT (case_id) DO NOTHING`,
    [caseId, JSON.stringify(initialReviewState(caseId)), at],
  );
  return (await lockReview(manager, caseId))!;
}

export async function lockReview(manager: EntityManager, caseId: string): Promise<ReviewState | undefined> {
  return states(await manager.query(`SELECT state FROM reviews WHERE case_id = $1 FOR UPDATE`, [caseId]))[0];
}

/**
 * Open, unescalated reviews past their deadline at `asOf`, locked. SKIP LOCKED lets two
 * instances scan at once without waiting on, or escalating twice, the same review.
 */
export async function lockOverdueReviews(manager: EntityManager, asOf: string, limit: number): Promise<ReviewState[]> {
  return states(
    await manager.query(
      `SELECT state FROM reviews WHERE status = 'OPEN' AND escalated_at IS NULL AND deadline < $1
       ORDER BY deadline, case_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [asOf, limit],
    ),
  );
}

export async function findReview(manager: EntityManager, caseId: string): Promise<ReviewState | undefined> {
  return states(await manager.query(`SELECT state FROM reviews WHERE case_id = $1`, [caseId]))[0];
}

/** Most urgent first: the earliest deadline. */
/** Which reporting agencies' cases a list shows (undefined: every case): need to know. */
const OF_SOURCES = `($3::text[] IS NULL OR state #>> '{report,releasable,source,sourceAgency}' = ANY($3))`;

export async function listReviews(manager: EntityManager, status: ReviewStatus, limit: number, sources?: string[]): Promise<ReviewState[]> {
  return states(
    await manager.query(`SELECT state FROM reviews WHERE status = $1 AND ${OF_SOURCES} ORDER BY deadline NULLS LAST, case_id LIMIT $2`, [status, limit, sources ?? null]),
  );
}

/** Open reviews past their deadline at `asOf`, escalated or not, most overdue first. */
export async function listOverdueReviews(manager: EntityManager, asOf: string, limit: number, sources?: string[]): Promise<ReviewState[]> {
  return states(
    await manager.query(`SELECT state FROM reviews WHERE status = 'OPEN' AND deadline < $1 AND ${OF_SOURCES} ORDER BY deadline, case_id LIMIT $2`, [asOf, limit, sources ?? null]),
  );
}
