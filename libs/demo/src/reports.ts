import { crocusReport, type ThreatReportSubmission } from '@forewarn/contracts';

const days = (now: number, d: number) => new Date(now + d * 86_400_000).toISOString();

/** The demo's reports, dated relative to `now` so they are always impending. */
export function demoReports(runId: string, now = Date.now()): Record<string, ThreatReportSubmission> {
  const window = { earliest: days(now, 2), latest: days(now, 4) };
  return {
    // The shared Crocus-like report (libs/contracts/src/fixtures/crocus-report.ts), the demo's
    // own id and dates.
    crocus: crocusReport((r) => {
      r.reportId = `DEMO-${runId}-CROCUS`;
      r.reportedAt = new Date(now).toISOString();
      r.threat.window = { ...window };
    }),
    journalist: {
      sourceAgency: 'NCTC',
      reportId: `DEMO-${runId}-JOURNALIST`,
      reportedAt: new Date(now).toISOString(),
      threat: {
        type: 'KIDNAPPING',
        description: 'A militia plans to abduct a US journalist reporting from Istanbul and move them across the border.',
        credibility: 'CREDIBLE',
        window,
        location: { description: 'Istanbul, Beyoglu district', countryCode: 'TR' },
      },
      target: { kind: 'PERSON', description: 'US freelance journalist', name: 'J. Doe', usPerson: true, countryCode: 'TR' },
      releasableSummary: 'A US journalist in Istanbul is the target of a planned abduction in the coming days.',
      sensitive: { classification: 'SECRET//NOFORN', sources: ['LIAISON SERVICE BRAVO'], methods: ['HUMINT debrief'] },
    },
    terrorist: {
      sourceAgency: 'NCTC',
      reportId: `DEMO-${runId}-TERRORIST`,
      reportedAt: new Date(now).toISOString(),
      threat: {
        type: 'INTENTIONAL_KILLING',
        description: 'A rival faction plans to kill a listed terrorist commander at a meeting.',
        credibility: 'CREDIBLE',
        window,
        location: { description: 'Idlib province', countryCode: 'SY' },
      },
      target: { kind: 'PERSON', description: 'Listed terrorist commander', name: 'Abu X', usPerson: false, countryCode: 'SY' },
      indicators: { victimListedViolentActor: true },
      releasableSummary: 'A faction plans to kill a commander at a meeting.',
      sensitive: { classification: 'SECRET', sources: ['ASSET KESTREL'], methods: ['HUMINT'] },
    },
    cyber: {
      sourceAgency: 'CISA',
      reportId: `DEMO-${runId}-CYBER`,
      reportedAt: new Date(now).toISOString(),
      threat: {
        type: 'CYBER_INTRUSION',
        description: 'A ransomware crew plans to encrypt a logistics firm\u2019s servers; no threat to life.',
        credibility: 'CREDIBLE',
        window,
      },
      target: { kind: 'INSTITUTION', description: 'A logistics company', usPerson: null, countryCode: 'US' },
      releasableSummary: 'A ransomware intrusion is planned against a logistics company.',
      sensitive: { classification: 'CONFIDENTIAL', sources: ['HONEYPOT 7'], methods: ['network telemetry'] },
    },
    undetermined: {
      sourceAgency: 'FBI',
      reportId: `DEMO-${runId}-UNDETERMINED`,
      reportedAt: new Date(now).toISOString(),
      threat: {
        type: 'SERIOUS_BODILY_INJURY',
        description: 'An anonymous tip says a judge in Chicago will be attacked outside the courthouse.',
        credibility: 'UNDETERMINED',
        window,
        location: { description: 'Dirksen courthouse, Chicago', countryCode: 'US' },
      },
      target: { kind: 'PERSON', description: 'A federal judge', usPerson: true, countryCode: 'US' },
      releasableSummary: 'A federal judge in Chicago may be attacked outside the courthouse.',
      sensitive: { classification: 'SECRET', sources: ['TIPLINE 42'], methods: ['anonymous tip'] },
    },
  };
}
