import { registerErrorStatus } from '@forewarn/platform';

/** Called by main.ts before the app starts (and by the integration tests, which build the app the same way). */
export function registerErrorStatuses(): void {
  // Who may act: four eyes and roles are permissions, so 403.
  registerErrorStatus('WAIVER.SELF_APPROVAL', 403);
  registerErrorStatus('WAIVER.SELF_CONCURRENCE', 403);
  registerErrorStatus('WAIVER.ROLE_REQUIRED', 403);
  registerErrorStatus('WAIVER.LEGAL_CONCURRENCE_NOT_INDEPENDENT', 403);
  // Clashes with the review's state: a step missing, or the review already past this point.
  registerErrorStatus('WAIVER.LEGAL_CONCURRENCE_REQUIRED', 409);
  registerErrorStatus('WAIVER.LEGAL_CONCURRENCE_ALREADY_RECORDED', 409);
  registerErrorStatus('WAIVER.REVIEW_NOT_OPEN', 409);
  registerErrorStatus('WAIVER.WARNING_ALREADY_AUTHORIZED', 409);
  registerErrorStatus('WAIVER.ALREADY_DECIDED', 409);
  registerErrorStatus('WAIVER.REQUEST_PENDING', 409);
  registerErrorStatus('WAIVER.REVIEW_NOT_FOUND', 404);
  registerErrorStatus('WAIVER.REQUEST_NOT_FOUND', 404);
  // The rest (CODES_REQUIRED, UNKNOWN_CODE, DUPLICATE_CODE, JUSTIFICATION_REQUIRED,
  // LEGAL_CONCURRENCE_NOT_REQUIRED): a well-formed request the rules refuse, 422 by default.
}
