import type { ForewarnEvent } from '@forewarn/contracts';
import { byCase, earlierOf, laterOf, type ReadModel, type Sql } from '@forewarn/read-model';
import { policy } from '../application/review-outgoing';
import { notedReport } from '../domain/decide';
import { evolve } from '../domain/evolve';
import { isPublished, type PublishedType, type ReviewEvent } from '../domain/review.events';
import { initialReviewState, type ReviewState } from '../domain/review.state';
import { DUTY_DETERMINATIONS_CONSUMER, THREAT_REPORTS_CONSUMER } from '../events/consumers';

const PUBLISHED: readonly PublishedType[] = [
  'WaiverReviewOpened',
  'WarningAuthorized',
  'WaiverRequested',
  'LegalConcurrenceRecorded',
  'WaiverApproved',
  'WaiverDenied',
  'WaiverReviewEscalated',
];

/**
 * An envelope as the review event it records, given the review so far. The two inputs from other
 * topics are noted so that their order against this service's own events does not matter (the log
 * reads topics independently, so a WaiverReviewOpened may come back before the duty it answers):
 * the first report counts, and the duty is the latest determination, which is the one that opened
 * the review (assessment determines nothing after a DUTY).
 */
export function reviewEvent(e: ForewarnEvent, state: ReviewState): ReviewEvent | null {
  const ref = { eventId: e.eventId, correlationId: e.correlationId };
  const metadata = { at: e.occurredAt, by: e.actor.id, eventId: e.eventId };
  if (e.type === 'ThreatReported') {
    return state.report ? null : { type: 'ReportNoted', data: notedReport(e.data.report, policy, ref, e.occurredAt), metadata };
  }
  if (e.type === 'DutyDetermined') {
    return { type: 'DutyNoted', data: { outcome: e.data.outcome, policyVersion: e.policyVersion ?? null, event: ref }, metadata };
  }
  if ((PUBLISHED as readonly string[]).includes(e.type)) {
    const published = { type: e.type, data: e.data, policyVersion: e.policyVersion!, metadata } as ReviewEvent;
    return isPublished(published) ? published : null;
  }
  return null;
}

interface Projected {
  state: ReviewState;
  /** The earliest and latest occurredAt among the events that made the review. */
  createdAt: string;
  updatedAt: string;
}

/** Pure: a review's stored projection (or none) with more of its events folded in. */
export function foldReview(caseId: string, stored: Projected | undefined, events: readonly ForewarnEvent[]): Projected {
  let state = stored?.state ?? initialReviewState(caseId);
  let createdAt = stored?.createdAt;
  let updatedAt = stored?.updatedAt;
  for (const e of events) {
    const event = reviewEvent(e, state);
    if (!event) continue; // a second report: nothing changes, not even the times
    state = evolve(state, event);
    createdAt = earlierOf(createdAt, e.occurredAt);
    updatedAt = laterOf(updatedAt, e.occurredAt);
  }
  return { state, createdAt: createdAt!, updatedAt: updatedAt! };
}

/**
 * Waiver-review's read model: `reviews`, one row per case, the fold (domain/evolve.ts) of the
 * ThreatReported and DutyDetermined events it handled and the review events it emitted. The
 * indexed columns copy parts of the state; the times are the events' (no now()).
 * Returns the reviews as folded.
 */
export async function projectReviews(sql: Sql, events: readonly ForewarnEvent[]): Promise<Map<string, ReviewState>> {
  const cases = byCase(events);
  if (cases.size === 0) return new Map();
  const stored = await sql<{ case_id: string; state: ReviewState; created_at: Date; updated_at: Date }>(
    `SELECT case_id, state, created_at, updated_at FROM reviews WHERE case_id = ANY($1::text[])`,
    [[...cases.keys()]],
  );
  const before = new Map(stored.map((r) => [r.case_id, { state: r.state, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() }]));
  const folded = [...cases].map(([caseId, caseEvents]) => foldReview(caseId, before.get(caseId), caseEvents));
  await sql(
    `INSERT INTO reviews (case_id, status, deadline, escalated_at, state, created_at, updated_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::jsonb[], $6::timestamptz[], $7::timestamptz[])
     ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, deadline = EXCLUDED.deadline, escalated_at = EXCLUDED.escalated_at,
       state = EXCLUDED.state, created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at`,
    [
      folded.map((p) => p.state.caseId),
      folded.map((p) => p.state.status),
      folded.map((p) => p.state.deadline ?? null),
      folded.map((p) => p.state.escalation?.at ?? null),
      folded.map((p) => JSON.stringify(p.state)),
      folded.map((p) => p.createdAt),
      folded.map((p) => p.updatedAt),
    ],
  );
  return new Map(folded.map((p) => [p.state.caseId, p.state]));
}

export const waiverReviewReadModel: ReadModel = {
  service: 'waiver-review',
  schema: 'waiver_review',
  tables: ['reviews'],
  consumers: [THREAT_REPORTS_CONSUMER, DUTY_DETERMINATIONS_CONSUMER],
  types: ['ThreatReported', 'DutyDetermined', ...PUBLISHED],
  apply: projectReviews,
};
