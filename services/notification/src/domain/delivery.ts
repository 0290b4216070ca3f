import type { DeliveryChannel, RecipientKind, SanitizedWarning } from '@forewarn/contracts';
import type { AdapterName } from '../notification.config';

/**
 * PENDING: waiting for (or in) an attempt; DELIVERED: the channel took it; ESCALATED: attempts
 * ran out or the endpoint refused it for good, and a person must take over. Never "dropped".
 */
export const DeliveryStates = ['PENDING', 'DELIVERED', 'ESCALATED'] as const;
export type DeliveryState = (typeof DeliveryStates)[number];

export interface Acknowledgement {
  by: string;
  via: 'API' | 'KAFKA';
  /** When the acknowledger says they acknowledged (the API's own clock for API acknowledgements). */
  at: string;
  note: string | null;
}

/** One delivery per authorization (idempotencyKey = the WarningAuthorized eventId). */
export interface Delivery {
  deliveryId: string;
  idempotencyKey: string;
  caseId: string;
  correlationId: string;
  /** The last event recorded for this delivery: the cause of the next one. */
  lastEventId: string;
  source: { sourceAgency: string; reportId: string };
  channel: DeliveryChannel;
  recipient: { kind: RecipientKind; name: string };
  adapter: AdapterName;
  /** The partner agency a kafka delivery went to: the only one whose acknowledgement counts. */
  partner: string | null;
  policyVersion: string;
  warning: SanitizedWarning;
  text: string;
  issuedAt: string;
  state: DeliveryState;
  attempts: number;
  attemptLimit: number;
  nextAttemptAt: string | null;
  /** Set while a worker holds the delivery for an attempt. */
  leaseUntil: string | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  escalatedAt: string | null;
  /** An acknowledgement received (it may precede DELIVERED on the webhook path). */
  acknowledgement: Acknowledgement | null;
  /** When WarningAcknowledged was recorded; null while an early acknowledgement waits for DELIVERED. */
  acknowledgementRecordedAt: string | null;
}
