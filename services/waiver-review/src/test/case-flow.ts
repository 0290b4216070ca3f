import { Topics, type ForewarnEvent, type ThreatReportSubmission } from '@forewarn/contracts';
import { waitFor } from '@forewarn/testing';
import type { KafkaProbe } from '@forewarn/service-testing';
import { makeReport, threatReported } from '@forewarn/service-testing';
import { dutyDetermined } from './review-events';
import { emitted, http, tokenFor, type RunningService } from './service-harness';

export const tokens = {
  alice: tokenFor('alice', ['analyst']),
  /** An analyst who is also a senior reviewer: four eyes must still stop them deciding their own request. */
  sam: tokenFor('sam', ['analyst', 'senior-reviewer']),
  carol: tokenFor('carol', ['senior-reviewer']),
  lee: tokenFor('lee', ['legal-reviewer']),
  olga: tokenFor('olga', ['operator']),
  audrey: tokenFor('audrey', ['auditor']),
};

/**
 * Drives one case into the service as intake and assessment would. Reports are credible and in
 * scope, so an assessment instance running elsewhere on the shared topics decides DUTY too.
 */
export class CaseFlow {
  constructor(
    private readonly svc: RunningService,
    private readonly probe: KafkaProbe,
  ) {}

  call(method: string, path: string, token?: string, body?: unknown) {
    return http(this.svc.url, method, path, token, body);
  }

  async report(patch?: (r: ThreatReportSubmission) => void): Promise<ForewarnEvent<'ThreatReported'>> {
    const reported = threatReported(makeReport(new Date().toISOString(), patch));
    await this.probe.produce(Topics.intakeEvents, reported);
    return reported;
  }

  async duty(reported: ForewarnEvent, outcome: 'DUTY' | 'NO_DUTY' | 'NEEDS_ANALYST', decidedBy?: 'POLICY' | 'POLICY_WITH_ANALYST') {
    const determined = dutyDetermined(reported.caseId, outcome, reported.correlationId, decidedBy);
    const at = await this.probe.produce(Topics.assessmentEvents, determined);
    return { determined, at };
  }

  /** Waits until the case's review is in `state`, as GET shows it. */
  review(caseId: string, state: string) {
    return waitFor(`review of ${caseId} to be ${state}`, async () => {
      const r = await this.call('GET', `/v1/cases/${caseId}/waiver-review`, tokens.audrey);
      return r.status === 200 && r.body.state === state ? r.body : undefined;
    });
  }

  /** A case with a DUTY and its report, its review open (or already decided when nothing is proposed). */
  async opened(indicators: ThreatReportSubmission['indicators'], state = 'OPEN') {
    const reported = await this.report((r) => (r.indicators = indicators));
    const { determined } = await this.duty(reported, 'DUTY');
    const review = await this.review(reported.caseId, state);
    return { reported, determined, review };
  }

  /** What this instance emitted for the case, from its outbox, once published; `count` events awaited. */
  emitted(caseId: string, count: number) {
    return waitFor(`${count} events for ${caseId}`, async () => {
      const events = await emitted(this.svc.dataSource, caseId, Topics.waiverReviewEvents);
      return events.length >= count ? events : undefined;
    });
  }
}

export const typesOf = (events: ForewarnEvent[]) => events.map((e) => e.type);
