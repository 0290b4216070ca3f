import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApiDocument } from './asyncapi';
import { EventCatalogue } from './catalogue';
import { eventDataSchemas } from './schemas/event-data.schemas';
import { partnerGrants, Principals, serviceMayWrite } from './access';
import { EventTopics, partnerOfTopic, partnerTopic, PartnerTopicKinds, Topics } from './topics';
import { checkEventForPublish, readEvent, unstorableText, validateThreatReportSubmission } from './validation';

const report = {
  sourceAgency: 'NCTC',
  reportId: 'R-1',
  reportedAt: '2026-01-01T00:00:00Z',
  threat: { type: 'KIDNAPPING', description: 'abduction plan', credibility: 'CREDIBLE' },
  target: { kind: 'PERSON', description: 'a journalist', usPerson: true, countryCode: 'US' },
  releasableSummary: 'A journalist may be abducted.',
  sensitive: { classification: 'SECRET', sources: ['ASSET'], methods: ['HUMINT'] },
};
const envelope = (type: string, schemaVersion: number, data: unknown) => ({
  eventId: 'e-1',
  type,
  schemaVersion,
  caseId: 'c-1',
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  producer: { service: 'intake', version: '0.1.0' },
  actor: { kind: 'service', id: 'intake' },
  data,
});

describe('the published AsyncAPI document', () => {
  it('is exactly what the code generates from its schemas (run npm run contracts:asyncapi after a change)', () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument(version))));
  });

  it('documents every topic, each partner agency\'s and every event type, and how a client authenticates', () => {
    const doc = buildAsyncApiDocument('test');
    const addresses = Object.values(doc.channels).map((c) => c.address);
    const partnerTopics = Object.values(PartnerTopicKinds).map((kind) => `forewarn.partner.{agency}.${kind}.v1`);
    expect(addresses.sort()).toEqual([...Object.values(Topics).filter((t) => t !== Topics.deadLetters && t !== Topics.outboxRelay), ...partnerTopics].sort());
    expect(doc.servers.forewarn).toMatchObject({ protocol: 'kafka-secure', security: [{ $ref: '#/components/securitySchemes/scram' }] });
    expect(doc.components.securitySchemes.scram.type).toBe('scramSha512');
    expect(Object.keys(doc.components.messages)).toEqual(expect.arrayContaining(Object.keys(EventCatalogue)));
  });
});

describe('the event catalogue', () => {
  it('gives every event type a data schema and one of the event topics', () => {
    for (const [type, entry] of Object.entries(EventCatalogue)) {
      expect(eventDataSchemas[type as keyof typeof eventDataSchemas]).toBeDefined();
      expect(EventTopics).toContain(entry.topic);
    }
  });
});

