import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per case. `state` is the review as domain/evolve.ts folds it (the choice: state kept
 * in a table, not rebuilt from events on each command); status, deadline and escalated_at
 * copy parts of it so the worklists and the deadline scan are plain indexed queries.
 */
export class WaiverReviews1764400000000 implements MigrationInterface {
  name = 'WaiverReviews1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reviews (
        case_id       text PRIMARY KEY,
        status        text NOT NULL,
        deadline      timestamptz,
        escalated_at  timestamptz,
        state         jsonb NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // The worklists and the deadline scan only ever look at open reviews, most urgent first.
    await q.query(`CREATE INDEX reviews_open_by_deadline ON reviews (deadline) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX reviews_by_status ON reviews (status, deadline)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reviews');
  }
}
