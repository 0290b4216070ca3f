import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dead letter keeps any payload: bytes that are not storable text arrive base64-encoded, and a
 * value too large to carry arrives cut to a preview; its size and digest say which it was.
 * Letters from before were always the whole value as text.
 */
export class DeadLetterPayloadBytes1765000000001 implements MigrationInterface {
  name = 'DeadLetterPayloadBytes1765000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE dead_letters
        ADD COLUMN payload_encoding text NOT NULL DEFAULT 'utf8' CHECK (payload_encoding IN ('utf8', 'base64')),
        ADD COLUMN payload_bytes int,
        ADD COLUMN payload_sha256 text,
        ADD COLUMN payload_truncated boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dead_letters DROP COLUMN payload_encoding, DROP COLUMN payload_bytes, DROP COLUMN payload_sha256, DROP COLUMN payload_truncated`);
  }
}
