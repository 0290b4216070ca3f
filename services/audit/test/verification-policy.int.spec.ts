import { getPolicy, type PolicyConfig } from '@forewarn/policy';
import { caseScenario } from './case-scenario';
import { minutesFromNow, newCaseId, startAudit, type AuditHarness } from './support';

/**
 * Issue 4 section 6: a rule changed in a test copy of the policy. The app replays with the
 * PolicyFor it is given, so the API itself shows the mismatch and its diff.
 */
describe('verification with a changed rule', () => {
  let h: AuditHarness;
  // Kidnapping only: the recorded INTENTIONAL_KILLING duty no longer follows from the facts.
  const changed = (version: string): PolicyConfig => ({ ...getPolicy(version), inScopeThreatTypes: ['KIDNAPPING'] });
  beforeAll(async () => (h = await startAudit('verify_policy', { policyFor: changed })));
  afterAll(() => h.close());

  it('reports the recorded and recomputed outcome, the mismatch and a field-level diff', async () => {
    const caseId = newCaseId();
    const events = caseScenario({ caseId, start: minutesFromNow(-30), path: 'warned' });
    await h.publish(events);
    await h.logged(events);

    const { body } = await h.get(`/v1/audit/cases/${caseId}/verification`);
    const duty = body.decisions.find((d: { eventId: string }) => d.eventId === events[1].eventId);
    expect(duty).toMatchObject({ decision: 'DUTY', match: false, recorded: { outcome: 'DUTY' }, recomputed: { outcome: 'NO_DUTY' } });
    expect(duty.diff).toContainEqual({ path: '/outcome', recorded: 'DUTY', recomputed: 'NO_DUTY' });
    expect(duty.diff).toContainEqual(expect.objectContaining({ path: '/reasons/0/code', recorded: 'DUTY.IN_SCOPE', recomputed: 'DUTY.OUT_OF_SCOPE' }));
    // The rules the change does not touch still agree.
    const plan = body.decisions.find((d: { eventId: string }) => d.eventId === events[4].eventId);
    expect(plan).toMatchObject({ decision: 'DELIVERY_PLAN', match: true, diff: [] });
    expect(body.mismatches).toBeGreaterThanOrEqual(1);
  });
});
