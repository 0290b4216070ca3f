// The rules' outputs are what services publish: they must pass the event contracts as they are.
import { EventCatalogue, checkEventForPublish, type ForewarnEventDataMap, type ForewarnEventType } from '@forewarn/contracts';
import { deliveryFactsFromAuthorization, planDelivery } from './delivery';
import { determineDuty, dutyFactsFromReport } from './duty';
import { buildSanitizedWarning, releasableFacts, renderWarningText } from './sanitize';
import { AS_OF, makeReport } from './test-fixtures';
import { CURRENT_POLICY_VERSION, getPolicy } from './versions';
import { proposeWaivers, reviewDeadline, waiverFactsFromReport } from './waiver';

const policy = getPolicy(CURRENT_POLICY_VERSION);

function publish<T extends ForewarnEventType>(type: T, data: ForewarnEventDataMap[T]): string[] {
  const result = checkEventForPublish({
    eventId: 'evt-1',
    type,
    schemaVersion: EventCatalogue[type].schemaVersion,
    caseId: 'case-1',
    occurredAt: AS_OF,
    correlationId: 'corr-1',
    causationId: null,
    producer: { service: 'policy-spec', version: '0.0.0' },
    actor: { kind: 'service', id: 'policy-spec' },
    policyVersion: policy.version,
    data,
  });
  return result.ok ? [] : result.errors;
}

describe('rule outputs against the event contracts', () => {
  const report = makeReport((r) => (r.indicators = { warningEndangersSources: true }));

  it('Given a duty decision and its facts, Then DutyDetermined is publishable', () => {
    const facts = dutyFactsFromReport(report, AS_OF, { credibility: 'CREDIBLE', specific: true, notes: '' });
    const { outcome, reasons } = determineDuty(facts, policy);
    expect(publish('DutyDetermined', { outcome, reasons, facts, decidedBy: 'POLICY_WITH_ANALYST' })).toEqual([]);
  });

  it('Given proposals and a deadline, Then WaiverReviewOpened is publishable', () => {
    const facts = waiverFactsFromReport(report, AS_OF);
    const data = { deadline: reviewDeadline(facts, policy), proposals: proposeWaivers(facts, policy), facts };
    expect(data.proposals).toHaveLength(1);
    expect(publish('WaiverReviewOpened', data)).toEqual([]);
  });

  it('Given releasable facts, a plan and a warning, Then WarningAuthorized, DeliveryPlanned and WarningDispatched are publishable', () => {
    const authorization = { basis: 'NO_WAIVER_PROPOSED' as const, ...releasableFacts(report, policy) };
    expect(publish('WarningAuthorized', authorization)).toEqual([]);
    const facts = deliveryFactsFromAuthorization(authorization);
    const plan = planDelivery(facts, policy);
    expect(publish('DeliveryPlanned', { plan, facts })).toEqual([]);
    const warning = buildSanitizedWarning({ warningId: 'w-1', caseId: 'case-1', authorization, plan }, policy);
    const text = renderWarningText(warning);
    expect(publish('WarningDispatched', { deliveryId: 'd-1', idempotencyKey: 'k-1', adapter: 'liaison', warning, text })).toEqual([]);
  });

  it('Given a target text lengthened by redaction, Then WarningAuthorized is still publishable', () => {
    const long = makeReport((r) => (r.target.description = `${'a'.repeat(190)} (S) (C)`));
    expect(publish('WarningAuthorized', { basis: 'WAIVER_DENIED', ...releasableFacts(long, policy) })).toEqual([]);
  });
});
