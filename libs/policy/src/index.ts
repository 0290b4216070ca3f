export { PolicyError, PolicyErrorCodes, isPolicyError, type PolicyErrorCode } from './errors';
export { CURRENT_POLICY_VERSION, Policies, getPolicy, type IndicatorName, type MarkingPattern, type PolicyConfig } from './versions';
export { determineDuty, dutyFactsFromReport, type DutyDecision, type DutyFacts, type DutyOutcome } from './duty';
export {
  checkLegalConcurrence,
  checkWaiverDecision,
  checkWaiverRequest,
  legalConcurrenceRequired,
  proposeWaivers,
  reviewDeadline,
  waiverFactsFromReport,
  type LegalConcurrenceInput,
  type Person,
  type WaiverDecisionInput,
  type WaiverFacts,
  type WaiverRequestInput,
  type WaiverRequestRef,
} from './waiver';
export { deliveryFactsFromAuthorization, planDelivery, type DeliveryFacts, type DeliveryPlan } from './delivery';
export {
  buildSanitizedWarning,
  findSensitiveLeaks,
  releasableFacts,
  renderWarningText,
  type ReleasableFacts,
  type SanitizedWarningInput,
} from './sanitize';
