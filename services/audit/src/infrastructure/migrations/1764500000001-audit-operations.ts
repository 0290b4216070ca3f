import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Dead letters for the operators, legal holds and purge runs (the latter two append-only). */
export class AuditOperations1764500000001 implements MigrationInterface {
  name = 'AuditOperations1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dead_letters (
        dead_letter_id   text PRIMARY KEY,
        reason           text NOT NULL,
        errors           jsonb NOT NULL,
        original_topic   text NOT NULL,
        partition        int NOT NULL,
        "offset"         text NOT NULL,
        key              text,
        payload          text NOT NULL,
        consumer         text NOT NULL,
        attempts         int NOT NULL,
        failed_at        timestamptz NOT NULL,
        received_at      timestamptz NOT NULL DEFAULT now(),
        redrive_count    int NOT NULL DEFAULT 0,
        last_redriven_at timestamptz,
        last_redriven_by text
      )`);
    await q.query(`CREATE INDEX dead_letters_failed ON dead_letters (failed_at DESC, dead_letter_id)`);
    await q.query(`CREATE INDEX dead_letters_key ON dead_letters (key)`);
    await q.query(`
      CREATE TABLE legal_holds (
        case_id   text PRIMARY KEY,
        reason    text NOT NULL,
        placed_by text NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE legal_hold_history (
        id      bigserial PRIMARY KEY,
        case_id text NOT NULL,
        action  text NOT NULL CHECK (action IN ('PLACED', 'LIFTED')),
        reason  text NOT NULL,
        actor   jsonb NOT NULL,
        at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE purge_runs (
        id              bigserial PRIMARY KEY,
        requested_before timestamptz NOT NULL,
        cutoff          timestamptz NOT NULL,
        retention_days  numeric NOT NULL,
        run_by          text NOT NULL,
        run_at          timestamptz NOT NULL DEFAULT now(),
        cases           int NOT NULL,
        entries         int NOT NULL,
        digest          text NOT NULL
      )`);
    for (const table of ['legal_hold_history', 'purge_runs']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['purge_runs', 'legal_hold_history', 'legal_holds', 'dead_letters']) await q.query(`DROP TABLE ${t}`);
  }
}
