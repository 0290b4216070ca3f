import type { Actor, ForewarnEvent, ForewarnEventDataMap, PartnerCaseStatusValue } from '@forewarn/contracts';
import { newEvent, serviceActor, type HandlerContext } from '@forewarn/eventing';
import { getPolicy } from '@forewarn/policy';
import { loadConfig } from '@forewarn/platform';
import type { Delivery } from '../domain/delivery';
import { partnerCaseStatus } from '../domain/partner-messages';

export const producer = { service: 'notification', version: loadConfig('notification').version };
export const notificationActor: Actor = serviceActor(producer);
/** The policy warnings are planned and written by (FOREWARN_POLICY_VERSION), read once like the producer. */
export const policy = getPolicy(loadConfig('notification').policyVersion);

type DeliveryEventType = 'WarningDispatched' | 'WarningDelivered' | 'WarningDeliveryFailed' | 'WarningAcknowledged';

/**
 * Emits one event about a delivery, in the caller's transaction. Each names the delivery's
 * previous event as its cause, so the log reads as a chain: dispatched -> failed -> delivered ->
 * acknowledged, all under the authorization's correlationId. Returns the event, which the caller
 * projects into the read model in the same transaction.
 */
export function emitForDelivery<T extends DeliveryEventType>(
  ctx: HandlerContext,
  d: Pick<Delivery, 'caseId' | 'lastEventId' | 'correlationId' | 'policyVersion'>,
  type: T,
  data: ForewarnEventDataMap[T],
  actor: Actor = notificationActor,
): ForewarnEvent {
  const event = newEvent(type, d.caseId, data, {
    producer,
    actor,
    cause: { eventId: d.lastEventId, correlationId: d.correlationId },
    // The warning's text was made by the policy; the later events only track its transport.
    ...(type === 'WarningDispatched' ? { policyVersion: d.policyVersion } : {}),
  });
  // A generic T does not narrow to the union member; the envelope is checked against the schema on emit.
  ctx.emit(event as ForewarnEvent);
  return event as ForewarnEvent;
}

/** The reporting organisation's view of its case, on its own status topic (when it is a partner on Kafka). */
export async function sendCaseStatus(ctx: HandlerContext, d: Pick<Delivery, 'caseId' | 'deliveryId' | 'source'>, status: PartnerCaseStatusValue, at: string): Promise<void> {
  await ctx.sendCaseStatus({ messageId: `status:${d.caseId}:${status}:${d.deliveryId}`, status: partnerCaseStatus(d.caseId, d.source, status, at) });
}

/** WarningAcknowledged plus ACKNOWLEDGED status; the caller projects the event. */
export async function emitAcknowledged(ctx: HandlerContext, d: Delivery, ack: { by: string; via: 'API' | 'KAFKA' }, actor: Actor, at: string): Promise<ForewarnEvent> {
  const event = emitForDelivery(ctx, d, 'WarningAcknowledged', { deliveryId: d.deliveryId, via: ack.via, acknowledgedBy: ack.by }, actor);
  await sendCaseStatus(ctx, d, 'ACKNOWLEDGED', at);
  return event;
}
