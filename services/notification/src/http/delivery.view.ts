import type { Delivery } from '../domain/delivery';

/** What the operators' console and auditors read about a delivery. */
export function deliveryView(d: Delivery, now = Date.now()) {
  return {
    deliveryId: d.deliveryId,
    caseId: d.caseId,
    idempotencyKey: d.idempotencyKey,
    state: d.state,
    /** A worker holds it for an attempt right now. */
    inFlight: d.leaseUntil !== null && new Date(d.leaseUntil).getTime() > now,
    attempts: d.attempts,
    attemptLimit: d.attemptLimit,
    channel: d.channel,
    recipient: d.recipient,
    adapter: d.adapter,
    /** The partner agency it went to: its topic, and the only agency whose acknowledgement counts. */
    partner: d.partner,
    policyVersion: d.policyVersion,
    dispatchedAt: d.issuedAt,
    lastAttemptAt: d.lastAttemptAt,
    nextAttemptAt: d.nextAttemptAt,
    deliveredAt: d.deliveredAt,
    escalatedAt: d.escalatedAt,
    lastError: d.lastError,
    acknowledgement: d.acknowledgement && d.acknowledgementRecordedAt ? { ...d.acknowledgement, recordedAt: d.acknowledgementRecordedAt } : null,
    /** A partner acknowledged before DELIVERED was recorded; it is recorded together with DELIVERED. */
    acknowledgementHeld: d.acknowledgement !== null && d.acknowledgementRecordedAt === null,
    warning: d.warning,
    text: d.text,
  };
}

/**
 * What operators read: where the delivery is and what went wrong with it, to keep it moving;
 * never the warning, its text, the recipient or an acknowledgement's note (docs/security.md).
 */
export function deliveryFlowView(d: Delivery, now = Date.now()) {
  const { warning: _warning, text: _text, recipient: _recipient, acknowledgement, ...flow } = deliveryView(d, now);
  return { ...flow, acknowledgement: acknowledgement ? { via: acknowledgement.via, at: acknowledgement.at, recordedAt: acknowledgement.recordedAt } : null };
}
