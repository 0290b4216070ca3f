import type { SanitizedWarning, WarningAuthorizedData } from '@forewarn/contracts';
import {
  buildSanitizedWarning,
  deliveryFactsFromAuthorization,
  planDelivery,
  renderWarningText,
  type DeliveryFacts,
  type DeliveryPlan,
  type PolicyConfig,
} from '@forewarn/policy';

export interface WarningPlan {
  facts: DeliveryFacts;
  plan: DeliveryPlan;
  warning: SanitizedWarning;
  /** The exact text the recipient gets. */
  text: string;
  policyVersion: string;
}

/**
 * Pure: the delivery rule and the sanitized warning for one authorization. The id comes in, so
 * the same inputs always give the same warning and text (replay).
 */
export function planWarning(input: { warningId: string; caseId: string; authorization: WarningAuthorizedData }, policy: PolicyConfig): WarningPlan {
  const facts = deliveryFactsFromAuthorization(input.authorization);
  const plan = planDelivery(facts, policy);
  const warning = buildSanitizedWarning({ warningId: input.warningId, caseId: input.caseId, authorization: input.authorization, plan }, policy);
  return { facts, plan, warning, text: renderWarningText(warning), policyVersion: policy.version };
}
