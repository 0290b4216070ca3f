/** Stable codes: HTTP maps them to statuses (http/error-statuses.ts), Kafka handlers to dead letters. */
export type DeliveryErrorCode =
  | 'DELIVERY.NOT_FOUND'
  | 'DELIVERY.NOT_THE_RECIPIENT'
  | 'DELIVERY.NOT_DELIVERED'
  | 'DELIVERY.NOT_ESCALATED'
  | 'DELIVERY.UNKNOWN_IDEMPOTENCY_KEY'
  | 'DELIVERY.NO_PARTNER'
  | 'DELIVERY.INVALID_PARTNER_MESSAGE';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  /** A refusal by the rules: retrying the same message cannot help, so a consumer dead-letters it at once. */
  readonly retriable = false;

  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
  ) {
    super(message);
  }
}
