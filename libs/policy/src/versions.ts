import type { ProtectorKind, TargetKind, ThreatReportSubmission, ThreatType, WaiverCode } from '@forewarn/contracts';
import { PolicyError } from './errors';

/** The report's indicator flags, by name (`victimAlreadyAware`, ...). */
export type IndicatorName = keyof NonNullable<ThreatReportSubmission['indicators']>;

/** A regular expression kept as data (source and flags) so a policy stays plain, comparable data. */
export interface MarkingPattern {
  name: string;
  pattern: string;
  flags: string;
}

/**
 * One policy version: every number, list and word the rules read. The rules take it as an
 * argument and never look a version up themselves, so a replay (or an auditor's modified
 * copy, `{ ...getPolicy(v), horizonHours: 1 }`) runs exactly the rules it is given.
 */
export interface PolicyConfig {
  readonly version: string;
  readonly title: string;
  // ---- duty ----
  readonly inScopeThreatTypes: readonly ThreatType[];
  /** How far ahead a threat's earliest expected time may lie and still be "impending". */
  readonly horizonHours: number;
  // ---- waiver ----
  readonly waiverCodes: readonly { readonly code: WaiverCode; readonly ground: string }[];
  /** Which report indicator proposes which waiver (a proposal, never a grant). */
  readonly waiverIndicators: readonly { readonly indicator: IndicatorName; readonly code: WaiverCode }[];
  readonly legalConcurrenceCodes: readonly WaiverCode[];
  readonly review: {
    /** A review with no pressing threat time is due this long after it opens. */
    readonly defaultPeriodMinutes: number;
    /** A review must end this long before the threat's earliest expected time. */
    readonly safetyMarginMinutes: number;
    /** Never less than this, so people have time to act at all. */
    readonly minimumMinutes: number;
  };
  readonly roles: {
    readonly requestWaiver: string;
    readonly decideWaiver: string;
    readonly legalConcurrence: string;
  };
  // ---- delivery ----
  readonly homeCountry: string;
  /** Protector kinds that are reached through intelligence liaison when the target is abroad. */
  readonly liaisonProtectorKinds: readonly ProtectorKind[];
  /** Target kinds warned through their protector when one is named (a place cannot read a warning). */
  readonly protectedTargetKinds: readonly TargetKind[];
  // ---- sanitization ----
  readonly redaction: string;
  /** Applied in order, after the report's own sensitive strings. */
  readonly classificationMarkings: readonly MarkingPattern[];
}

// A dissemination control after "//": NOFORN, SI/TK, REL TO USA, GBR, ORCON-USGOV, ...
const CONTROL = String.raw`(?:REL TO [A-Z]{2,4}(?:, ?[A-Z]{2,4})*|[A-Z0-9][A-Z0-9-]*(?:/[A-Z0-9][A-Z0-9-]*)*)`;

// Uppercase-only where the word also has an innocent English meaning ("a secret meeting");
// case-insensitive where it has none (NOFORN, top secret).
const MARKINGS_2015: MarkingPattern[] = [
  // First, so a portion mark goes with its parentheses: "(S//NF)", "(TS)".
  { name: 'portion mark', pattern: String.raw`(?<!\w)\((?:TS|S|C|U|CUI|FOUO)(?://[A-Z0-9 ,/-]+)?\)`, flags: 'g' },
  {
    name: 'banner with controls',
    pattern: String.raw`\b(?:TOP SECRET|TS/SCI|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED|TS|S|C|U)(?:\s?//\s?${CONTROL})+`,
    flags: 'g',
  },
  { name: 'top secret', pattern: String.raw`\bTOP[\s-]+SECRET\b`, flags: 'gi' },
  { name: 'classification level', pattern: String.raw`\b(?:TS/SCI|SECRET|CONFIDENTIAL|UNCLASSIFIED|RESTRICTED)\b`, flags: 'g' },
  {
    name: 'dissemination control',
    pattern: String.raw`\b(?:NOFORN|ORCON(?:-USGOV)?|IMCON|NOCONTRACT|PROPIN|RELIDO|FOUO|LIMDIS|EXDIS|NODIS|FVEY)\b`,
    flags: 'gi',
  },
  { name: 'release marking', pattern: String.raw`(?://\s?)?\bREL(?:EASABLE)? TO:? [A-Z]{2,4}(?:,\s?[A-Z]{2,4})*\b`, flags: 'g' },
];

