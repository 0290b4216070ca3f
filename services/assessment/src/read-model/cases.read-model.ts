import type { ForewarnEvent } from '@forewarn/contracts';
import { byCase, laterOf, type ReadModel, type Sql } from '@forewarn/read-model';
import type { AssessmentEvent } from '../domain/assessment.events';
import { initialCase, type AssessmentCase } from '../domain/assessment.state';
import { evolve } from '../domain/evolve';
import { CASE_COLUMNS, toCase, type CaseRow } from '../infrastructure/case.repository';
import { THREAT_REPORTS_CONSUMER } from '../events/consumers';

/** An envelope as the domain event it records (who and when from the envelope). */
export function assessmentEvent(e: ForewarnEvent): AssessmentEvent | null {
  const metadata = { at: e.occurredAt, by: e.actor.id, eventId: e.eventId, correlationId: e.correlationId };
  switch (e.type) {
    case 'ThreatReported':
      return { type: e.type, data: e.data, metadata };
    case 'AnalystAssessmentRecorded':
      return { type: e.type, data: e.data, metadata };
    case 'DutyDetermined':
      return { type: e.type, data: e.data, policyVersion: e.policyVersion!, metadata };
    default:
      return null;
  }
}

interface Projected {
  state: AssessmentCase;
  /** The latest occurredAt among the events that changed the case. */
  updatedAt: string;
}

/** Pure: a case's stored projection (or none) with more of its events folded in. */
export function foldCase(caseId: string, stored: Projected | undefined, events: readonly ForewarnEvent[]): Projected {
  let { state, updatedAt } = stored ?? { state: initialCase(caseId), updatedAt: undefined as string | undefined };
  for (const e of events) {
    const event = assessmentEvent(e);
    const next = event ? evolve(state, event) : state;
    // An event that changes nothing (a second report) leaves the time alone too.
    if (next !== state) updatedAt = laterOf(updatedAt, e.occurredAt);
    state = next;
  }
  return { state, updatedAt: updatedAt! };
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Assessment's read model: `cases`, one row per case, the fold (domain/evolve.ts) of the
 * ThreatReported events it handled and the DutyDetermined and AnalystAssessmentRecorded events
 * it emitted. Every column comes from the events (no now()). Returns the cases as folded.
 */
export async function projectCases(sql: Sql, events: readonly ForewarnEvent[]): Promise<Map<string, AssessmentCase>> {
  const cases = byCase(events);
  if (cases.size === 0) return new Map();
  const stored = await sql<CaseRow & { updated_at: Date }>(`SELECT ${CASE_COLUMNS}, updated_at FROM cases WHERE case_id = ANY($1::text[])`, [[...cases.keys()]]);
  const before = new Map(stored.map((r) => [r.case_id, { state: toCase(r), updatedAt: r.updated_at.toISOString() }]));
  const folded = [...cases].map(([caseId, caseEvents]) => foldCase(caseId, before.get(caseId), caseEvents)).filter((p) => p.state.status !== 'NEW');
  for (const { state } of folded) {
    // The domain never decides without the report; without it here, the log is missing it.
    if (!state.report) throw new Error(`case ${state.caseId}: assessment events without the ThreatReported they answer`);
  }
  if (folded.length > 0) {
    await sql(
      `INSERT INTO cases (case_id, state, report, received_at, decision, assessment, correlation_id, last_event_id, updated_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::jsonb[], $6::jsonb[], $7::text[], $8::text[], $9::timestamptz[])
       ON CONFLICT (case_id) DO UPDATE SET state = EXCLUDED.state, report = EXCLUDED.report, received_at = EXCLUDED.received_at,
         decision = EXCLUDED.decision, assessment = EXCLUDED.assessment, correlation_id = EXCLUDED.correlation_id,
         last_event_id = EXCLUDED.last_event_id, updated_at = EXCLUDED.updated_at`,
      [
        folded.map((p) => p.state.caseId),
        folded.map((p) => p.state.status),
        folded.map((p) => json(p.state.report)),
        folded.map((p) => p.state.receivedAt),
        folded.map((p) => json(p.state.decision)),
        folded.map((p) => json(p.state.assessment)),
        folded.map((p) => p.state.correlationId),
        folded.map((p) => p.state.lastEventId),
        folded.map((p) => p.updatedAt),
      ],
    );
  }
  return new Map(folded.map((p) => [p.state.caseId, p.state]));
}

export const assessmentReadModel: ReadModel = {
  service: 'assessment',
  schema: 'assessment',
  tables: ['cases'],
  consumers: [THREAT_REPORTS_CONSUMER],
  types: ['ThreatReported', 'DutyDetermined', 'AnalystAssessmentRecorded'],
  apply: projectCases,
};
