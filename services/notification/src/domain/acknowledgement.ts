import type { Acknowledgement, Delivery } from './delivery';
import { DeliveryError } from './delivery.errors';

export type AcknowledgementDecision =
  /** Record it now: emit WarningAcknowledged. */
  | { kind: 'RECORD' }
  /** Already acknowledged: a no-op that answers with the first acknowledgement. */
  | { kind: 'ALREADY'; first: Acknowledgement }
  /** A partner acknowledged over Kafka before we recorded DELIVERED (the webhook's answer is still on
   * its way back, or the delivery escalated after the partner got it): keep it, record it with DELIVERED. */
  | { kind: 'HOLD' };

/** Pure: what an acknowledgement does to a delivery in its current state. */
export function decideAcknowledgement(delivery: Pick<Delivery, 'deliveryId' | 'state' | 'acknowledgement'>, via: Acknowledgement['via']): AcknowledgementDecision {
  // Over the API a person asserts receipt of something we have not delivered: refuse, they can retry.
  if (via === 'API' && delivery.state !== 'DELIVERED') {
    throw new DeliveryError('DELIVERY.NOT_DELIVERED', `delivery ${delivery.deliveryId} is ${delivery.state}, not delivered; it cannot be acknowledged yet`);
  }
  if (delivery.acknowledgement) return { kind: 'ALREADY', first: delivery.acknowledgement };
  if (delivery.state === 'DELIVERED') return { kind: 'RECORD' };
  // Over Kafka the partner quotes the idempotency key, which only the warning carries: proof of receipt.
  return { kind: 'HOLD' };
}

/**
 * An acknowledgement over Kafka counts only from the agency the warning went to (the one whose
 * acknowledgements topic it came on): another agency quoting the key proves nothing. Null when it may.
 */
export function notTheRecipient(delivery: Pick<Delivery, 'deliveryId' | 'partner'>, agency: string): string | null {
  if (delivery.partner === agency) return null;
  return delivery.partner
    ? `${agency} acknowledged delivery ${delivery.deliveryId}, which went to ${delivery.partner}; only ${delivery.partner} may acknowledge it`
    : `${agency} acknowledged delivery ${delivery.deliveryId}, which went to no partner agency; it can only be acknowledged through the API`;
}
