import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A dead letter names the record that failed (`record_id`, coordinates and content digest) and
 * is identified by that and the consumer that failed it, so a replaced broker or topic can never
 * give a new letter an old letter's id. Letters from before carry their coordinates, as they and
 * the inbox claims of that time were identified.
 */
export class DeadLetterRecords1764800000001 implements MigrationInterface {
  name = 'DeadLetterRecords1764800000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dead_letters ADD COLUMN record_id text`);
    await q.query(`UPDATE dead_letters SET record_id = dead_letter_id`);
    await q.query(`ALTER TABLE dead_letters ALTER COLUMN record_id SET NOT NULL`);
    // Read models leave out what a consumer dead-lettered (libs/read-model/src/event-log.ts).
    await q.query(`CREATE INDEX dead_letters_record ON dead_letters (record_id, consumer)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX dead_letters_record`);
    await q.query(`ALTER TABLE dead_letters DROP COLUMN record_id`);
  }
}
