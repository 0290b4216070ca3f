// Shared by the unit and integration specs: realistic reports and the authorizations waiver-review
// would build from them (releasableFacts), so the tests see what notification really receives.
import { randomUUID } from 'node:crypto';
import type { ThreatReportSubmission, WarningAuthorizedData } from '@forewarn/contracts';
import { CURRENT_POLICY_VERSION, getPolicy, releasableFacts } from '@forewarn/policy';

export const policy = getPolicy(CURRENT_POLICY_VERSION);

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** A US person in the US: a kidnapping plot against a state senator; markings in the summary on purpose. */
export function usPersonReport(reportId = `RPT-${randomUUID()}`): ThreatReportSubmission {
  return {
    sourceAgency: 'FBI',
    reportId,
    reportedAt: new Date().toISOString(),
    threat: {
      type: 'KIDNAPPING',
      description: 'SOURCE NIGHTJAR overheard a militia cell planning to seize the senator at a town hall.',
      credibility: 'CREDIBLE',
      window: { earliest: soon(24), latest: soon(48) },
      location: { description: 'Town hall, Lansing, Michigan', countryCode: 'US' },
    },
    target: { kind: 'PERSON', description: 'state senator', name: 'John Doe', usPerson: true, countryCode: 'US' },
    releasableSummary: '(S//NF) A militia cell plans to abduct the senator at a public event this week. SECRET//NOFORN',
    sensitive: { classification: 'SECRET//NOFORN', sources: ['SOURCE NIGHTJAR'], methods: ['human source'], collectionDetails: 'debrief 12 March' },
  };
}

/** Crocus-like: a concert audience in Russia, protected by the FSB. */
export function crocusReport(reportId = `RPT-${randomUUID()}`): ThreatReportSubmission {
  return {
    sourceAgency: 'NCTC',
    reportId,
    reportedAt: new Date().toISOString(),
    threat: {
      type: 'INTENTIONAL_KILLING',
      description: 'ASSET CARDINAL reports that an ISIS-K cell plans a mass-casualty shooting at a concert.',
      credibility: 'CREDIBLE',
      window: { earliest: soon(24), latest: soon(72) },
      location: { description: 'Crocus City Hall, Krasnogorsk', countryCode: 'RU' },
    },
    target: {
      kind: 'LOCATION',
      description: 'Crocus City Hall concert audience',
      usPerson: false,
      countryCode: 'RU',
      protector: { name: 'Federal Security Service (FSB)', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' },
    },
    releasableSummary: 'Extremists plan to attack a large gathering, such as a concert, in the Moscow area within days.',
    sensitive: { classification: 'TOP SECRET//SI//NOFORN', sources: ['ASSET CARDINAL'], methods: ['intercept of Telegram channel'] },
  };
}

export function authorizationFrom(report: ThreatReportSubmission): WarningAuthorizedData {
  return { basis: 'NO_WAIVER_PROPOSED', ...releasableFacts(report, policy) };
}
