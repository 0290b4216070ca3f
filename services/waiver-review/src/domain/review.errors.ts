export type ReviewErrorCode =
  | 'WAIVER.REVIEW_NOT_FOUND'
  | 'WAIVER.REVIEW_NOT_OPEN'
  | 'WAIVER.WARNING_ALREADY_AUTHORIZED'
  | 'WAIVER.ALREADY_DECIDED'
  | 'WAIVER.REQUEST_PENDING'
  | 'WAIVER.REQUEST_NOT_FOUND'
  | 'WAIVER.LEGAL_CONCURRENCE_NOT_REQUIRED'
  | 'WAIVER.LEGAL_CONCURRENCE_ALREADY_RECORDED';

/** A command the review's state refuses; the policy's own refusals are PolicyErrors. */
export class ReviewError extends Error {
  override readonly name = 'ReviewError';

  constructor(
    readonly code: ReviewErrorCode,
    message: string,
  ) {
    super(message);
  }
}
