import type { ForewarnEvent } from '@forewarn/contracts';
import type { ReadModel, Sql } from '@forewarn/read-model';

/**
 * Intake's read model: `threat_reports`, one row per received report, a projection of the
 * ThreatReported events intake emitted. The row's key (sourceAgency, reportId) is also what makes
 * a resubmission a no-op: the first report wins, and only it was ever emitted.
 * Returns the caseIds whose report this call recorded.
 */
export async function projectThreatReports(sql: Sql, events: readonly ForewarnEvent[]): Promise<Set<string>> {
  const reported = events.filter((e): e is ForewarnEvent<'ThreatReported'> => e.type === 'ThreatReported');
  if (reported.length === 0) return new Set();
  const rows = await sql<{ case_id: string }>(
    `INSERT INTO threat_reports (source_agency, report_id, case_id, received_via, received_at, report)
     SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[])
     ON CONFLICT (source_agency, report_id) DO NOTHING RETURNING case_id`,
    [
      reported.map((e) => e.data.report.sourceAgency),
      reported.map((e) => e.data.report.reportId),
      reported.map((e) => e.caseId),
      reported.map((e) => e.data.receivedVia),
      reported.map((e) => e.data.receivedAt),
      reported.map((e) => JSON.stringify(e.data.report)),
    ],
  );
  return new Set(rows.map((r) => r.case_id));
}

export const intakeReadModel: ReadModel = {
  service: 'intake',
  schema: 'intake',
  tables: ['threat_reports'],
  // Reports from the partner topic are partner messages, not log events: the read model is what intake emitted.
  consumers: [],
  types: ['ThreatReported'],
  apply: projectThreatReports,
};

