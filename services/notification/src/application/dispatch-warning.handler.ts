import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ForewarnEvent } from '@forewarn/contracts';
import { newEvent, type HandlerContext } from '@forewarn/eventing';
import { getPolicy } from '@forewarn/policy';
import { loadConfig } from '@forewarn/platform';
import type { Delivery } from '../domain/delivery';
import { planWarning } from '../domain/warning-plan';
import { KafkaChannelAdapter } from '../infrastructure/adapters/kafka.adapter';
import { insertDelivery } from '../infrastructure/delivery.repository';
import { notificationMetrics } from '../infrastructure/notification.metrics';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { notificationActor, producer, sendCaseStatus } from './delivery-events';

export interface DispatchResult {
  deliveryId: string | null;
  duplicate: boolean;
}

/**
 * A WarningAuthorized becomes exactly one delivery, in the consumer's transaction: plan by policy,
 * build the sanitized warning and its text, record the delivery and emit DeliveryPlanned and
 * WarningDispatched. On the kafka adapter the partner message, WarningDelivered and WARNED status
 * commit in the same transaction; on the webhook the delivery waits, PENDING, for the worker.
 */
@Injectable()
export class DispatchWarningHandler {
  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly kafka: KafkaChannelAdapter,
  ) {}

  async dispatchIn(ctx: HandlerContext, authorization: ForewarnEvent<'WarningAuthorized'>): Promise<DispatchResult> {
    const policy = getPolicy(loadConfig('notification').policyVersion);
    const { caseId } = authorization;
    const deliveryId = randomUUID();
    const planned = planWarning({ warningId: deliveryId, caseId, authorization: authorization.data }, policy);
    const adapter = this.config.routing[planned.plan.channel];
    const issuedAt = new Date().toISOString();
    const origin = { producer, actor: notificationActor, policyVersion: planned.policyVersion };

    const plannedEvent = newEvent('DeliveryPlanned', caseId, { plan: planned.plan, facts: planned.facts }, { ...origin, cause: authorization });
    const dispatched = newEvent(
      'WarningDispatched',
      caseId,
      { deliveryId, idempotencyKey: authorization.eventId, adapter, warning: planned.warning, text: planned.text },
      { ...origin, cause: plannedEvent, occurredAt: issuedAt },
    );
    const delivered =
      adapter === 'kafka'
        ? newEvent('WarningDelivered', caseId, { deliveryId, adapter, attempts: 1 }, { producer, actor: notificationActor, cause: dispatched })
        : undefined;

    const delivery: Delivery = {
      deliveryId,
      idempotencyKey: authorization.eventId,
      caseId,
      correlationId: authorization.correlationId,
      lastEventId: (delivered ?? dispatched).eventId,
      source: authorization.data.source,
      channel: planned.plan.channel,
      recipient: planned.plan.recipient,
      adapter,
      policyVersion: planned.policyVersion,
      warning: planned.warning,
      text: planned.text,
      issuedAt,
      state: delivered ? 'DELIVERED' : 'PENDING',
      attempts: delivered ? 1 : 0,
      attemptLimit: delivered ? 1 : this.config.retry.maxAttempts,
      nextAttemptAt: null,
      leaseUntil: null,
      lastError: null,
      lastAttemptAt: delivered ? issuedAt : null,
      deliveredAt: delivered ? issuedAt : null,
      escalatedAt: null,
      acknowledgement: null,
      acknowledgementRecordedAt: null,
    };
    // The UNIQUE idempotency key, not only the inbox, decides: a second authorization event with
    // the same id (a redrive, a second consumer) writes and emits nothing.
    if (!(await insertDelivery(ctx.manager, { ...delivery, retryNow: !delivered }))) return { deliveryId: null, duplicate: true };

    ctx.emit(plannedEvent);
    ctx.emit(dispatched);
    if (delivered) {
      this.kafka.deliverIn(ctx, delivery);
      ctx.emit(delivered);
      sendCaseStatus(ctx, delivery, 'WARNED', issuedAt);
      // Counted inside the transaction: a rollback (rare) would over-count; the table is the truth.
      notificationMetrics.attempts.inc({ adapter, result: 'delivered' });
    }
    return { deliveryId, duplicate: false };
  }
}
