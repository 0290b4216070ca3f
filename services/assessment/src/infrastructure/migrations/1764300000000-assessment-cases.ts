import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per case: the report the rule reads, the current state and the latest decision.
 * The row is the fold of the case's events (domain/evolve.ts); the events themselves live in
 * the outbox and on Kafka, which audit keeps.
 */
export class AssessmentCases1764300000000 implements MigrationInterface {
  name = 'AssessmentCases1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        case_id         text PRIMARY KEY,
        state           text NOT NULL,
        report          jsonb NOT NULL,
        received_at     timestamptz NOT NULL,
        decision        jsonb,
        assessment      jsonb,
        correlation_id  text NOT NULL,
        last_event_id   text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // The analysts' worklist reads waiting cases oldest first.
    await q.query(`CREATE INDEX cases_by_state ON cases (state, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE cases');
  }
}
