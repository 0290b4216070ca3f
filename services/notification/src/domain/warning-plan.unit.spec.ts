import { checkEventForPublish, crocusReport, EventCatalogue, validatePartnerWarning } from '@forewarn/contracts';
import { findSensitiveLeaks } from '@forewarn/policy';
import { authorizationFrom, policy, usPersonReport } from '../../test/support/reports';
import { partnerCaseStatus, partnerWarningMessage } from './partner-messages';
import { planWarning } from './warning-plan';

const plan = (authorization = authorizationFrom(usPersonReport())) => planWarning({ warningId: 'w-1', caseId: 'case-1', authorization }, policy);

describe('planWarning', () => {
  it('Given a US person in the US, Then domestic law enforcement warns the senator directly', () => {
    const p = plan();
    expect(p.plan.channel).toBe('DOMESTIC_LAW_ENFORCEMENT');
    expect(p.plan.recipient).toEqual({ kind: 'VICTIM', name: 'John Doe' });
    expect(p.policyVersion).toBe(policy.version);
    expect(p.text).toContain('Threat: kidnapping');
  });

  it('Given the Crocus-like target, Then the FSB is warned through liaison', () => {
    const p = plan(authorizationFrom(crocusReport()));
    expect(p.plan.channel).toBe('LIAISON');
    expect(p.plan.recipient).toEqual({ kind: 'PROTECTOR', name: 'Federal Security Service (FSB)' });
    expect(p.warning.place).toBe('Crocus City Hall, Krasnogorsk (RU)');
  });

  it('Given a US person abroad, Then the diplomatic channel', () => {
    const report = usPersonReport();
    report.target.countryCode = 'TR';
    expect(plan(authorizationFrom(report)).plan.channel).toBe('DIPLOMATIC');
  });

  it("Given the report's secrets, Then neither they nor any classification marking reach the text", () => {
    for (const report of [usPersonReport(), crocusReport()]) {
      const p = plan(authorizationFrom(report));
      expect(findSensitiveLeaks(p.text, report.sensitive, policy)).toEqual([]);
      expect(findSensitiveLeaks(JSON.stringify(p.warning), report.sensitive, policy)).toEqual([]);
    }
  });

  it('Given an authorization that still carries markings (an upstream slip), Then the text carries none', () => {
    const authorization = { ...authorizationFrom(usPersonReport()), releasableSummary: 'TOP SECRET//SI//NOFORN (S//NF) An abduction is planned. REL TO USA, GBR' };
    const p = plan(authorization);
    expect(findSensitiveLeaks(p.text, { classification: '', sources: [], methods: [] }, policy)).toEqual([]);
    expect(p.text).toContain('An abduction is planned.');
  });

  it('is deterministic: the same authorization and id give the same warning and text (replay)', () => {
    const authorization = authorizationFrom(crocusReport((r) => (r.reportId = 'RPT-1')));
    expect(plan(authorization)).toEqual(plan(authorization));
  });

  it('produces publishable DeliveryPlanned data and a contract-valid partner message', () => {
    const p = plan();
    const planned = checkEventForPublish({
      eventId: 'e-1', type: 'DeliveryPlanned', schemaVersion: EventCatalogue.DeliveryPlanned.schemaVersion, caseId: 'case-1',
      occurredAt: new Date().toISOString(), correlationId: 'c-1', causationId: null,
      producer: { service: 'notification', version: '0' }, actor: { kind: 'service', id: 'notification' }, data: { plan: p.plan, facts: p.facts },
    });
    expect(planned.ok).toBe(true);
    const message = partnerWarningMessage({ idempotencyKey: 'k-1', issuedAt: new Date().toISOString(), warning: p.warning, text: p.text });
    expect(validatePartnerWarning(message)).toEqual({ ok: true, value: message });
  });

  it('refuses to build messages that break the public contract', () => {
    const p = plan();
    expect(() => partnerWarningMessage({ idempotencyKey: '', issuedAt: 'yesterday', warning: p.warning, text: p.text })).toThrow(
      expect.objectContaining({ code: 'DELIVERY.INVALID_PARTNER_MESSAGE' }),
    );
    expect(() => partnerCaseStatus('case-1', { sourceAgency: 'FBI', reportId: '' }, 'WARNED', new Date().toISOString())).toThrow(/reportId/);
  });
});
