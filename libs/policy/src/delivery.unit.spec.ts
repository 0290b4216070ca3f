import type { WarningAuthorizedData } from '@forewarn/contracts';
import { deliveryFactsFromAuthorization, planDelivery, type DeliveryFacts } from './delivery';
import { releasableFacts } from './sanitize';
import { makeReport } from './test-fixtures';
import { CURRENT_POLICY_VERSION, getPolicy } from './versions';

const policy = getPolicy(CURRENT_POLICY_VERSION);
const target = (t: DeliveryFacts['target']): DeliveryFacts => ({ target: t });
const codes = (facts: DeliveryFacts, p = policy) => planDelivery(facts, p).reasons.map((r) => r.code);

const crocus = target({
  kind: 'LOCATION',
  description: 'Crocus City Hall concert audience',
  usPerson: false,
  countryCode: 'RU',
  protector: { name: 'Federal Security Service (FSB)', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' },
});
const journalist = target({ kind: 'PERSON', description: 'US journalist, columnist', name: 'Jane Roe', usPerson: true, countryCode: 'TR' });

describe('deliveryFactsFromAuthorization', () => {
  it('Given an authorization, When facts are extracted, Then they hold the target only', () => {
    const authorization: WarningAuthorizedData = { basis: 'NO_WAIVER_PROPOSED', ...releasableFacts(makeReport(), policy) };
    expect(deliveryFactsFromAuthorization(authorization)).toStrictEqual(crocus);
  });

  it('Given a target without name or protector, Then those keys are omitted, not undefined', () => {
    const authorization: WarningAuthorizedData = {
      basis: 'WAIVER_DENIED',
      ...releasableFacts(makeReport((r) => delete r.target.protector), policy),
    };
    const facts = deliveryFactsFromAuthorization(authorization);
    expect(Object.keys(facts.target).sort()).toEqual(['countryCode', 'description', 'kind', 'usPerson']);
  });
});

describe('planDelivery: inside the US', () => {
  it('Given a US person in the US, Then domestic law enforcement warns them', () => {
    const plan = planDelivery(target({ kind: 'PERSON', description: 'state senator', name: 'John Doe', usPerson: true, countryCode: 'US' }), policy);
    expect(plan).toEqual({
      recipient: { kind: 'VICTIM', name: 'John Doe' },
      channel: 'DOMESTIC_LAW_ENFORCEMENT',
      reasons: [expect.objectContaining({ code: 'DELIVERY.US_PERSON_IN_US' }), expect.objectContaining({ code: 'DELIVERY.DIRECT_TO_VICTIM' })],
    });
  });

  it('Given a non-US person in the US, Then domestic law enforcement warns them too', () => {
    const plan = planDelivery(target({ kind: 'PERSON', description: 'visiting dissident', usPerson: false, countryCode: 'US' }), policy);
    expect(plan.channel).toBe('DOMESTIC_LAW_ENFORCEMENT');
    expect(plan.recipient).toEqual({ kind: 'VICTIM', name: 'visiting dissident' });
    expect(plan.reasons[0].code).toBe('DELIVERY.TARGET_IN_US');
  });

  it('Given a venue in the US with its protector named, Then its protector is warned through domestic law enforcement', () => {
    const venue = target({
      kind: 'INSTITUTION',
      description: 'synagogue in Pittsburgh',
      usPerson: true,
      countryCode: 'US',
      protector: { name: 'Pittsburgh Bureau of Police', kind: 'DOMESTIC_LAW_ENFORCEMENT' },
    });
    const plan = planDelivery(venue, policy);
    expect(plan.channel).toBe('DOMESTIC_LAW_ENFORCEMENT');
    expect(plan.recipient).toEqual({ kind: 'PROTECTOR', name: 'Pittsburgh Bureau of Police' });
    expect(codes(venue)).toEqual(['DELIVERY.US_PERSON_IN_US', 'DELIVERY.VIA_PROTECTOR']);
  });

  it('Given a place in the US with no protector named, Then the warning goes to the place itself', () => {
    const plan = planDelivery(target({ kind: 'LOCATION', description: 'Main Street parade', usPerson: null, countryCode: 'US' }), policy);
    expect(plan.recipient).toEqual({ kind: 'VICTIM', name: 'Main Street parade' });
    expect(plan.channel).toBe('DOMESTIC_LAW_ENFORCEMENT');
  });
});

describe('planDelivery: abroad', () => {
  it('Given the Crocus-like case, Then the FSB is warned through liaison', () => {
    expect(planDelivery(crocus, policy)).toEqual({
      recipient: { kind: 'PROTECTOR', name: 'Federal Security Service (FSB)' },
      channel: 'LIAISON',
      reasons: [
        { code: 'DELIVERY.ABROAD_LIAISON', message: expect.stringContaining('RU') },
        { code: 'DELIVERY.VIA_PROTECTOR', message: expect.stringContaining('Crocus City Hall concert audience') },
      ],
    });
  });

  it('Given the Crocus-like report, When it goes report -> releasable facts -> authorization -> plan, Then it is LIAISON', () => {
    const authorization: WarningAuthorizedData = { basis: 'NO_WAIVER_PROPOSED', ...releasableFacts(makeReport(), policy) };
    expect(planDelivery(deliveryFactsFromAuthorization(authorization), policy).channel).toBe('LIAISON');
  });

  it('Given a non-US person abroad with no protector, Then the chief of mission warns them through the diplomatic channel', () => {
    const facts = target({ kind: 'PERSON', description: 'opposition politician', name: 'A. N. Other', usPerson: false, countryCode: 'KE' });
    expect(planDelivery(facts, policy)).toMatchObject({ recipient: { kind: 'VICTIM', name: 'A. N. Other' }, channel: 'DIPLOMATIC' });
    expect(codes(facts)).toEqual(['DELIVERY.ABROAD_DIPLOMATIC', 'DELIVERY.DIRECT_TO_VICTIM']);
  });

  it('Given a US journalist abroad, Then the chief of mission warns them directly through the diplomatic channel', () => {
    expect(planDelivery(journalist, policy)).toMatchObject({ recipient: { kind: 'VICTIM', name: 'Jane Roe' }, channel: 'DIPLOMATIC' });
    expect(codes(journalist)).toEqual(['DELIVERY.US_PERSON_ABROAD', 'DELIVERY.DIRECT_TO_VICTIM']);
  });

  it('Given a US journalist abroad with a host security service named, Then they are still warned directly, not through the host', () => {
    const guarded = target({ ...journalist.target, protector: { name: 'Host National Intelligence', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' } });
    expect(planDelivery(guarded, policy)).toMatchObject({ recipient: { kind: 'VICTIM', name: 'Jane Roe' }, channel: 'DIPLOMATIC' });
  });

  it('Given a non-US person abroad guarded by the host security service, Then that service is warned through liaison', () => {
    const minister = target({
      kind: 'PERSON',
      description: 'interior minister',
      usPerson: false,
      countryCode: 'IR',
      protector: { name: 'Ministry of Intelligence', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' },
    });
    expect(planDelivery(minister, policy)).toMatchObject({ recipient: { kind: 'PROTECTOR', name: 'Ministry of Intelligence' }, channel: 'LIAISON' });
  });

  it('Given a group abroad protected by private security, Then the protector is warned through the diplomatic channel', () => {
    const group = target({
      kind: 'GROUP',
      description: 'aid workers convoy',
      usPerson: false,
      countryCode: 'SD',
      protector: { name: 'Convoy Security Ltd', kind: 'PRIVATE_SECURITY' },
    });
    expect(planDelivery(group, policy)).toMatchObject({ recipient: { kind: 'PROTECTOR', name: 'Convoy Security Ltd' }, channel: 'DIPLOMATIC' });
  });

  it('Given a person abroad of unknown US-person status, Then it is planned as non-US and the reason says so', () => {
    const unknownStatus = target({ ...crocus.target, usPerson: null });
    expect(planDelivery(unknownStatus, policy).channel).toBe('LIAISON');
    expect(codes(unknownStatus)[0]).toBe('DELIVERY.US_PERSON_UNKNOWN');
  });
});

describe('planDelivery: replay and policy copies', () => {
  it('Given the same facts twice, Then the plans are deep-equal', () => {
    expect(planDelivery(crocus, policy)).toStrictEqual(planDelivery(crocus, policy));
  });

  it('Given a policy copy where no protector kind is reached by liaison, Then Crocus goes through the diplomatic channel', () => {
    const plan = planDelivery(crocus, { ...policy, liaisonProtectorKinds: [] });
    expect(plan).toMatchObject({ channel: 'DIPLOMATIC', recipient: { kind: 'PROTECTOR', name: 'Federal Security Service (FSB)' } });
  });

  it('Given a policy copy with another home country, Then a US person in the US is abroad', () => {
    const facts = target({ kind: 'PERSON', description: 'state senator', usPerson: true, countryCode: 'US' });
    expect(planDelivery(facts, { ...policy, homeCountry: 'GB' }).channel).toBe('DIPLOMATIC');
  });

  it('Given a policy copy that warns places directly, Then the Crocus audience itself is the recipient', () => {
    const plan = planDelivery(target({ ...crocus.target, countryCode: 'US' }), { ...policy, protectedTargetKinds: [] });
    expect(plan.recipient).toEqual({ kind: 'VICTIM', name: 'Crocus City Hall concert audience' });
  });
});
