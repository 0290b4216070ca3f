import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which partner agency a kafka delivery went to (WarningDispatched's `partner`): its warnings
 * topic, and the only agency whose acknowledgement counts. Deliveries from before per-agency
 * topics went to the shared topic and name none.
 */
export class DeliveryPartner1764800000002 implements MigrationInterface {
  name = 'DeliveryPartner1764800000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries ADD COLUMN partner text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP COLUMN partner`);
  }
}
