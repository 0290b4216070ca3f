import type { AnalystAssessmentData, Credibility, Reason, TargetKind, ThreatReportSubmission, ThreatType, TimeWindow } from '@forewarn/contracts';
import { MS_PER_HOUR, parseInstant, tryParseInstant } from './time';
import type { PolicyConfig } from './versions';

/**
 * Exactly what the duty rule reads, as plain JSON: recorded in DutyDetermined.facts so a replay
 * runs the same rule on the same facts. A type alias (not an interface) so it is assignable to
 * the contract's `Record<string, unknown>`. Optional keys are omitted, never `undefined`, so a
 * JSON round trip gives back an equal value.
 */
export type DutyFacts = {
  threatType: ThreatType;
  /** The credibility the report arrived with. */
  credibility: Credibility;
  /** A human assessment; when present it overrides the report's judgement. */
  analyst?: { credibility: Credibility; specific: boolean };
  target: { kind: TargetKind; description: string; name?: string };
  detail: { hasWindow: boolean; hasLocation: boolean; hasPerpetrators: boolean };
  window?: TimeWindow;
  /** The instant the rule is applied at (the caller's clock, passed in). */
  asOf: string;
};

export type DutyOutcome = 'DUTY' | 'NO_DUTY' | 'NEEDS_ANALYST';
export interface DutyDecision {
  outcome: DutyOutcome;
  reasons: Reason[];
}

