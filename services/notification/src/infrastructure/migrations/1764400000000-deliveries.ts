import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per authorization. idempotency_key is the WarningAuthorized eventId and UNIQUE: a
 * redelivered or duplicated authorization can never create a second delivery (and so a second
 * warning), even if the inbox missed it. The lease columns let a worker hold a delivery during an
 * HTTP call without holding a transaction open.
 */
export class Deliveries1764400000000 implements MigrationInterface {
  name = 'Deliveries1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE deliveries (
        delivery_id      uuid PRIMARY KEY,
        idempotency_key  text NOT NULL UNIQUE,
        case_id          text NOT NULL,
        correlation_id   text NOT NULL,
        last_event_id    text NOT NULL,
        source_agency    text NOT NULL,
        report_id        text NOT NULL,
        channel          text NOT NULL,
        recipient_kind   text NOT NULL,
        recipient_name   text NOT NULL,
        adapter          text NOT NULL,
        policy_version   text NOT NULL,
        warning          jsonb NOT NULL,
        text             text NOT NULL,
        issued_at        timestamptz NOT NULL,
        state            text NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'ESCALATED')),
        attempts         int NOT NULL DEFAULT 0,
        attempt_limit    int NOT NULL,
        next_attempt_at  timestamptz,
        lease_token      uuid,
        lease_until      timestamptz,
        last_error       text,
        last_attempt_at  timestamptz,
        delivered_at     timestamptz,
        escalated_at     timestamptz,
        ack_by           text,
        ack_via          text CHECK (ack_via IN ('API', 'KAFKA')),
        ack_at           timestamptz,
        ack_note         text,
        ack_recorded_at  timestamptz
      )`);
    await q.query(`CREATE INDEX deliveries_case ON deliveries (case_id, issued_at)`);
    await q.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'PENDING'`);
    await q.query(`CREATE INDEX deliveries_state ON deliveries (state, issued_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE deliveries');
  }
}
