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
