import { newEvent } from '@forewarn/eventing';
import type { ForewarnEvent } from '@forewarn/contracts';

/** The envelope assessment would publish for a case; `correlationId` ties it to its report. */
export function dutyDetermined(
  caseId: string,
  outcome: 'DUTY' | 'NO_DUTY' | 'NEEDS_ANALYST',
  correlationId?: string,
  decidedBy: 'POLICY' | 'POLICY_WITH_ANALYST' = 'POLICY',
): ForewarnEvent<'DutyDetermined'> {
  return newEvent('DutyDetermined', caseId, { outcome, reasons: [{ code: `DUTY.TEST_${outcome}`, message: 'decided by the test' }], facts: {}, decidedBy }, {
    producer: { service: 'assessment', version: '0.0.0-test' },
    actor: { kind: 'service', id: 'assessment@0.0.0-test' },
    policyVersion: 'icd191-2015.1',
    correlationId,
  });
}
