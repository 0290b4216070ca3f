import type { ForewarnEvent } from '@forewarn/contracts';
import { newEvent } from '@forewarn/eventing';
import { CURRENT_POLICY_VERSION } from '@forewarn/policy';
import { interleavings } from '@forewarn/read-model';
import { makeReport } from '@forewarn/service-testing';
import { foldCase } from './cases.read-model';

const at = (minute: number) => `2025-06-01T12:${String(minute).padStart(2, '0')}:00.000Z`;
const intake = { producer: { service: 'intake', version: 't' }, actor: { kind: 'service' as const, id: 'intake@t' } };
const assessment = { producer: { service: 'assessment', version: 't' }, actor: { kind: 'service' as const, id: 'assessment@t' }, policyVersion: CURRENT_POLICY_VERSION };
const analyst = { ...assessment, actor: { kind: 'person' as const, id: 'ana', roles: ['analyst'] } };

const reported = newEvent('ThreatReported', 'c1', { report: makeReport(at(0)), receivedVia: 'HTTP', receivedAt: at(0) }, { ...intake, occurredAt: at(0) });
const needsAnalyst = newEvent(
  'DutyDetermined',
  'c1',
  { outcome: 'NEEDS_ANALYST', reasons: [{ code: 'DUTY.CREDIBILITY_UNDETERMINED', message: '' }], facts: {}, decidedBy: 'POLICY' },
  { ...assessment, cause: reported, occurredAt: at(1) },
);
const assessed = newEvent('AnalystAssessmentRecorded', 'c1', { assessment: { credibility: 'CREDIBLE', specific: true, notes: 'ok' } }, { ...analyst, cause: needsAnalyst, occurredAt: at(5) });
const duty = newEvent('DutyDetermined', 'c1', { outcome: 'DUTY', reasons: [], facts: {}, decidedBy: 'POLICY_WITH_ANALYST' }, { ...analyst, cause: assessed, occurredAt: at(5) });

describe('the assessment read model as a projection of events', () => {
  const live = foldCase('c1', undefined, [reported, needsAnalyst, assessed, duty]);

  it('folds a case as the domain does: the latest decision, the analyst, the report and when it last changed', () => {
    expect(live.state).toMatchObject({ status: 'DUTY', decision: { outcome: 'DUTY', at: at(5) }, assessment: { by: 'ana' }, lastEventId: duty.eventId, correlationId: reported.correlationId });
    expect(live.state.report?.reportId).toBe(reported.data.report.reportId);
    expect(live.updatedAt).toBe(at(5));
  });

  it('ends the same however the log interleaves the report with the service own events', () => {
    const orders = interleavings<ForewarnEvent>([reported], [needsAnalyst, assessed, duty]);
    expect(orders).toHaveLength(4);
    for (const order of orders) expect(foldCase('c1', undefined, order)).toEqual(live);
  });

  it('ends the same applied one event at a time, as the live path applies them', () => {
    const stepwise = [reported, needsAnalyst, assessed, duty].reduce<ReturnType<typeof foldCase> | undefined>((p, e) => foldCase('c1', p, [e]), undefined);
    expect(stepwise).toEqual(live);
  });

  it('lets a second report for the case change nothing', () => {
    const again = newEvent('ThreatReported', 'c1', { report: makeReport(at(9)), receivedVia: 'KAFKA', receivedAt: at(9) }, { ...intake, occurredAt: at(9) });
    expect(foldCase('c1', live, [again])).toEqual(live);
  });
});
