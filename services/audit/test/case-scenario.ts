// Realistic case histories for tests and the benchmark: real envelopes whose decisions come from
// the real rules (libs/policy), so a replay must agree with them.
import { crocusReport, type Actor, type ForewarnEvent, type ForewarnEventDataMap, type ForewarnEventType, type ThreatReportSubmission } from '@forewarn/contracts';
import { newEvent } from '@forewarn/eventing';
import {
  buildSanitizedWarning,
  CURRENT_POLICY_VERSION,
  deliveryFactsFromAuthorization,
  determineDuty,
  dutyFactsFromReport,
  getPolicy,
  planDelivery,
  proposeWaivers,
  releasableFacts,
  renderWarningText,
  reviewDeadline,
  waiverFactsFromReport,
} from '@forewarn/policy';

export type ScenarioPath = 'warned' | 'waived' | 'no-duty';

export interface ScenarioOptions {
  caseId: string;
  /** occurredAt of the first event; each next one is a minute later. */
  start: string;
  path: ScenarioPath;
  /** Ids: `${idPrefix}-<n>`; default the caseId. */
  idPrefix?: string;
}

const policy = getPolicy(CURRENT_POLICY_VERSION);
const service = (name: string) => ({ producer: { service: name, version: '0.1.0' }, actor: { kind: 'service', id: `${name}@0.1.0` } as Actor });
const person = (id: string, roles: string[]): Actor => ({ kind: 'person', id, organisation: 'CIA', roles });

/**
 * The shared Crocus-like report (libs/contracts/src/fixtures/crocus-report.ts): credible, specific,
 * impending; a location abroad protected by its host service. The scenario's own: its ids and
 * dates, a property threat on the no-duty path, a listed violent victim on the waived one.
 */
export function scenarioReport(caseId: string, start: string, path: ScenarioPath): ThreatReportSubmission {
  const at = (h: number) => new Date(Date.parse(start) + h * 3_600_000).toISOString();
  return crocusReport((r) => {
    r.reportId = `RPT-${caseId.slice(0, 18)}`;
    r.reportedAt = start;
    r.threat.type = path === 'no-duty' ? 'PROPERTY_DAMAGE' : 'INTENTIONAL_KILLING';
    r.threat.window = { earliest: at(36), latest: at(60) };
    r.indicators = path === 'waived' ? { warningEndangersSources: false, victimListedViolentActor: true } : {};
  });
}

/** The case's events in pipeline order, each caused by the one before. */
export function caseScenario(opts: ScenarioOptions): ForewarnEvent[] {
  const { caseId, start, path } = opts;
  const prefix = opts.idPrefix ?? caseId;
  const events: ForewarnEvent[] = [];
  const add = <T extends ForewarnEventType>(type: T, data: ForewarnEventDataMap[T], who: { producer: { service: string; version: string }; actor: Actor }, policyVersion?: string) => {
    const prev = events[events.length - 1];
    const occurredAt = new Date(Date.parse(start) + events.length * 60_000).toISOString();
    const e = newEvent(type, caseId, data, { ...who, cause: prev, correlationId: `corr-${prefix}`, occurredAt, eventId: `${prefix}-${events.length + 1}`, policyVersion });
    events.push(e as ForewarnEvent);
    return e;
  };
  const report = scenarioReport(caseId, start, path);
  add('ThreatReported', { report, receivedVia: 'KAFKA', receivedAt: start }, { ...service('intake'), actor: { kind: 'service', id: 'partner:NCTC', organisation: 'NCTC' } });
  const asOf = new Date(Date.parse(start) + 60_000).toISOString();
  const dutyFacts = dutyFactsFromReport(report, asOf);
  const duty = determineDuty(dutyFacts, policy);
  add('DutyDetermined', { outcome: duty.outcome, reasons: duty.reasons, facts: dutyFacts, decidedBy: 'POLICY' }, service('assessment'), policy.version);
  if (duty.outcome !== 'DUTY') return events;
  const waiverFacts = waiverFactsFromReport(report, asOf);
  add('WaiverReviewOpened', { deadline: reviewDeadline(waiverFacts, policy), proposals: proposeWaivers(waiverFacts, policy), facts: waiverFacts }, service('waiver-review'), policy.version);
  if (path === 'waived') {
    const requestId = `${prefix}-request`;
    add('WaiverRequested', { requestId, codes: ['VIOLENT_ACTOR'], justification: 'The audience is not at risk; the target is a listed violent actor.', legalConcurrenceRequired: false }, { ...service('waiver-review'), actor: person('alice', ['analyst']) });
    add('WaiverApproved', { requestId, codes: ['VIOLENT_ACTOR'], requestedBy: 'alice', note: 'Approved after review of the listing.' }, { ...service('waiver-review'), actor: person('bob', ['senior-reviewer']) });
    return events;
  }
  const authorization = { basis: 'NO_WAIVER_PROPOSED' as const, ...releasableFacts(report, policy) };
  add('WarningAuthorized', authorization, service('waiver-review'));
  const deliveryFacts = deliveryFactsFromAuthorization(authorization);
  const plan = planDelivery(deliveryFacts, policy);
  add('DeliveryPlanned', { plan, facts: deliveryFacts }, service('notification'), policy.version);
  const warning = buildSanitizedWarning({ warningId: `${prefix}-warning`, caseId, authorization, plan }, policy);
  const deliveryId = `${prefix}-delivery`;
  add('WarningDispatched', { deliveryId, idempotencyKey: caseId, adapter: 'liaison-adapter', warning, text: renderWarningText(warning) }, service('notification'));
  add('WarningDelivered', { deliveryId, adapter: 'liaison-adapter', attempts: 1 }, service('notification'));
  add('WarningAcknowledged', { deliveryId, via: 'KAFKA', acknowledgedBy: 'FSB duty officer' }, service('notification'));
  return events;
}
