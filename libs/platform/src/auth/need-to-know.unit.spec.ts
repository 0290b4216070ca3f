import { dutyOrganisations, isOperatorOnly, seesCase, visibleSources } from './need-to-know';

describe('need to know: whose cases a person sees', () => {
  const duty = ['NCTC'];
  const person = (organisation: string, ...roles: string[]) => ({ organisation, roles });

  it('lets the duty holders\' analysts and reviewers see every case, and others only their own organisation\'s', () => {
    for (const role of ['analyst', 'senior-reviewer', 'legal-reviewer', 'agency-submitter']) {
      expect(seesCase(person('NCTC', role), 'CISA', duty)).toBe(true);
      expect(seesCase(person('CISA', role), 'CISA', duty)).toBe(true);
      expect(seesCase(person('FBI', role), 'CISA', duty)).toBe(false);
      expect(visibleSources(person('FBI', role), duty)).toEqual(['FBI']);
      expect(visibleSources(person('NCTC', role), duty)).toBeUndefined();
    }
  });

  it('lets auditors see every case, and operators every case\'s flow', () => {
    expect(seesCase(person('OIG', 'auditor'), 'CISA', duty)).toBe(true);
    expect(seesCase(person('FBI', 'operator'), 'CISA', duty)).toBe(true);
    expect(isOperatorOnly(person('FBI', 'operator'))).toBe(true);
    // An operator who is also an analyst sees content as an analyst, so by the analyst's rule.
    expect(isOperatorOnly(person('FBI', 'operator', 'analyst'))).toBe(false);
    expect(seesCase(person('FBI', 'operator', 'analyst'), 'CISA', duty)).toBe(false);
  });

  it('never lets a person without an organisation match one, and reads the duty holders from the environment', () => {
    expect(seesCase({ roles: ['analyst'] }, '', duty)).toBe(false);
    expect(dutyOrganisations({})).toEqual(['NCTC']);
    expect(dutyOrganisations({ FOREWARN_DUTY_ORGANISATIONS: ' NCTC, DHS ,' })).toEqual(['NCTC', 'DHS']);
  });
});
