import { registerErrorStatus } from '@forewarn/platform';

/** Called by main.ts before the app starts (and by the integration tests, which build the app the same way). */
export function registerErrorStatuses(): void {
  registerErrorStatus('ASSESSMENT.CASE_NOT_FOUND', 404);
  // The case moved on (decided by the policy or by another analyst): a conflict with its state.
  registerErrorStatus('ASSESSMENT.NOT_AWAITING_ANALYST', 409);
}
