import {
  validatePartnerCaseStatus,
  validatePartnerWarning,
  type PartnerCaseStatus,
  type PartnerCaseStatusValue,
  type PartnerWarningMessage,
  type SanitizedWarning,
} from '@forewarn/contracts';
import { DeliveryError } from './delivery.errors';

/**
 * The public warning message, the same bytes for every adapter and every attempt (it is built
 * from the stored delivery), checked against the published contract before it leaves.
 */
export function partnerWarningMessage(d: { idempotencyKey: string; issuedAt: string; warning: SanitizedWarning; text: string }): PartnerWarningMessage {
  const message: PartnerWarningMessage = { schemaVersion: 1, idempotencyKey: d.idempotencyKey, issuedAt: d.issuedAt, warning: d.warning, text: d.text };
  const checked = validatePartnerWarning(message);
  if (!checked.ok) throw new DeliveryError('DELIVERY.INVALID_PARTNER_MESSAGE', `partner warning breaks its contract: ${checked.errors.join('; ')}`);
  return checked.value;
}

/** Case status for the organisation that reported the threat. */
export function partnerCaseStatus(
  caseId: string,
  source: { sourceAgency: string; reportId: string },
  status: PartnerCaseStatusValue,
  at: string,
): PartnerCaseStatus {
  const message: PartnerCaseStatus = { schemaVersion: 1, caseId, sourceAgency: source.sourceAgency, reportId: source.reportId, status, at };
  const checked = validatePartnerCaseStatus(message);
  if (!checked.ok) throw new DeliveryError('DELIVERY.INVALID_PARTNER_MESSAGE', `case status breaks its contract: ${checked.errors.join('; ')}`);
  return checked.value;
}