describe('reading events', () => {
  it('upcasts ThreatReported v1 (no receivedVia) to v2 as an HTTP report', () => {
    const read = readEvent(envelope('ThreatReported', 1, { report, receivedAt: '2026-01-01T00:00:00.000Z' }));
    expect(read).toMatchObject({ ok: true, value: { schemaVersion: 2, data: { receivedVia: 'HTTP' } } });
  });

  it('rejects a malformed event naming each problem', () => {
    const read = readEvent(envelope('DutyDetermined', 1, { outcome: 'MAYBE', reasons: [], facts: {} }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toEqual(
      expect.arrayContaining([
        "data: must have required property 'decidedBy'",
        'data/outcome: must be equal to one of the allowed values (DUTY, NO_DUTY, NEEDS_ANALYST)',
      ]),
    );
  });

  it('rejects an unknown type, a version from the future and a broken envelope', () => {
    expect(readEvent(envelope('ThreatWhispered', 1, {}))).toEqual({ ok: false, errors: ['envelope/type: unknown event type ThreatWhispered'] });
    expect(readEvent(envelope('DutyDetermined', 9, {}))).toMatchObject({ ok: false, errors: [expect.stringMatching(/newer than this reader/)] });
    expect(readEvent({ type: 'DutyDetermined' })).toMatchObject({ ok: false, errors: expect.arrayContaining(["envelope: must have required property 'eventId'"]) });
  });

  it('refuses to publish an event at an old schema version', () => {
    const res = checkEventForPublish(envelope('ThreatReported', 1, { report, receivedAt: '2026-01-01T00:00:00.000Z' }) as never);
    expect(res).toEqual({ ok: false, errors: ['envelope/schemaVersion: publish ThreatReported at v2'] });
  });
});

describe('threat report submissions', () => {
  it('accepts a valid report and names every bad field of a broken one', () => {
    expect(validateThreatReportSubmission(report).ok).toBe(true);
    const bad = validateThreatReportSubmission({ ...report, reportId: '', threat: { ...report.threat, type: 'ALIENS' }, extra: 1 });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        '/: must NOT have additional properties (extra)',
        '/reportId: must match pattern "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"',
        expect.stringMatching(/^\/threat\/type: must be equal to one of the allowed values/),
      ]),
    );
  });

  it('refuses text PostgreSQL cannot store (NUL, an unpaired surrogate) by path, never echoing it', () => {
    const bad = validateThreatReportSubmission({
      ...report,
      threat: { ...report.threat, description: 'abduction\u0000plan' },
      target: { ...report.target, description: 'a journalist \ud800' },
      sensitive: { ...report.sensitive, sources: ['ASSET', 'X\udc00Y'] },
    });
    expect(bad).toEqual({
      ok: false,
      errors: [
        '/threat/description: contains a NUL character (U+0000), which cannot be stored',
        '/target/description: contains an unpaired UTF-16 surrogate, which is not valid Unicode',
        '/sensitive/sources/1: contains an unpaired UTF-16 surrogate, which is not valid Unicode',
      ],
    });
    // A pair is one character (an emoji), not a lone half.
    expect(validateThreatReportSubmission({ ...report, releasableSummary: 'A journalist \ud83d\ude00 may be abducted.' }).ok).toBe(true);
    expect(unstorableText({ ['a\u0000b']: 1 })).toEqual(['/: a property name contains a NUL character or an unpaired surrogate, which cannot be stored']);
  });
});

describe('who may write what (access.ts)', () => {
  it("lets the audit re-drive reach partners' inbound topics and the event topics, and nothing else", () => {
    expect(serviceMayWrite('audit', partnerTopic('FSB', 'threat-reports'))).toBe(true);
    expect(serviceMayWrite('audit', partnerTopic('FSB', 'acknowledgements'))).toBe(true);
    expect(serviceMayWrite('audit', Topics.intakeEvents)).toBe(true);
    expect(serviceMayWrite('audit', partnerTopic('FSB', 'warnings'))).toBe(false);
    expect(serviceMayWrite('audit', 'test.anything')).toBe(false);
    expect(serviceMayWrite('intake', Topics.assessmentEvents)).toBe(false);
    expect(serviceMayWrite('notification', partnerTopic('FSB', 'warnings'))).toBe(true);
  });

  it('grants a partner its own four topics and groups only, and names every service that serves it', () => {
    const grants = partnerGrants('FSB');
    const own = grants.filter((g) => g.principal === Principals.partner('FSB'));
    expect(own.map((g) => `${g.operations.join('+')} ${g.resource} ${g.name}${g.pattern === 'Prefixed' ? '*' : ''}`).sort()).toEqual([
      'Read Group partner.FSB.*',
      'Read Topic forewarn.partner.FSB.case-status.v1',
      'Read Topic forewarn.partner.FSB.warnings.v1',
      'Write Topic forewarn.partner.FSB.acknowledgements.v1',
      'Write Topic forewarn.partner.FSB.threat-reports.v1',
    ]);
    expect(grants.every((g) => g.name.includes('FSB'))).toBe(true);
  });

  it('knows a partner topic from its name, and refuses a code that is not one', () => {
    expect(partnerOfTopic('forewarn.partner.FSB.warnings.v1')).toEqual({ agency: 'FSB', kind: 'warnings' });
    expect(partnerOfTopic('forewarn.intake.events.v1')).toBeNull();
    expect(() => partnerTopic('fsb.evil', 'warnings')).toThrow("'fsb.evil' is not a partner code");
  });
});
