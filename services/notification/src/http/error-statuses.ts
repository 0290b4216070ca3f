import { registerErrorStatus } from '@forewarn/platform';

/** Called by main.ts (and the integration tests, which build the app the same way). */
export function registerDeliveryErrorStatuses(): void {
  registerErrorStatus('DELIVERY.NOT_FOUND', 404);
  // Only the agency a warning went to may acknowledge it (docs/security.md, "Who sees what").
  registerErrorStatus('DELIVERY.NOT_THE_RECIPIENT', 403);
  // The delivery exists but is in the wrong state for the request: a conflict with its current state.
  registerErrorStatus('DELIVERY.NOT_DELIVERED', 409);
  registerErrorStatus('DELIVERY.NOT_ESCALATED', 409);
  // A kafka delivery with no partner agency to receive it: onboard one first.
  registerErrorStatus('DELIVERY.NO_PARTNER', 409);
}
