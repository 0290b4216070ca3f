import { Limits, type SanitizedWarning, type ThreatReportSubmission, type ThreatType, type WarningAuthorizedData } from '@forewarn/contracts';
import type { DeliveryPlan } from './delivery';
import { leaksIn, redactText, sensitiveStrings } from './redact';
import { tryParseInstant } from './time';
import type { PolicyConfig } from './versions';

export type ReleasableFacts = Pick<WarningAuthorizedData, 'source' | 'threat' | 'target' | 'releasableSummary'>;

// A redaction can make a text longer than the contract allows; cut it rather than fail the
// schema on publish (a cut never reveals more than the redacted text already did).
function fit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The releasable part of a report, by allow-list: threat type, window and place; the target;
 * the releasable summary. Description, perpetrators, indicators and `sensitive` are never
 * copied, and every free text has the report's secrets and classification markings redacted.
 */
export function releasableFacts(report: ThreatReportSubmission, policy: PolicyConfig): ReleasableFacts {
  const secrets = sensitiveStrings(report.sensitive);
  const short = (s: string) => fit(redactText(s, secrets, policy), Limits.shortText);
  const { threat, target } = report;
  return {
    // Identifies the report to its own organisation (case status); never part of the warning text.
    source: { sourceAgency: report.sourceAgency, reportId: report.reportId },
    threat: {
      type: threat.type,
      ...(threat.window ? { window: { earliest: threat.window.earliest, latest: threat.window.latest } } : {}),
      ...(threat.location ? { location: { description: short(threat.location.description), countryCode: threat.location.countryCode } } : {}),
    },
    target: {
      kind: target.kind,
      description: short(target.description),
      ...(target.name !== undefined ? { name: short(target.name) } : {}),
      usPerson: target.usPerson,
      countryCode: target.countryCode,
      ...(target.protector ? { protector: { name: short(target.protector.name), kind: target.protector.kind } } : {}),
    },
    releasableSummary: fit(redactText(report.releasableSummary, secrets, policy), Limits.longText),
  };
}

/** What of the report's secrets or any classification marking appears in `text`; empty when clean. */
export function findSensitiveLeaks(text: string, sensitive: ThreatReportSubmission['sensitive'], policy: PolicyConfig): string[] {
  return leaksIn(text, sensitiveStrings(sensitive), policy);
}

export interface SanitizedWarningInput {
  warningId: string;
  caseId: string;
  authorization: WarningAuthorizedData;
  plan: Pick<DeliveryPlan, 'recipient' | 'channel'>;
}

/**
 * The warning as it leaves Forewarn. The authorization is already sanitized; markings are
 * redacted again here because that is the last point before sending where the policy can act
 * (the report's own secrets are not in the authorization, see findSensitiveLeaks for those).
 */
export function buildSanitizedWarning(input: SanitizedWarningInput, policy: PolicyConfig): SanitizedWarning {
  const clean = (s: string) => redactText(s, [], policy);
  const { threat, target, releasableSummary } = input.authorization;
  const name = target.name?.trim();
  const targetText = name && name !== target.description.trim() ? `${name} (${target.description})` : target.description;
  return {
    warningId: input.warningId,
    caseId: input.caseId,
    threatType: threat.type,
    target: clean(targetText),
    place: threat.location ? clean(`${threat.location.description} (${threat.location.countryCode})`) : null,
    window: threat.window ? { earliest: threat.window.earliest, latest: threat.window.latest } : null,
    summary: clean(releasableSummary),
    recipient: { kind: input.plan.recipient.kind, name: clean(input.plan.recipient.name) },
    channel: input.plan.channel,
  };
}

// A Record over ThreatType, so a new threat type fails to compile until it has words.
const THREAT_WORDS: Record<ThreatType, string> = {
  INTENTIONAL_KILLING: 'intentional killing',
  SERIOUS_BODILY_INJURY: 'serious bodily injury',
  KIDNAPPING: 'kidnapping',
  PROPERTY_DAMAGE: 'property damage',
  CYBER_INTRUSION: 'cyber intrusion',
  OTHER: 'another kind of harm',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Spelled out by hand in UTC: toLocaleString depends on the machine's locale and ICU data.
function formatInstant(iso: string): string {
  const ms = tryParseInstant(iso);
  if (ms === undefined) return iso;
  const d = new Date(ms);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}

/** The plain-language text sent to the recipient. Deterministic: same warning, same text. */
export function renderWarningText(warning: SanitizedWarning): string {
  const to =
    warning.recipient.kind === 'PROTECTOR'
      ? `${warning.recipient.name}, as those responsible for protecting the intended victim`
      : warning.recipient.name;
  const time = warning.window
    ? `between ${formatInstant(warning.window.earliest)} and ${formatInstant(warning.window.latest)}`
    : 'not known';
  return [
    'WARNING OF A THREAT',
    `To: ${to}`,
    `Threat: ${THREAT_WORDS[warning.threatType]}`,
    `Intended victim: ${warning.target}`,
    `Place: ${warning.place ?? 'not known'}`,
    `Expected time: ${time}`,
    `Summary: ${warning.summary}`,
    'This warning is issued under the duty to warn.',
    `Reference: ${warning.warningId}`,
  ].join('\n');
}
