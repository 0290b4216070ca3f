import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventingRuntime, type HandlerContext } from '@forewarn/eventing';
import { afterFailedAttempt, type AttemptOutcome } from '../domain/attempt-outcome';
import type { Delivery } from '../domain/delivery';
import { toDelivery, updatedRows } from '../infrastructure/delivery.repository';
import { notificationMetrics } from '../infrastructure/notification.metrics';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { emitAcknowledged, emitForDelivery, notificationActor, sendCaseStatus } from './delivery-events';

export interface ClaimedDelivery {
  delivery: Delivery;
  /** Proves this worker still holds the delivery when it records a failure. */
  leaseToken: string;
}

export const INTERRUPTED = 'attempt interrupted: the delivering process stopped before recording the outcome; resending with the same Idempotency-Key';

/** The delivery worker's transactions: short ones around the HTTP call, never one spanning it. */
@Injectable()
export class RecordAttemptHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  /**
   * Takes due PENDING webhook deliveries (SKIP LOCKED: instances never take the same one) and
   * leases them. A delivery whose lease ran out was held by a process that died mid-attempt: that
   * attempt is recorded as failed with outcome unknown, and counts toward the limit.
   */
  claimDue(limit: number): Promise<ClaimedDelivery[]> {
    return this.runtime.transact(async (ctx) => {
      const rows = await ctx.manager.query(
        `SELECT * FROM deliveries
         WHERE state = 'PENDING' AND adapter = 'webhook' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
         ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      const claimed: ClaimedDelivery[] = [];
      for (const d of rows.map(toDelivery) as Delivery[]) {
        if (d.leaseUntil !== null && d.attempts > 0) {
          const after = afterFailedAttempt({ attempts: d.attempts, attemptLimit: d.attemptLimit, permanent: false }, this.config.retry);
          const lastEventId = this.emitFailed(ctx, d, INTERRUPTED, after.final);
          if (after.final) {
            await this.escalate(ctx, d, INTERRUPTED, lastEventId);
            notificationMetrics.attempts.inc({ adapter: d.adapter, result: 'escalated' });
            continue;
          }
          d.lastEventId = lastEventId;
        }
        const leaseToken = randomUUID();
        await ctx.manager.query(
          `UPDATE deliveries SET attempts = attempts + 1, lease_token = $2, lease_until = now() + make_interval(secs => $3::float8 / 1000),
             last_attempt_at = now(), last_event_id = $4 WHERE delivery_id = $1`,
          [d.deliveryId, leaseToken, this.config.worker.leaseMs, d.lastEventId],
        );
        claimed.push({ delivery: { ...d, attempts: d.attempts + 1 }, leaseToken });
      }
      return claimed;
    });
  }

  async record(claim: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    const adapter = claim.delivery.adapter;
    if (outcome.kind === 'DELIVERED') {
      if (await this.runtime.transact((ctx) => this.delivered(ctx, claim))) notificationMetrics.attempts.inc({ adapter, result: 'delivered' });
      return;
    }
    const result = await this.runtime.transact((ctx) => this.failed(ctx, claim, outcome.error, outcome.kind === 'PERMANENT'));
    if (result) notificationMetrics.attempts.inc({ adapter, result });
  }

  /** A 2xx proves delivery even if the lease was lost or the delivery escalated meanwhile. */
  private async delivered(ctx: HandlerContext, claim: ClaimedDelivery): Promise<boolean> {
    const rows = updatedRows(
      await ctx.manager.query(
        `UPDATE deliveries SET state = 'DELIVERED', delivered_at = now(), lease_token = NULL, lease_until = NULL, next_attempt_at = NULL
         WHERE delivery_id = $1 AND state <> 'DELIVERED' RETURNING *`,
        [claim.delivery.deliveryId],
      ),
    );
    if (rows.length === 0) return false; // another worker recorded it first
    const d = toDelivery(rows[0]);
    const at = d.deliveredAt ?? new Date().toISOString();
    d.lastEventId = emitForDelivery(ctx, d, 'WarningDelivered', { deliveryId: d.deliveryId, adapter: d.adapter, attempts: d.attempts });
    sendCaseStatus(ctx, d, 'WARNED', at);
    // A partner acknowledgement that overtook our record of delivery is recorded now, after it.
    if (d.acknowledgement && !d.acknowledgementRecordedAt) {
      const actor = { kind: 'service' as const, id: `partner:${d.acknowledgement.by}` };
      d.lastEventId = emitAcknowledged(ctx, d, d.acknowledgement, actor, at);
      await ctx.manager.query(`UPDATE deliveries SET ack_recorded_at = now() WHERE delivery_id = $1`, [d.deliveryId]);
    }
    await ctx.manager.query(`UPDATE deliveries SET last_event_id = $2 WHERE delivery_id = $1`, [d.deliveryId, d.lastEventId]);
    return true;
  }

  /** Records a failed attempt if this worker still holds the lease; returns the metric result. */
  private async failed(ctx: HandlerContext, claim: ClaimedDelivery, error: string, permanent: boolean): Promise<'failed' | 'escalated' | null> {
    const rows = await ctx.manager.query(`SELECT * FROM deliveries WHERE delivery_id = $1 AND lease_token = $2 AND state = 'PENDING' FOR UPDATE`, [
      claim.delivery.deliveryId,
      claim.leaseToken,
    ]);
    if (rows.length === 0) return null; // the lease expired and another worker took over
    const d = toDelivery(rows[0]);
    const after = afterFailedAttempt({ attempts: d.attempts, attemptLimit: d.attemptLimit, permanent }, this.config.retry);
    const lastEventId = this.emitFailed(ctx, d, error, after.final);
    if (after.final) {
      await this.escalate(ctx, d, error, lastEventId);
      return 'escalated';
    }
    await ctx.manager.query(
      `UPDATE deliveries SET next_attempt_at = now() + make_interval(secs => $2::float8 / 1000), lease_token = NULL, lease_until = NULL,
         last_error = $3, last_event_id = $4 WHERE delivery_id = $1`,
      [d.deliveryId, after.retryInMs, error, lastEventId],
    );
    return 'failed';
  }

  private emitFailed(ctx: HandlerContext, d: Delivery, error: string, final: boolean): string {
    const data = { deliveryId: d.deliveryId, adapter: d.adapter, attempts: d.attempts, error: error.slice(0, 4000), final };
    return emitForDelivery(ctx, d, 'WarningDeliveryFailed', data, notificationActor);
  }

  /** Out of attempts, or refused for good: a person takes over (worklist, POST .../retry). */
  private async escalate(ctx: HandlerContext, d: Delivery, error: string, lastEventId: string): Promise<void> {
    await ctx.manager.query(
      `UPDATE deliveries SET state = 'ESCALATED', escalated_at = now(), next_attempt_at = NULL, lease_token = NULL, lease_until = NULL,
         last_error = $2, last_event_id = $3 WHERE delivery_id = $1`,
      [d.deliveryId, error, lastEventId],
    );
  }
}
