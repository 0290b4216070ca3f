import { issueDevToken, type Role } from '@forewarn/platform';
import { Principals, type ThreatReportSubmission } from '@forewarn/contracts';
import { kafkaAs, testBrokers } from '@forewarn/testing';
import type { SystemUrls } from './system-urls';

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

export interface LoggedEvent {
  type: string;
  eventId: string;
  occurredAt: string;
  actor: { kind: string; id: string };
  data: any;
  policyVersion?: string;
}

/** The people of the demo: each gets a development token with their roles. */
export const People = {
  submitter: { sub: 'sam.submitter', org: 'NCTC', roles: ['agency-submitter'] as Role[] },
  analyst: { sub: 'ana.analyst', org: 'NCTC', roles: ['analyst'] as Role[] },
  analystReviewer: { sub: 'rita.both', org: 'NCTC', roles: ['analyst', 'senior-reviewer'] as Role[] },
  senior: { sub: 'sid.senior', org: 'NCTC', roles: ['senior-reviewer'] as Role[] },
  legal: { sub: 'lee.legal', org: 'NCTC', roles: ['legal-reviewer'] as Role[] },
  operator: { sub: 'otto.operator', org: 'NCTC', roles: ['operator'] as Role[] },
  auditor: { sub: 'aude.auditor', org: 'OIG', roles: ['auditor'] as Role[] },
};
export type PersonKey = keyof typeof People;

/** A thin client over the services' public HTTP APIs, used by the demo and the e2e tests. */
export class ForewarnClient {
  private readonly tokens = new Map<PersonKey, string>();

  constructor(
    readonly urls: SystemUrls,
    /** The Kafka brokers of the partner topics (the other public interface). */
    readonly brokers: string[] = testBrokers(),
  ) {}

  /** A partner agency's own Kafka connection (its principal, this checkout's secrets), to its topics. */
  partnerKafka(agency: string) {
    return { ...kafkaAs(Principals.partner(agency)), brokers: this.brokers };
  }

  token(person: PersonKey): string {
    if (!this.tokens.has(person)) this.tokens.set(person, issueDevToken({ ...People[person], name: People[person].sub }));
    return this.tokens.get(person)!;
  }

  /** `as` is a person of the demo, a raw token, or null for no token. */
  async call<T = any>(method: string, url: string, as: PersonKey | string | null, body?: unknown): Promise<HttpResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (as) headers.authorization = `Bearer ${as in People ? this.token(as as PersonKey) : as}`;
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  }

  /** Submits as the reporting agency's own submitter (or as `person`). */
  submitReport(report: ThreatReportSubmission | Record<string, unknown>, person?: PersonKey) {
    const agency = typeof report.sourceAgency === 'string' ? report.sourceAgency : 'NCTC';
    const token = person ? this.token(person) : issueDevToken({ sub: `submitter@${agency}`, org: agency, roles: ['agency-submitter'] });
    return this.call<{ caseId: string; duplicate: boolean }>('POST', `${this.urls.intake}/v1/threat-reports`, token, report);
  }

  assess(caseId: string, assessment: { credibility: string; specific: boolean; notes: string }, person: PersonKey = 'analyst') {
    return this.call('POST', `${this.urls.assessment}/v1/cases/${caseId}/assessment`, person, assessment);
  }

  requestWaiver(caseId: string, codes: string[], justification: string, person: PersonKey = 'analyst') {
    return this.call<{ requestId: string }>('POST', `${this.urls['waiver-review']}/v1/cases/${caseId}/waiver-requests`, person, { codes, justification });
  }

  decideWaiver(caseId: string, requestId: string, decision: 'APPROVE' | 'DENY', note: string, person: PersonKey = 'senior') {
    return this.call('POST', `${this.urls['waiver-review']}/v1/cases/${caseId}/waiver-requests/${requestId}/decision`, person, { decision, note });
  }

  waiverReview(caseId: string, person: PersonKey = 'senior') {
    return this.call('GET', `${this.urls['waiver-review']}/v1/cases/${caseId}/waiver-review`, person);
  }

  /**
   * The case's events as the audit log holds them, by default in the order they happened: the
   * log's own order is arrival, and the audit service reads each topic on its own, so one
   * service's later events can be logged before another's earlier ones.
   */
  caseEvents(caseId: string, order: 'occurred' | 'log' = 'occurred'): Promise<HttpResult<{ events: LoggedEvent[] }>> {
    return this.call('GET', `${this.urls.audit}/v1/audit/cases/${caseId}/events?order=${order}`, 'auditor');
  }

  deliveries(caseId: string) {
    return this.call('GET', `${this.urls.notification}/v1/cases/${caseId}/deliveries`, 'operator');
  }

  /** Polls the audit log until `done(events)` holds. */
  async waitForEvents(caseId: string, done: (events: LoggedEvent[]) => boolean, timeoutMs = 60_000): Promise<LoggedEvent[]> {
    const deadline = Date.now() + timeoutMs;
    let last: LoggedEvent[] = [];
    while (Date.now() < deadline) {
      const res = await this.caseEvents(caseId).catch(() => undefined);
      if (res?.status === 200) {
        last = res.body.events;
        if (done(last)) return last;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`case ${caseId} did not get there in ${timeoutMs} ms; its path so far: ${last.map((e) => e.type).join(' -> ') || '(no events)'}`);
  }
}
