import type { SanitizedWarning, WarningAuthorizedData } from '@forewarn/contracts';
import { deliveryFactsFromAuthorization, planDelivery } from './delivery';
import { buildSanitizedWarning, findSensitiveLeaks, releasableFacts, renderWarningText } from './sanitize';
import { makeReport } from './test-fixtures';
import { CURRENT_POLICY_VERSION, getPolicy } from './versions';

const policy = getPolicy(CURRENT_POLICY_VERSION);
const W = '[withheld]';
const summaryOf = (summary: string, patch: Parameters<typeof makeReport>[0] = () => undefined) =>
  releasableFacts(
    makeReport((r) => {
      r.releasableSummary = summary;
      patch(r);
    }),
    policy,
  ).releasableSummary;

describe('releasableFacts', () => {
  it('Given the Crocus-like report, Then only allow-listed fields are copied', () => {
    expect(releasableFacts(makeReport(), policy)).toStrictEqual({
      source: { sourceAgency: 'partner-agency', reportId: 'RPT-2024-0307-01' },
      threat: {
        type: 'INTENTIONAL_KILLING',
        window: { earliest: '2024-03-08T00:00:00Z', latest: '2024-03-09T23:59:00Z' },
        location: { description: 'Crocus City Hall, Krasnogorsk', countryCode: 'RU' },
      },
      target: {
        kind: 'LOCATION',
        description: 'Crocus City Hall concert audience',
        usPerson: false,
        countryCode: 'RU',
        protector: { name: 'Federal Security Service (FSB)', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' },
      },
      releasableSummary: 'Extremists plan to attack a large gathering, such as a concert, in the Moscow area within days.',
    });
  });

  it('Given a report, Then description, perpetrators, indicators and sensitive never appear in the result', () => {
    const report = makeReport((r) => (r.indicators = { warningEndangersSources: true }));
    const json = JSON.stringify(releasableFacts(report, policy));
    for (const text of ['ISIS-K', 'mass-casualty', 'warningEndangersSources', 'sensitive', 'CARDINAL', 'MOSCOW-7']) expect(json).not.toContain(text);
    expect(findSensitiveLeaks(json, report.sensitive, policy)).toEqual([]);
  });

  it("Given the summary names the report's source, method, classification and collection details, Then each is withheld", () => {
    const summary = summaryOf(
      'Per asset cardinal (TOP SECRET//SI//NOFORN), via Intercept of  Telegram\nchannel; Collected 2024-03-05 by station MOSCOW-7. Gunmen plan an attack.',
    );
    expect(summary).toBe(`Per ${W} (${W}), via ${W}; ${W}. Gunmen plan an attack.`);
  });

  it.each([
    ['(TS//SI//NF) Gunmen plan an attack.', `${W} Gunmen plan an attack.`],
    ['(S//NF) Gunmen plan an attack.', `${W} Gunmen plan an attack.`],
    ['(TS) Gunmen plan an attack.', `${W} Gunmen plan an attack.`],
    ['SECRET//NOFORN Gunmen plan an attack.', `${W} Gunmen plan an attack.`],
    ['Gunmen plan an attack. //REL TO USA, GBR', `Gunmen plan an attack. ${W}`],
    ['SECRET//REL TO USA, FVEY Gunmen plan an attack.', `${W} Gunmen plan an attack.`],
    ['Gunmen plan an attack (NOFORN, orcon).', `Gunmen plan an attack (${W}, ${W}).`],
    ['Top Secret: gunmen plan an attack.', `${W}: gunmen plan an attack.`],
    ['UNCLASSIFIED//FOUO gunmen plan an attack.', `${W} gunmen plan an attack.`],
    ['TS/SCI gunmen plan an attack.', `${W} gunmen plan an attack.`],
  ])('Given the marking in %p, Then it is withheld', (text, expected) => {
    expect(summaryOf(text)).toBe(expected);
  });

  it('Given ordinary lower-case words and a plural "(S)", Then nothing is withheld', () => {
    const text = 'A secret meeting of GUNMAN(S) with a confidential informant.';
    expect(summaryOf(text)).toBe(text);
  });

  it('Given a one-letter classification "S", Then only the whole token is withheld, not every letter s', () => {
    const summary = summaryOf('Suspects seen near S venue.', (r) => (r.sensitive.classification = 'S'));
    expect(summary).toBe(`Suspects seen near ${W} venue.`);
  });

  it('Given secrets with regular-expression characters, Then they are matched literally', () => {
    const summary = summaryOf('Sources: HUMINT(x)+ and HUMINTxx.', (r) => (r.sensitive.sources = ['HUMINT(x)+']));
    expect(summary).toBe(`Sources: ${W} and HUMINTxx.`);
  });

  it('Given overlapping secrets, Then the whole overlap is withheld, not a fragment of one', () => {
    const summary = summaryOf('ASSET CARDINAL NETWORK met the gunmen.', (r) => (r.sensitive.sources = ['ASSET CARDINAL', 'CARDINAL NETWORK']));
    expect(summary).toBe(`${W} met the gunmen.`);
  });

  it('Given target, name, protector and place texts with secrets and markings, Then each is redacted', () => {
    const report = makeReport((r) => {
      r.target.description = '(S//NF) audience named by Asset Cardinal';
      r.target.name = 'CARDINAL contact ASSET CARDINAL';
      r.target.protector = { name: 'FSB liaison SECRET//NOFORN', kind: 'HOST_GOVERNMENT_SECURITY_SERVICE' };
      r.threat.location = { description: 'hall found by intercept of telegram channel', countryCode: 'RU' };
    });
    const { target, threat } = releasableFacts(report, policy);
    expect(target.description).toBe(`${W} audience named by ${W}`);
    expect(target.name).toBe(`CARDINAL contact ${W}`);
    expect(target.protector?.name).toBe(`FSB liaison ${W}`);
    expect(threat.location?.description).toBe(`hall found by ${W}`);
  });

  it('Given a redaction that makes a short text longer than the contract allows, Then it is cut to the limit', () => {
    const report = makeReport((r) => (r.target.description = `${'a'.repeat(180)} (S) (C) (U)`));
    const { description } = releasableFacts(report, policy).target;
    expect(description.length).toBe(200);
    expect(description).not.toMatch(/\((S|C|U)\)/);
  });

  it('Given a policy copy with another redaction text and a code-word pattern, Then the copy redacts differently', () => {
    const copy = {
      ...policy,
      redaction: '[REDACTED]',
      classificationMarkings: [...policy.classificationMarkings, { name: 'code word', pattern: '\\bBLUEBIRD\\b', flags: 'g' }],
    };
    expect(releasableFacts(makeReport((r) => (r.releasableSummary = 'BLUEBIRD says NOFORN')), copy).releasableSummary).toBe('[REDACTED] says [REDACTED]');
  });
});

describe('findSensitiveLeaks', () => {
  const { sensitive } = makeReport();

  it('Given clean text, Then nothing leaked', () => {
    expect(findSensitiveLeaks('Extremists plan to attack a concert.', sensitive, policy)).toEqual([]);
  });

  it('Given text with a source in another case and a marking, Then both are reported', () => {
    expect(findSensitiveLeaks('asset cardinal says NOFORN', sensitive, policy)).toEqual(['ASSET CARDINAL', 'NOFORN']);
  });

  it('Given text where a secret appears only inside the redaction token, Then it is not a leak', () => {
    const held = { ...sensitive, sources: ['held'] };
    expect(findSensitiveLeaks(`Names ${W}.`, held, policy)).toEqual([]);
    expect(findSensitiveLeaks('The suspect was held.', held, policy)).toEqual(['held']);
  });
});

describe('buildSanitizedWarning and renderWarningText', () => {
  const authorization: WarningAuthorizedData = { basis: 'NO_WAIVER_PROPOSED', ...releasableFacts(makeReport(), policy) };
  const plan = planDelivery(deliveryFactsFromAuthorization(authorization), policy);
  const crocus = () => buildSanitizedWarning({ warningId: 'W-1', caseId: 'C-1', authorization, plan }, policy);

  it('Given the Crocus-like authorization and plan, Then the warning carries threat, target, place, window, summary and recipient', () => {
    expect(crocus()).toStrictEqual({
      warningId: 'W-1',
      caseId: 'C-1',
      threatType: 'INTENTIONAL_KILLING',
      target: 'Crocus City Hall concert audience',
      place: 'Crocus City Hall, Krasnogorsk (RU)',
      window: { earliest: '2024-03-08T00:00:00Z', latest: '2024-03-09T23:59:00Z' },
      summary: 'Extremists plan to attack a large gathering, such as a concert, in the Moscow area within days.',
      recipient: { kind: 'PROTECTOR', name: 'Federal Security Service (FSB)' },
      channel: 'LIAISON',
    });
  });

  it('Given the Crocus-like warning, Then the text is plain language and exactly this', () => {
    expect(renderWarningText(crocus())).toBe(
      [
        'WARNING OF A THREAT',
        'To: Federal Security Service (FSB), as those responsible for protecting the intended victim',
        'Threat: intentional killing',
        'Intended victim: Crocus City Hall concert audience',
        'Place: Crocus City Hall, Krasnogorsk (RU)',
        'Expected time: between 8 March 2024, 00:00 UTC and 9 March 2024, 23:59 UTC',
        'Summary: Extremists plan to attack a large gathering, such as a concert, in the Moscow area within days.',
        'This warning is issued under the duty to warn.',
        'Reference: W-1',
      ].join('\n'),
    );
  });

  it('Given the whole path from report to text, Then the text leaks nothing of the report', () => {
    const report = makeReport((r) => (r.releasableSummary = `ASSET CARDINAL (TS//SI//NF): ${r.releasableSummary} SECRET//NOFORN`));
    const auth: WarningAuthorizedData = { basis: 'WAIVER_DENIED', ...releasableFacts(report, policy) };
    const warning = buildSanitizedWarning({ warningId: 'W-2', caseId: 'C-2', authorization: auth, plan }, policy);
    const text = renderWarningText(warning);
    expect(findSensitiveLeaks(text, report.sensitive, policy)).toEqual([]);
    expect(findSensitiveLeaks(JSON.stringify(warning), report.sensitive, policy)).toEqual([]);
    expect(text).toContain('Extremists plan to attack');
  });

  it('Given an authorization whose summary still carries a marking, Then the warning withholds it', () => {
    const dirty = { ...authorization, releasableSummary: 'SECRET//NOFORN Gunmen plan an attack.' };
    expect(buildSanitizedWarning({ warningId: 'W-3', caseId: 'C-3', authorization: dirty, plan }, policy).summary).toBe(`${W} Gunmen plan an attack.`);
  });

  it('Given a named person with no place or window, Then the text names them and says what is not known', () => {
    const warning: SanitizedWarning = {
      ...crocus(),
      threatType: 'KIDNAPPING',
      target: 'Jane Roe (US journalist)',
      place: null,
      window: null,
      recipient: { kind: 'VICTIM', name: 'Jane Roe' },
      channel: 'DIPLOMATIC',
    };
    const text = renderWarningText(warning);
    expect(text).toContain('To: Jane Roe\n');
    expect(text).toContain('Threat: kidnapping');
    expect(text).toContain('Place: not known');
    expect(text).toContain('Expected time: not known');
    expect(text).toContain('This warning is issued under the duty to warn.');
  });

  it('Given a target with a name, Then the warning shows name and description', () => {
    const named = { ...authorization, target: { ...authorization.target, kind: 'PERSON' as const, name: 'Jane Roe', description: 'US journalist' } };
    expect(buildSanitizedWarning({ warningId: 'W-4', caseId: 'C-4', authorization: named, plan }, policy).target).toBe('Jane Roe (US journalist)');
  });

  it('Given the same inputs twice, Then warning and text are identical', () => {
    expect(crocus()).toStrictEqual(crocus());
    expect(renderWarningText(crocus())).toBe(renderWarningText(crocus()));
  });
});
