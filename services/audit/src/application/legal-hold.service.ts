import { Injectable } from '@nestjs/common';
import type { Actor } from '@forewarn/contracts';
import { DataSource } from 'typeorm';
import { EventingRuntime } from '@forewarn/eventing';
import { AuditError } from '../domain/audit-errors';
import { sqlOf } from '../infrastructure/sql-adapters';

/**
 * Legal holds: a held case is never purged. Placing and lifting are each recorded in the
 * append-only legal_hold_history, in the same transaction as the change.
 */
@Injectable()
export class LegalHoldService {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly dataSource: DataSource,
  ) {}

  place(caseId: string, reason: string, actor: Actor) {
    return this.runtime.transact(async (ctx) => {
      const sql = sqlOf(ctx.manager);
      // A hold is on a case the log knows: one on a mistyped id would protect nothing.
      const [known] = await sql(`SELECT 1 FROM case_log WHERE case_id = $1 LIMIT 1`, [caseId]);
      if (!known) throw new AuditError('AUDIT.CASE_NOT_FOUND', `no event of case ${caseId} is in the log`);
      const placed = await sql(`INSERT INTO legal_holds (case_id, reason, placed_by) VALUES ($1, $2, $3) ON CONFLICT (case_id) DO NOTHING RETURNING placed_at`, [
        caseId,
        reason,
        actor.id,
      ]);
      if (placed.length === 0) throw new AuditError('AUDIT.LEGAL_HOLD_EXISTS', `case ${caseId} is already on legal hold`);
      await sql(`INSERT INTO legal_hold_history (case_id, action, reason, actor) VALUES ($1, 'PLACED', $2, $3)`, [caseId, reason, JSON.stringify(actor)]);
      return { caseId, onHold: true, reason, placedBy: actor.id, placedAt: (placed[0].placed_at as Date).toISOString() };
    });
  }

  lift(caseId: string, reason: string, actor: Actor) {
    return this.runtime.transact(async (ctx) => {
      const sql = sqlOf(ctx.manager);
      const [hold] = await sql(`SELECT case_id FROM legal_holds WHERE case_id = $1 FOR UPDATE`, [caseId]);
      if (!hold) throw new AuditError('AUDIT.LEGAL_HOLD_NOT_FOUND', `case ${caseId} is not on legal hold`);
      await sql(`DELETE FROM legal_holds WHERE case_id = $1`, [caseId]);
      await sql(`INSERT INTO legal_hold_history (case_id, action, reason, actor) VALUES ($1, 'LIFTED', $2, $3)`, [caseId, reason, JSON.stringify(actor)]);
      return { caseId, onHold: false, liftedBy: actor.id };
    });
  }

  async get(caseId: string) {
    const sql = sqlOf(this.dataSource);
    const [hold] = await sql(`SELECT reason, placed_by, placed_at FROM legal_holds WHERE case_id = $1`, [caseId]);
    const history = await sql(`SELECT action, reason, actor, at FROM legal_hold_history WHERE case_id = $1 ORDER BY id`, [caseId]);
    return {
      caseId,
      onHold: hold !== undefined,
      hold: hold ? { reason: hold.reason, placedBy: hold.placed_by, placedAt: hold.placed_at.toISOString() } : null,
      history: history.map((h) => ({ action: h.action, reason: h.reason, actor: h.actor, at: h.at.toISOString() })),
    };
  }
}
