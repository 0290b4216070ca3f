import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per (sourceAgency, reportId): the key that makes a resubmission a no-op. */
export class ThreatReports1764200000000 implements MigrationInterface {
  name = 'ThreatReports1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE threat_reports (
        source_agency text NOT NULL,
        report_id     text NOT NULL,
        case_id       uuid NOT NULL UNIQUE,
        received_via  text NOT NULL,
        received_at   timestamptz NOT NULL,
        report        jsonb NOT NULL,
        PRIMARY KEY (source_agency, report_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE threat_reports');
  }
}
