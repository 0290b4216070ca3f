import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventingRuntime, type HandlerContext } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { afterFailedAttempt, type AttemptOutcome } from '../domain/attempt-outcome';
import type { Delivery } from '../domain/delivery';
import { findDelivery, holdsLease, lockDueDeliveries, scheduleNext, startAttempt } from '../infrastructure/delivery.repository';
import { notificationMetrics } from '../infrastructure/notification.metrics';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { projectDeliveries } from '../read-model/deliveries.read-model';
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
      const claimed: ClaimedDelivery[] = [];
      for (const d of await lockDueDeliveries(ctx.manager, limit)) {
        if (d.leaseUntil !== null && d.attempts > 0) {
          const after = afterFailedAttempt({ attempts: d.attempts, attemptLimit: d.attemptLimit, permanent: false }, this.config.retry);
          const failed = await this.recordFailed(ctx, d, INTERRUPTED, after.final);
          if (after.final) {
            await scheduleNext(ctx.manager, d.deliveryId, null);
            notificationMetrics.attempts.inc({ adapter: d.adapter, result: 'escalated' });
            continue;
          }
          d.lastEventId = failed.eventId;
        }
        const leaseToken = randomUUID();
        await startAttempt(ctx.manager, d.deliveryId, leaseToken, this.config.worker.leaseMs);
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
    const d = await findDelivery(ctx.manager, { deliveryId: claim.delivery.deliveryId }, true);
    if (!d || d.state === 'DELIVERED') return false; // another worker recorded it first
    const delivered = emitForDelivery(ctx, d, 'WarningDelivered', { deliveryId: d.deliveryId, adapter: d.adapter, attempts: d.attempts });
    await sendCaseStatus(ctx, d, 'WARNED', delivered.occurredAt);
    const events = [delivered];
    // A partner acknowledgement that overtook our record of delivery is recorded now, after it.
    if (d.acknowledgement && !d.acknowledgementRecordedAt) {
      const actor = { kind: 'service' as const, id: `partner:${d.acknowledgement.by}` };
      events.push(await emitAcknowledged(ctx, { ...d, lastEventId: delivered.eventId }, d.acknowledgement, actor, delivered.occurredAt));
    }
    await projectDeliveries(sqlOf(ctx.manager), events);
    await scheduleNext(ctx.manager, d.deliveryId, null);
    return true;
  }

  /** Records a failed attempt if this worker still holds the lease; returns the metric result. */
  private async failed(ctx: HandlerContext, claim: ClaimedDelivery, error: string, permanent: boolean): Promise<'failed' | 'escalated' | null> {
    const d = await findDelivery(ctx.manager, { deliveryId: claim.delivery.deliveryId }, true);
    // The lease expired and another worker took over, or the delivery was settled meanwhile.
    if (!d || d.state !== 'PENDING' || !(await holdsLease(ctx.manager, d.deliveryId, claim.leaseToken))) return null;
    const after = afterFailedAttempt({ attempts: d.attempts, attemptLimit: d.attemptLimit, permanent }, this.config.retry);
    await this.recordFailed(ctx, d, error, after.final);
    await scheduleNext(ctx.manager, d.deliveryId, after.final ? null : after.retryInMs);
    return after.final ? 'escalated' : 'failed';
  }

  /** WarningDeliveryFailed, projected: a final one escalates the delivery to a person (worklist, POST .../retry). */
  private async recordFailed(ctx: HandlerContext, d: Delivery, error: string, final: boolean) {
    const data = { deliveryId: d.deliveryId, adapter: d.adapter, attempts: d.attempts, error: error.slice(0, 4000), final };
    const failed = emitForDelivery(ctx, d, 'WarningDeliveryFailed', data, notificationActor);
    await projectDeliveries(sqlOf(ctx.manager), [failed]);
    return failed;
  }
}
