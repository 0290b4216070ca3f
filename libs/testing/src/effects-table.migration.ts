import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A probe "effect" for backbone tests and benchmarks: one row per handled event, with no
 * unique constraint, so a duplicate effect shows up as a second row instead of an error.
 */
export class ProbeEffects1764100000001 implements MigrationInterface {
  name = 'ProbeEffects1764100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE effects (id bigserial PRIMARY KEY, message_id text NOT NULL, case_id text NOT NULL,
      produced_at timestamptz, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE effects');
  }
}
