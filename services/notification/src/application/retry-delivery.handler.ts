import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { DeliveryError } from '../domain/delivery.errors';
import { KafkaChannelAdapter, noPartnerFor } from '../infrastructure/adapters/kafka.adapter';
import { findDelivery, rescheduleForRetry, scheduleNext } from '../infrastructure/delivery.repository';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { projectDeliveries } from '../read-model/deliveries.read-model';
import { emitForDelivery, sendCaseStatus } from './delivery-events';

/**
 * An operator puts an ESCALATED delivery back to PENDING with a fresh attempt budget. Recorded as
 * WarningDispatched again, by the operator, with the SAME deliveryId, idempotency key, warning and
 * text: it is the same warning handed to its adapter again, not a second warning, and the receiver
 * dedupes on the key. (A dedicated `DeliveryRetryRequested` event would read better; the contract
 * has none yet.) A kafka delivery that had no partner to go to is delivered at once to the agency
 * that now receives it, or refused while none does.
 */
@Injectable()
export class RetryDeliveryHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly kafka: KafkaChannelAdapter,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  retry(deliveryId: string, operator: Actor): Promise<{ deliveryId: string; state: 'PENDING' | 'DELIVERED'; attemptLimit: number }> {
    return this.runtime.transact(async (ctx) => {
      const d = await findDelivery(ctx.manager, { deliveryId }, true);
      if (!d) throw new DeliveryError('DELIVERY.NOT_FOUND', `no delivery ${deliveryId}`);
      if (d.state !== 'ESCALATED') throw new DeliveryError('DELIVERY.NOT_ESCALATED', `delivery ${deliveryId} is ${d.state}; only an ESCALATED delivery can be retried`);
      const partner = (await this.kafka.recipientOf(d)) ?? d.partner;
      if (d.adapter === 'kafka' && !partner) throw new DeliveryError('DELIVERY.NO_PARTNER', noPartnerFor(d));
      const dispatched = emitForDelivery(
        ctx,
        d,
        'WarningDispatched',
        { deliveryId: d.deliveryId, idempotencyKey: d.idempotencyKey, adapter: d.adapter, warning: d.warning, text: d.text, ...(partner ? { partner } : {}) },
        operator,
      );
      const attemptLimit = d.attempts + this.config.retry.maxAttempts;
      if (d.adapter === 'kafka' && partner) {
        // Handed to the partner's topic in this transaction: delivered, as on first dispatch.
        const delivered = emitForDelivery(ctx, { ...d, lastEventId: dispatched.eventId }, 'WarningDelivered', { deliveryId: d.deliveryId, adapter: d.adapter, attempts: d.attempts + 1 });
        this.kafka.deliverIn(ctx, partner, d);
        await sendCaseStatus(ctx, d, 'WARNED', delivered.occurredAt);
        await projectDeliveries(sqlOf(ctx.manager), [dispatched, delivered]);
        await scheduleNext(ctx.manager, d.deliveryId, null);
        return { deliveryId: d.deliveryId, state: 'DELIVERED' as const, attemptLimit };
      }
      await projectDeliveries(sqlOf(ctx.manager), [dispatched]);
      await rescheduleForRetry(ctx.manager, d.deliveryId, attemptLimit);
      return { deliveryId: d.deliveryId, state: 'PENDING' as const, attemptLimit };
    });
  }
}
