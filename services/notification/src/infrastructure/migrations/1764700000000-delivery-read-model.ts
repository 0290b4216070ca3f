import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Splits `deliveries` into what the log can rebuild and what it cannot:
 * - `deliveries` stays, and becomes the read model: every column a projection of the
 *   WarningAuthorized this service handled and the delivery events it emitted (times are the
 *   events' occurredAt; `attempts` is the count the events recorded).
 * - `delivery_schedule`: the worker's retry machinery (attempts started, the budget, the next
 *   attempt, the lease). Operational state, not in any event.
 * - `delivery_acknowledgements`: the first acknowledgement as received, with its time and note,
 *   which WarningAcknowledged (v1) does not carry; a held one waits here for DELIVERED.
 * No foreign keys to `deliveries`: a rebuild truncates it and refills it in one transaction.
 */
export class DeliveryReadModel1764700000000 implements MigrationInterface {
  name = 'DeliveryReadModel1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_schedule (
        delivery_id      uuid PRIMARY KEY,
        attempts_started int NOT NULL DEFAULT 0,
        attempt_limit    int NOT NULL,
        next_attempt_at  timestamptz,
        lease_token      uuid,
        lease_until      timestamptz,
        last_attempt_at  timestamptz
      )`);
    await q.query(`CREATE INDEX delivery_schedule_due ON delivery_schedule (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);
    await q.query(`
      INSERT INTO delivery_schedule (delivery_id, attempts_started, attempt_limit, next_attempt_at, lease_token, lease_until, last_attempt_at)
      SELECT delivery_id, attempts, attempt_limit, CASE WHEN state = 'PENDING' THEN next_attempt_at END, lease_token, lease_until, last_attempt_at
      FROM deliveries`);
    await q.query(`
      CREATE TABLE delivery_acknowledgements (
        delivery_id     uuid PRIMARY KEY,
        acknowledged_by text NOT NULL,
        via             text NOT NULL CHECK (via IN ('API', 'KAFKA')),
        acknowledged_at timestamptz NOT NULL,
        note            text,
        received_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO delivery_acknowledgements (delivery_id, acknowledged_by, via, acknowledged_at, note, received_at)
      SELECT delivery_id, ack_by, ack_via, ack_at, ack_note, coalesce(ack_recorded_at, now()) FROM deliveries WHERE ack_by IS NOT NULL`);
    // In the read model an acknowledgement is one WarningAcknowledged recorded; a held one is not (yet).
    await q.query(`UPDATE deliveries SET ack_by = NULL, ack_via = NULL WHERE ack_recorded_at IS NULL`);
    await q.query(`DROP INDEX deliveries_due`);
    await q.query(`
      ALTER TABLE deliveries DROP COLUMN attempt_limit, DROP COLUMN next_attempt_at, DROP COLUMN lease_token, DROP COLUMN lease_until,
        DROP COLUMN last_attempt_at, DROP COLUMN ack_at, DROP COLUMN ack_note`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deliveries ADD COLUMN attempt_limit int NOT NULL DEFAULT 1, ADD COLUMN next_attempt_at timestamptz, ADD COLUMN lease_token uuid,
        ADD COLUMN lease_until timestamptz, ADD COLUMN last_attempt_at timestamptz, ADD COLUMN ack_at timestamptz, ADD COLUMN ack_note text`);
    await q.query(`
      UPDATE deliveries d SET attempts = s.attempts_started, attempt_limit = s.attempt_limit, next_attempt_at = s.next_attempt_at,
        lease_token = s.lease_token, lease_until = s.lease_until, last_attempt_at = s.last_attempt_at
      FROM delivery_schedule s WHERE s.delivery_id = d.delivery_id`);
    await q.query(`
      UPDATE deliveries d SET ack_by = a.acknowledged_by, ack_via = a.via, ack_at = a.acknowledged_at, ack_note = a.note
      FROM delivery_acknowledgements a WHERE a.delivery_id = d.delivery_id`);
    await q.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'PENDING'`);
    await q.query('DROP TABLE delivery_acknowledgements');
    await q.query('DROP TABLE delivery_schedule');
  }
}
