import { auditVerdict } from './audit-dependencies';

const report = (vulnerabilities: Record<string, { severity: string }>) => {
  const counts: Record<string, number> = { info: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  for (const v of Object.values(vulnerabilities)) counts[v.severity] += 1;
  return JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { ...counts, total: Object.keys(vulnerabilities).length } } });
};

describe('npm audit in the test run', () => {
  it('fails on a high or critical advisory in a production dependency, and names it', () => {
    expect(auditVerdict(report({ 'path-to-regexp': { severity: 'high' }, debug: { severity: 'low' } }))).toEqual({
      kind: 'advisories',
      counts: expect.objectContaining({ high: 1, low: 1 }),
      packages: ['path-to-regexp (high)'],
    });
    expect(auditVerdict(report({ pg: { severity: 'critical' } })).kind).toBe('advisories');
  });

  it('passes with only moderate or low ones', () => {
    expect(auditVerdict(report({ debug: { severity: 'moderate' } }))).toEqual({ kind: 'clean', counts: expect.objectContaining({ moderate: 1 }) });
  });

  it('says the advisory database was not reached, rather than passing as clean', () => {
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    expect(auditVerdict(refused)).toEqual({ kind: 'unreachable', reason: expect.stringContaining('405 Method Not Allowed') });
    expect(auditVerdict('').kind).toBe('unreachable');
  });
});
