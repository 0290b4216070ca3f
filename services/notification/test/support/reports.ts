// Shared by the unit and integration specs: realistic reports and the authorizations waiver-review
// would build from them (releasableFacts), so the tests see what notification really receives.
import { randomUUID } from 'node:crypto';
import { crocusReport as sharedCrocusReport, type ThreatReportSubmission, type WarningAuthorizedData } from '@forewarn/contracts';
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

/** The shared Crocus-like report (libs/contracts/src/fixtures), with its own id and a window from now. */
export function crocusReport(reportId = `RPT-${randomUUID()}`): ThreatReportSubmission {
  return sharedCrocusReport((r) => {
    r.reportId = reportId;
    r.reportedAt = new Date().toISOString();
    r.threat.window = { earliest: soon(24), latest: soon(72) };
  });
}

export function authorizationFrom(report: ThreatReportSubmission): WarningAuthorizedData {
  return { basis: 'NO_WAIVER_PROPOSED', ...releasableFacts(report, policy) };
}
