import type { DeliveryChannel, ProtectorKind, Reason, RecipientKind, TargetKind, WarningAuthorizedData } from '@forewarn/contracts';
import type { PolicyConfig } from './versions';

/** What the delivery rule reads: the target only. Plain JSON, optional keys omitted. */
export type DeliveryFacts = {
  target: {
    kind: TargetKind;
    description: string;
    name?: string;
    usPerson: boolean | null;
    countryCode: string;
    protector?: { name: string; kind: ProtectorKind };
  };
};

export interface DeliveryPlan {
  recipient: { kind: RecipientKind; name: string };
  channel: DeliveryChannel;
  reasons: Reason[];
}

export function deliveryFactsFromAuthorization(data: WarningAuthorizedData): DeliveryFacts {
  const t = data.target;
  return {
    target: {
      kind: t.kind,
      description: t.description,
      ...(t.name !== undefined ? { name: t.name } : {}),
      usPerson: t.usPerson,
      countryCode: t.countryCode,
      ...(t.protector ? { protector: { name: t.protector.name, kind: t.protector.kind } } : {}),
    },
  };
}

const reason = (code: string, message: string): Reason => ({ code, message });

/**
 * The delivery rule (duty-to-warn.md section 3).
 * - In the home country: the domestic law-enforcement channel, for US and non-US targets alike.
 * - A US person abroad: the diplomatic channel (chief of mission) straight to them, even when a
 *   host service is named; their own government owes them the warning, and the host
 *   government may be the threat (Khashoggi).
 * - Any other target abroad: liaison when a host-government security service protects it,
 *   otherwise the diplomatic channel.
 * - Places, groups and institutions are warned through their named protector; a person, or a
 *   target with no protector named, is warned directly.
 */
export function planDelivery(facts: DeliveryFacts, policy: PolicyConfig): DeliveryPlan {
  const { target } = facts;
  const victimName = target.name ?? target.description;
  const protector = target.protector;
  const abroad = target.countryCode !== policy.homeCountry;
  const reasons: Reason[] = [];

  if (!abroad) {
    reasons.push(
      target.usPerson === true
        ? reason('DELIVERY.US_PERSON_IN_US', `a US person in ${policy.homeCountry} is warned through domestic law enforcement`)
        : reason('DELIVERY.TARGET_IN_US', `a target in ${policy.homeCountry} is warned through domestic law enforcement, whatever its nationality`),
    );
    return withRecipient('DOMESTIC_LAW_ENFORCEMENT', reasons);
  }
  if (target.usPerson === true) {
    reasons.push(reason('DELIVERY.US_PERSON_ABROAD', `a US person in ${target.countryCode} is warned by the chief of mission through the diplomatic channel`));
    return withRecipient('DIPLOMATIC', reasons);
  }
  if (target.usPerson === null) {
    reasons.push(reason('DELIVERY.US_PERSON_UNKNOWN', 'whether the target is a US person is unknown; planned as a non-US target'));
  }
  if (protector && policy.liaisonProtectorKinds.includes(protector.kind)) {
    reasons.push(reason('DELIVERY.ABROAD_LIAISON', `a target in ${target.countryCode} protected by ${protector.name} is warned through liaison with that service`));
    return { recipient: { kind: 'PROTECTOR', name: protector.name }, channel: 'LIAISON', reasons: [...reasons, viaProtector(protector.name)] };
  }
  reasons.push(reason('DELIVERY.ABROAD_DIPLOMATIC', `a target in ${target.countryCode} with no host security service named is warned through the diplomatic channel (chief of mission)`));
  return withRecipient('DIPLOMATIC', reasons);

  function viaProtector(protectorName: string): Reason {
    return reason('DELIVERY.VIA_PROTECTOR', `the ${target.kind.toLowerCase()} "${victimName}" is warned through ${protectorName}, who is responsible for protecting the target`);
  }

  function withRecipient(channel: DeliveryChannel, soFar: Reason[]): DeliveryPlan {
    if (protector && policy.protectedTargetKinds.includes(target.kind)) {
      return { recipient: { kind: 'PROTECTOR', name: protector.name }, channel, reasons: [...soFar, viaProtector(protector.name)] };
    }
    const why = protector ? `a ${target.kind.toLowerCase()} is warned directly` : 'no protector is named';
    return {
      recipient: { kind: 'VICTIM', name: victimName },
      channel,
      reasons: [...soFar, reason('DELIVERY.DIRECT_TO_VICTIM', `${why}; the warning goes to the intended victim, ${victimName}`)],
    };
  }
}