const present = (s: string | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

export function dutyFactsFromReport(report: ThreatReportSubmission, asOf: string, analyst?: AnalystAssessmentData): DutyFacts {
  const { threat, target } = report;
  return {
    threatType: threat.type,
    credibility: threat.credibility,
    // notes are for people; the rule does not read them.
    ...(analyst ? { analyst: { credibility: analyst.credibility, specific: analyst.specific } } : {}),
    target: { kind: target.kind, description: target.description, ...(target.name !== undefined ? { name: target.name } : {}) },
    detail: {
      hasWindow: threat.window !== undefined,
      hasLocation: present(threat.location?.description),
      hasPerpetrators: present(threat.perpetrators),
    },
    ...(threat.window ? { window: { earliest: threat.window.earliest, latest: threat.window.latest } } : {}),
    asOf,
  };
}

// Each criterion is met, failed, or cannot be judged without a person.
type Finding = { status: 'MET' | 'FAILED' | 'UNKNOWN'; reason: Reason };
const met = (code: string, message: string): Finding => ({ status: 'MET', reason: { code, message } });
const failed = (code: string, message: string): Finding => ({ status: 'FAILED', reason: { code, message } });
const unknown = (code: string, message: string): Finding => ({ status: 'UNKNOWN', reason: { code, message } });

function inScope(facts: DutyFacts, policy: PolicyConfig): Finding {
  const types = policy.inScopeThreatTypes.join(', ');
  return policy.inScopeThreatTypes.includes(facts.threatType)
    ? met('DUTY.IN_SCOPE', `${facts.threatType} is a threat to life or limb in scope of the duty (${types})`)
    : failed('DUTY.OUT_OF_SCOPE', `${facts.threatType} is not in scope of the duty to warn (in scope: ${types})`);
}

function credible(facts: DutyFacts): Finding {
  const byAnalyst = facts.analyst !== undefined;
  const credibility = facts.analyst?.credibility ?? facts.credibility;
  const who = byAnalyst ? `the analyst's assessment (report said ${facts.credibility})` : "the report's credibility";
  if (credibility === 'CREDIBLE') return met('DUTY.CREDIBLE', `judged credible by ${who}`);
  if (credibility === 'NOT_CREDIBLE') return failed('DUTY.NOT_CREDIBLE', `judged not credible by ${who}`);
  return unknown('DUTY.CREDIBILITY_UNDETERMINED', `credibility is undetermined by ${who}; an analyst must assess it`);
}

function specific(facts: DutyFacts): Finding {
  // The analyst knows more than the report's fields show, so their judgement decides both ways.
  if (facts.analyst) {
    return facts.analyst.specific
      ? met('DUTY.SPECIFIC', 'the analyst judged the information specific enough to warn on')
      : failed('DUTY.NOT_SPECIFIC', 'the analyst judged the information not specific enough to warn on');
  }
  const { hasWindow, hasLocation, hasPerpetrators } = facts.detail;
  const details = [hasWindow && 'timing', hasLocation && 'location', hasPerpetrators && 'perpetrators'].filter(Boolean);
  const identifiable = present(facts.target.description) || present(facts.target.name);
  if (identifiable && details.length > 0) {
    return met('DUTY.SPECIFIC', `identifiable ${facts.target.kind.toLowerCase()} target with detail on ${details.join(', ')}`);
  }
  // A thin report is not proof there is nothing to warn about: a person must look.
  const missing = [!identifiable && 'an identifiable target', details.length === 0 && 'timing, location or perpetrators'].filter(Boolean);
  return unknown('DUTY.SPECIFICITY_UNDETERMINED', `the report lacks ${missing.join(' and ')}; an analyst must judge specificity`);
}

/**
 * Impending: the window's latest time is not before asOf, and its earliest time is no later
 * than asOf + horizon (both ends inclusive). With no window the report cannot show the threat
 * has passed or is too far off, so timing does not block the duty: withholding a warning for a
 * credible, specific threat to life needs evidence, and the reason records the timing as
 * unknown. An inconsistent window (unparseable, or earliest after latest) needs a person unless
 * an analyst has already judged the report specific.
 */
function impending(facts: DutyFacts, policy: PolicyConfig): Finding {
  const asOf = parseInstant(facts.asOf, 'asOf');
  if (!facts.window) {
    return met('DUTY.IMPENDING_TIMING_UNKNOWN', 'the report gives no time window; nothing shows the threat has passed or lies beyond the horizon');
  }
  const earliest = tryParseInstant(facts.window.earliest);
  const latest = tryParseInstant(facts.window.latest);
  if (earliest === undefined || latest === undefined || earliest > latest) {
    const problem = `the time window ${facts.window.earliest} .. ${facts.window.latest} is inconsistent`;
    return facts.analyst?.specific
      ? met('DUTY.IMPENDING_TIMING_UNKNOWN', `${problem}; the analyst judged the report specific, so timing does not block the duty`)
      : unknown('DUTY.WINDOW_INVALID', `${problem}; an analyst must judge whether the threat is impending`);
  }
  if (latest < asOf) {
    return failed('DUTY.EXPIRED', `the window ended at ${facts.window.latest}, before ${facts.asOf}`);
  }
  const horizonEnd = asOf + policy.horizonHours * MS_PER_HOUR;
  if (earliest > horizonEnd) {
    return failed('DUTY.BEYOND_HORIZON', `the window opens at ${facts.window.earliest}, more than ${policy.horizonHours} h after ${facts.asOf}`);
  }
  return met('DUTY.IMPENDING', `the window ${facts.window.earliest} .. ${facts.window.latest} has not passed and opens within ${policy.horizonHours} h`);
}

/**
 * The duty rule (duty-to-warn.md section 1). Pure: the same facts and policy always give the
 * same decision. NO_DUTY lists every criterion not met, failed ones first; an out-of-scope
 * threat is NO_DUTY even when other criteria would need a person, because no assessment could
 * bring it into scope.
 */
export function determineDuty(facts: DutyFacts, policy: PolicyConfig): DutyDecision {
  const findings = [inScope(facts, policy), credible(facts), specific(facts), impending(facts, policy)];
  const reasonsWith = (status: Finding['status']) => findings.filter((f) => f.status === status).map((f) => f.reason);
  const failures = reasonsWith('FAILED');
  const unknowns = reasonsWith('UNKNOWN');
  if (failures.length > 0) return { outcome: 'NO_DUTY', reasons: [...failures, ...unknowns] };
  if (unknowns.length > 0) return { outcome: 'NEEDS_ANALYST', reasons: unknowns };
  return { outcome: 'DUTY', reasons: reasonsWith('MET') };
}
