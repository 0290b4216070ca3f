import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ForewarnEvent } from '@forewarn/contracts';
import { newEvent, type HandlerContext } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { planWarning } from '../domain/warning-plan';
import { KafkaChannelAdapter, noPartnerFor } from '../infrastructure/adapters/kafka.adapter';
import { findDelivery, scheduleDelivery } from '../infrastructure/delivery.repository';
import { notificationMetrics } from '../infrastructure/notification.metrics';
import { NOTIFICATION_CONFIG, type NotificationConfig } from '../notification.config';
import { projectDeliveries } from '../read-model/deliveries.read-model';
import { notificationActor, policy, producer, sendCaseStatus } from './delivery-events';

export interface DispatchResult {
  deliveryId: string | null;
  duplicate: boolean;
}

/**
 * A WarningAuthorized becomes exactly one delivery, in the consumer's transaction: plan by policy,
 * build the sanitized warning and its text, emit DeliveryPlanned and WarningDispatched, and record
 * the delivery through the read model's projection of those events. On the kafka adapter the
 * partner message, WarningDelivered and WARNED status commit in the same transaction; on the
 * webhook the delivery waits, PENDING, for the worker.
 */
@Injectable()
export class DispatchWarningHandler {
  constructor(
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
    private readonly kafka: KafkaChannelAdapter,
  ) {}

  async dispatchIn(ctx: HandlerContext, authorization: ForewarnEvent<'WarningAuthorized'>): Promise<DispatchResult> {
    // The idempotency key, not only the inbox, decides: a second authorization event with the same
    // id (a redrive, a second consumer) writes and emits nothing. Two at once: the UNIQUE key refuses one.
    if (await findDelivery(ctx.manager, { idempotencyKey: authorization.eventId }, true)) return { deliveryId: null, duplicate: true };
    const { caseId } = authorization;
    const deliveryId = randomUUID();
    const planned = planWarning({ warningId: deliveryId, caseId, authorization: authorization.data }, policy);
    const adapter = this.config.routing[planned.plan.channel];
    const issuedAt = new Date().toISOString();
    const origin = { producer, actor: notificationActor, policyVersion: planned.policyVersion };
    // The agency the warning goes to (its topic on Kafka; on any adapter, the one whose acknowledgement counts).
    const partner = await this.kafka.recipientOf(planned.plan);

    const plannedEvent = newEvent('DeliveryPlanned', caseId, { plan: planned.plan, facts: planned.facts }, { ...origin, cause: authorization });
    const dispatched = newEvent(
      'WarningDispatched',
      caseId,
      { deliveryId, idempotencyKey: authorization.eventId, adapter, warning: planned.warning, text: planned.text, ...(partner ? { partner } : {}) },
      { ...origin, cause: plannedEvent, occurredAt: issuedAt },
    );
    // On Kafka, handing the warning to the outbox in this transaction is the delivery; with no
    // partner to hand it to, it is escalated at once, for a person to deliver.
    const outcome =
      adapter !== 'kafka'
        ? undefined
        : partner
          ? newEvent('WarningDelivered', caseId, { deliveryId, adapter, attempts: 1 }, { producer, actor: notificationActor, cause: dispatched, occurredAt: issuedAt })
          : newEvent('WarningDeliveryFailed', caseId, { deliveryId, adapter, attempts: 1, error: noPartnerFor(planned.plan), final: true }, { producer, actor: notificationActor, cause: dispatched, occurredAt: issuedAt });
    const events: ForewarnEvent[] = outcome ? [plannedEvent, dispatched, outcome] : [plannedEvent, dispatched];

    await projectDeliveries(sqlOf(ctx.manager), [authorization, ...events]);
    await scheduleDelivery(ctx.manager, { deliveryId, attemptsStarted: outcome ? 1 : 0, attemptLimit: outcome ? 1 : this.config.retry.maxAttempts, dueNow: !outcome, lastAttemptAt: outcome ? issuedAt : null });
    ctx.emit(plannedEvent);
    ctx.emit(dispatched);
    if (outcome) ctx.emit(outcome);
    if (outcome?.type === 'WarningDelivered' && partner) {
      const delivery = { caseId, deliveryId, idempotencyKey: authorization.eventId, issuedAt, warning: planned.warning, text: planned.text, source: authorization.data.source };
      this.kafka.deliverIn(ctx, partner, delivery);
      await sendCaseStatus(ctx, delivery, 'WARNED', issuedAt);
    }
    // Counted inside the transaction: a rollback (rare) would over-count; the table is the truth.
    if (outcome) notificationMetrics.attempts.inc({ adapter, result: outcome.type === 'WarningDelivered' ? 'delivered' : 'escalated' });
    return { deliveryId, duplicate: false };
  }
}
