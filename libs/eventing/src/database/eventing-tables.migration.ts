import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The transactional outbox and the idempotent inbox, in the service's own schema. */
export class EventingTables1764100000000 implements MigrationInterface {
  name = 'EventingTables1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        position    bigserial PRIMARY KEY,
        message_id  text NOT NULL UNIQUE,
        topic       text NOT NULL,
        key         text NOT NULL,
        value       text NOT NULL,
        headers     jsonb NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        sent_at     timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unsent ON outbox (position) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        consumer    text NOT NULL,
        message_id  text NOT NULL,
        topic       text NOT NULL,
        partition   int NOT NULL,
        "offset"    bigint NOT NULL,
        handled_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
    await q.query('DROP TABLE outbox');
  }
}
