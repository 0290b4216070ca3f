import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records are identified by coordinates and content (inbox/record-identity.ts, docs/inbox.md).
 * The inbox keeps which record claimed each message (`record_id`); claims made before this
 * migration get their coordinates, the identity of that time, which no new id can equal. Per
 * partition, the point by which a consumer notices a replaced log, and each time it did.
 */
export class EventingRecordIdentity1764800000000 implements MigrationInterface {
  name = 'EventingRecordIdentity1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox ADD COLUMN record_id text`);
    await q.query(`UPDATE inbox SET record_id = topic || ':' || partition || ':' || "offset"`);
    await q.query(`ALTER TABLE inbox ALTER COLUMN record_id SET NOT NULL`);
    await q.query(`
      CREATE TABLE consumer_positions (
        consumer       text NOT NULL,
        topic          text NOT NULL,
        partition      int NOT NULL,
        cluster_id     text NOT NULL,
        last_offset    bigint NOT NULL,
        last_record_id text NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, topic, partition)
      )`);
    await q.query(`
      CREATE TABLE consumer_log_replacements (
        id                  bigserial PRIMARY KEY,
        consumer            text NOT NULL,
        topic               text NOT NULL,
        partition           int NOT NULL,
        kind                text NOT NULL CHECK (kind IN ('cluster-changed', 'log-truncated', 'offset-reused', 'topic-deleted')),
        previous_cluster_id text NOT NULL,
        cluster_id          text NOT NULL,
        previous_offset     bigint NOT NULL,
        first_offset_seen   bigint,
        high_watermark      bigint,
        rewound_to          bigint,
        detected_at         timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE consumer_log_replacements');
    await q.query('DROP TABLE consumer_positions');
    await q.query('ALTER TABLE inbox DROP COLUMN record_id');
  }
}