const ICD191_2015_1: PolicyConfig = {
  version: 'icd191-2015.1',
  title: 'Duty to warn after ICD 191 (21 July 2015), as publicly reported',
  inScopeThreatTypes: ['INTENTIONAL_KILLING', 'SERIOUS_BODILY_INJURY', 'KIDNAPPING'],
  horizonHours: 30 * 24,
  waiverCodes: [
    { code: 'ALREADY_AWARE', ground: 'the intended victim, or those protecting them, already know of the specific threat' },
    {
      code: 'ARMED_CONFLICT',
      ground: 'the victim is at risk only as a result of their participation in an insurgency, insurrection or other armed conflict',
    },
    {
      code: 'VIOLENT_ACTOR',
      ground:
        'there is a reasonable basis to believe the victim is a terrorist, a direct supporter of terrorists, an assassin, a drug trafficker, or involved in violent crimes',
    },
    {
      code: 'ENDANGERS_SOURCES',
      ground: 'warning would unduly endanger government personnel, sources, methods, intelligence operations or defense operations',
    },
    { code: 'NO_REASONABLE_WAY', ground: 'there is no reasonable way to warn the intended victim' },
  ],
  waiverIndicators: [
    { indicator: 'victimAlreadyAware', code: 'ALREADY_AWARE' },
    { indicator: 'victimListedViolentActor', code: 'VIOLENT_ACTOR' },
    { indicator: 'armedConflictParticipant', code: 'ARMED_CONFLICT' },
    { indicator: 'warningEndangersSources', code: 'ENDANGERS_SOURCES' },
    { indicator: 'noReasonableWayToWarn', code: 'NO_REASONABLE_WAY' },
  ],
  legalConcurrenceCodes: ['ENDANGERS_SOURCES'],
  review: { defaultPeriodMinutes: 24 * 60, safetyMarginMinutes: 6 * 60, minimumMinutes: 15 },
  roles: { requestWaiver: 'analyst', decideWaiver: 'senior-reviewer', legalConcurrence: 'legal-reviewer' },
  homeCountry: 'US',
  liaisonProtectorKinds: ['HOST_GOVERNMENT_SECURITY_SERVICE'],
  protectedTargetKinds: ['LOCATION', 'GROUP', 'INSTITUTION'],
  redaction: '[withheld]',
  classificationMarkings: MARKINGS_2015,
};

export const CURRENT_POLICY_VERSION = 'icd191-2015.1';

/**
 * For exercises and tests of the running system: the same rules, but a review whose threat is
 * near is due within a minute, so deadline escalation can be rehearsed without waiting 15
 * minutes. Events record it as their policy version, so a drill never passes for the real one.
 */
const ICD191_2015_1_DRILL: PolicyConfig = {
  ...ICD191_2015_1,
  version: 'icd191-2015.1-drill',
  title: `${ICD191_2015_1.title} (drill)`,
  review: { ...ICD191_2015_1.review, minimumMinutes: 1 },
};

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Every released policy version. Frozen: a released version is history and must never change
 * under a replay; a change is a new version.
 */
export const Policies: Readonly<Record<string, PolicyConfig>> = deepFreeze({
  [ICD191_2015_1.version]: ICD191_2015_1,
  [ICD191_2015_1_DRILL.version]: ICD191_2015_1_DRILL,
});

export function getPolicy(version: string): PolicyConfig {
  // hasOwnProperty, so 'toString' or '__proto__' is an unknown version, not an object.
  if (!Object.prototype.hasOwnProperty.call(Policies, version)) {
    throw new PolicyError(
      'POLICY.UNKNOWN_VERSION',
      `unknown policy version ${JSON.stringify(version)}; known: ${Object.keys(Policies).join(', ')}`,
    );
  }
  return Policies[version];
}
