import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CASE_PROJECTION_DDL } from '../case-projection.schema';

/**
 * The append-only, hash-chained case log and what guards it. Postgres itself refuses UPDATE,
 * DELETE and TRUNCATE on the log; the one exception is a purge (session flag audit.purge=on)
 * that may only blank an entry's content while its position, ids and hashes stay, so the
 * chain still verifies. The trigger stops mistakes and ORMs; the hash chain is what makes
 * deliberate tampering by a superuser visible.
 */
export class CaseLog1764500000000 implements MigrationInterface {
  name = 'CaseLog1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_log (
        position       bigint PRIMARY KEY,
        event_id       text NOT NULL UNIQUE,
        case_id        text NOT NULL,
        case_seq       int NOT NULL,
        type           text,
        occurred_at    timestamptz,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        producer       text,
        actor          text,
        policy_version text,
        causation_id   text,
        envelope       text,
        prev_hash      text NOT NULL,
        hash           text NOT NULL,
        purge_run_id   bigint,
        UNIQUE (case_id, case_seq)
      )`);
    await q.query(`
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested: the inner test names case_log's columns, which other tables do not have.
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'case_log' AND current_setting('audit.purge', true) = 'on' THEN
          IF NEW.envelope IS NULL AND OLD.purge_run_id IS NULL AND NEW.purge_run_id IS NOT NULL
             AND NEW.position = OLD.position AND NEW.event_id = OLD.event_id AND NEW.case_id = OLD.case_id
             AND NEW.case_seq = OLD.case_seq AND NEW.hash = OLD.hash AND NEW.prev_hash = OLD.prev_hash THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TABLE chain_head (
        id       smallint PRIMARY KEY CHECK (id = 1),
        position bigint NOT NULL,
        hash     text NOT NULL
      )`);
    await q.query(`INSERT INTO chain_head (id, position, hash) VALUES (1, 0, repeat('0', 64))`);
    await q.query(`
      CREATE TABLE checkpoints (
        position   bigint PRIMARY KEY,
        hash       text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const table of ['case_log', 'checkpoints']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION append_only()`);
      await q.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION append_only()`);
    }
    await q.query(`
      CREATE TABLE log_gaps (
        id                   bigserial PRIMARY KEY,
        kind                 text NOT NULL,
        case_id              text NOT NULL,
        event_id             text NOT NULL,
        position             bigint NOT NULL,
        expected             text NOT NULL,
        detected_at          timestamptz NOT NULL DEFAULT now(),
        resolved_at          timestamptz,
        resolved_by_event_id text,
        resolved_by_position bigint,
        UNIQUE (kind, event_id, expected)
      )`);
    await q.query(`CREATE INDEX log_gaps_open ON log_gaps (expected) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX log_gaps_case ON log_gaps (case_id)`);
    await q.query(CASE_PROJECTION_DDL);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['case_projection', 'log_gaps', 'checkpoints', 'chain_head', 'case_log']) await q.query(`DROP TABLE ${t}`);
    await q.query('DROP FUNCTION append_only()');
  }
}
