import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { DeliveryError } from '../domain/delivery.errors';
import { findDelivery, rescheduleForRetry } from '../infrastructure/delivery.repository';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { projectDeliveries } from '../read-model/deliveries.read-model';
import { emitForDelivery } from './delivery-events';

/**
 * An operator puts an ESCALATED delivery back to PENDING with a fresh attempt budget. Recorded as
 * WarningDispatched again, by the operator, with the SAME deliveryId, idempotency key, warning and
 * text: it is the same warning handed to its adapter again, not a second warning, and the receiver
 * dedupes on the key. (A dedicated `DeliveryRetryRequested` event would read better; the contract
 * has none yet.)
 */
@Injectable()
export class RetryDeliveryHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  retry(deliveryId: string, operator: Actor): Promise<{ deliveryId: string; state: 'PENDING'; attemptLimit: number }> {
    return this.runtime.transact(async (ctx) => {
      const d = await findDelivery(ctx.manager, { deliveryId }, true);
      if (!d) throw new DeliveryError('DELIVERY.NOT_FOUND', `no delivery ${deliveryId}`);
      if (d.state !== 'ESCALATED') throw new DeliveryError('DELIVERY.NOT_ESCALATED', `delivery ${deliveryId} is ${d.state}; only an ESCALATED delivery can be retried`);
      const dispatched = emitForDelivery(
        ctx,
        d,
        'WarningDispatched',
        { deliveryId: d.deliveryId, idempotencyKey: d.idempotencyKey, adapter: d.adapter, warning: d.warning, text: d.text },
        operator,
      );
      await projectDeliveries(sqlOf(ctx.manager), [dispatched]);
      const attemptLimit = d.attempts + this.config.retry.maxAttempts;
      await rescheduleForRetry(ctx.manager, d.deliveryId, attemptLimit);
      return { deliveryId: d.deliveryId, state: 'PENDING' as const, attemptLimit };
    });
  }
}
