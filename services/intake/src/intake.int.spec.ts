import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { partnerTopic, Principals, Topics, type DeadLetter, type ThreatReportSubmission } from '@forewarn/contracts';
import { kafkaPort, type KafkaRecord } from '@forewarn/eventing';
import { applyHttpDefaults, issueDevToken, listenService, migrateService } from '@forewarn/platform';
import { grantNamespace, registerDemoPartners } from '@forewarn/service-testing';
import { createTestDatabase, kafkaAs, kafkaEnv, waitFor, type TestDatabase } from '@forewarn/testing';
import { createHash, randomBytes } from 'node:crypto';

/** Intake over HTTP and the inbound partner topic, against the real broker and database. */
describe('intake', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let url: string;
  let dataSource: DataSource;
  const kafka = kafkaPort('intake-test', kafkaAs());
  // NCTC itself, on its own topic: the broker authenticated it.
  const producer = kafkaPort('nctc', kafkaAs(Principals.partner('NCTC'))).publisher();
  const run = randomBytes(3).toString('hex');
  const submitter = issueDevToken({ sub: 'sam', org: 'NCTC', roles: ['agency-submitter'] });
  const report = (reportId: string): ThreatReportSubmission => ({
    sourceAgency: 'NCTC',
    reportId,
    reportedAt: '2026-11-26T10:00:00Z',
    threat: { type: 'KIDNAPPING', description: 'abduction plan', credibility: 'CREDIBLE' },
    target: { kind: 'PERSON', description: 'a journalist', usPerson: true, countryCode: 'US' },
    releasableSummary: 'A journalist may be abducted.',
    sensitive: { classification: 'SECRET', sources: ['ASSET'], methods: ['HUMINT'] },
  });
  const post = (body: unknown, token: string | null = submitter, raw?: string) =>
    fetch(`${url}/v1/threat-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: raw ?? JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  const count = async (reportId: string) =>
    Number((await dataSource.query(`SELECT count(*)::int AS n FROM threat_reports WHERE report_id = $1`, [reportId]))[0].n);
  const reportedEvents = (caseId: string, n: number) =>
    kafka.collect(Topics.intakeEvents, (found) => found.length >= n, 20_000, (m: KafkaRecord) => m.key?.toString() === caseId);

  beforeAll(async () => {
    db = await createTestDatabase('intake');
    await registerDemoPartners(db);
    await grantNamespace(`test-${run}.`);
    Object.assign(process.env, kafkaEnv('forewarn-intake'));
    process.env.FOREWARN_DATABASE = db.name;
    process.env.FOREWARN_GROUP_PREFIX = `test-${run}.`;
    process.env.LOG_LEVEL ??= 'error';
    const { AppModule } = await import('./app.module');
    await migrateService('intake');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true, logger: false });
    applyHttpDefaults(app);
    await listenService(app, 0);
    url = await app.getUrl();
    dataSource = app.get(DataSource);
    await producer.connect();
  }, 60_000);

  afterAll(async () => {
    await producer.disconnect();
    await app?.close();
    await db?.drop();
  });

  it('records a report over HTTP and emits ThreatReported with the submitter as actor', async () => {
    const res = await post(report(`R-${run}-1`));
    expect(res.status).toBe(201);
    const [message] = await reportedEvents(res.body.caseId, 1);
    const event = JSON.parse(message.value!.toString());
    expect(event).toMatchObject({ type: 'ThreatReported', schemaVersion: 2, caseId: res.body.caseId, actor: { kind: 'person', id: 'sam', organisation: 'NCTC' } });
    expect(event.data).toMatchObject({ receivedVia: 'HTTP', report: { reportId: `R-${run}-1` } });
  });

  it('answers a resubmission, even a concurrent one, with the same caseId and creates nothing new', async () => {
    const reportId = `R-${run}-dup`;
    const results = await Promise.all([post(report(reportId)), post(report(reportId)), post(report(reportId))]);
    const caseIds = new Set(results.map((r) => r.body.caseId));
    expect(caseIds.size).toBe(1);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(await count(reportId)).toBe(1);
    const events = await reportedEvents([...caseIds][0], 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(events).toHaveLength(1);
  });

  it('rejects bad input with a 400 naming every bad field, and creates no case', async () => {
    const bad = { ...report(`R-${run}-bad`), threat: { type: 'ALIENS', credibility: 'SURE' }, target: { kind: 'PERSON', usPerson: 'maybe', countryCode: 'usa' } };
    const res = await post(bad);
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['threat.type', 'threat.description', 'threat.credibility', 'target.description', 'target.usPerson', 'target.countryCode']));
    expect(await count(`R-${run}-bad`)).toBe(0);
  });

  it('limits field and body sizes', async () => {
    const long = { ...report(`R-${run}-long`), releasableSummary: 'x'.repeat(4001) };
    expect((await post(long)).body.errors).toEqual([expect.objectContaining({ field: 'releasableSummary' })]);
    const huge = await post(null, submitter, JSON.stringify({ ...report(`R-${run}-huge`), pad: 'y'.repeat(200_000) }));
    expect(huge.status).toBe(413);
  });

  it('requires a token, the right role, and an organisation that matches the report', async () => {
    expect((await post(report(`R-${run}-a`), null)).status).toBe(401);
    expect((await post(report(`R-${run}-a`), issueDevToken({ sub: 'o', org: 'NCTC', roles: ['operator'] }))).status).toBe(403);
    const other = await post(report(`R-${run}-a`), issueDevToken({ sub: 'x', org: 'DEA', roles: ['agency-submitter'] }));
    expect(other.status).toBe(403);
    expect(other.body.message).toMatch(/DEA may not submit reports for NCTC/);
  });

  it("takes reports from a partner's own topic and dead-letters a malformed one with its reasons", async () => {
    const good = report(`R-${run}-kafka`);
    const badPayload = JSON.stringify({ ...report(`R-${run}-kafka-bad`), threat: { type: 'ALIENS' } });
    await producer.send({ topic: partnerTopic('NCTC', 'threat-reports'), messages: [{ key: 'NCTC', value: badPayload }, { key: 'NCTC', value: JSON.stringify(good) }] });

    await waitFor('the partner report to be recorded', async () => (await count(good.reportId)) === 1);
    const [row] = await dataSource.query(`SELECT received_via FROM threat_reports WHERE report_id = $1`, [good.reportId]);
    expect(row.received_via).toBe('KAFKA');

    const letters = await kafka.collect(Topics.deadLetters, (f) => f.length >= 1, 20_000, (m) => m.value!.toString().includes(`R-${run}-kafka-bad`));
    const letter = JSON.parse(letters[0].value!.toString()) as DeadLetter;
    expect(letter).toMatchObject({ reason: 'SCHEMA_INVALID', originalTopic: partnerTopic('NCTC', 'threat-reports'), consumer: 'intake.partner-reports' });
    expect(letter.errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\/threat\/type: must be equal to one of the allowed values/), "/threat: must have required property 'description'"]));
    expect(await count(`R-${run}-kafka-bad`)).toBe(0);
  }, 60_000);

  it('dead-letters at once, as schema-invalid, a report whose text PostgreSQL cannot store, and goes on', async () => {
    const nul = report(`R-${run}-nul`);
    nul.threat.description = 'abduction\u0000plan';
    const surrogate = report(`R-${run}-surrogate`);
    surrogate.target.description = 'a journalist \ud800';
    const marker = report(`R-${run}-after-unstorable`);
    await producer.send({
      topic: partnerTopic('NCTC', 'threat-reports'),
      messages: [nul, surrogate, marker].map((r) => ({ key: 'NCTC', value: JSON.stringify(r) })),
    });
    await waitFor('the report behind them to be recorded', async () => (await count(marker.reportId)) === 1);

    const letters = await kafka.collect(Topics.deadLetters, (f) => f.length >= 2, 20_000, (m) => [nul, surrogate].some((r) => m.value!.toString().includes(r.reportId)));
    const byReport = Object.fromEntries(letters.map((m) => JSON.parse(m.value!.toString()) as DeadLetter).map((l) => [l.payload.includes('-nul"') ? 'nul' : 'surrogate', l]));
    expect(byReport.nul).toMatchObject({ reason: 'SCHEMA_INVALID', attempts: 0, errors: ['/threat/description: contains a NUL character (U+0000), which cannot be stored'] });
    expect(byReport.surrogate).toMatchObject({ reason: 'SCHEMA_INVALID', attempts: 0, errors: ['/target/description: contains an unpaired UTF-16 surrogate, which is not valid Unicode'] });
    expect(await count(nul.reportId)).toBe(0);
    expect(await count(surrogate.reportId)).toBe(0);

    // The same text over HTTP: a 400 naming the field, not a 500 from PostgreSQL.
    const overHttp = await post({ ...nul, reportId: `R-${run}-nul-http` });
    expect(overHttp).toEqual({
      status: 400,
      body: expect.objectContaining({ errors: [{ field: 'threat.description', messages: ['threat.description contains a NUL character (U+0000), which cannot be stored'] }] }),
    });
    expect(await count(`R-${run}-nul-http`)).toBe(0);
  }, 60_000);

  it('keeps a partition flowing past a 1 MB+ report and hundreds of invalid ones, without a consumer restart', async () => {
    const restarts = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return text.split('\n').filter((l) => l.startsWith('forewarn_consumer_restarts_total{') && l.includes('consumer="intake.partner-reports"')).reduce((n, l) => n + Number(l.split(' ').pop()), 0);
    };
    const before = await restarts();
    const topic = partnerTopic('NCTC', 'threat-reports');
    // Just under the broker's 1 MiB record limit; quotes, which JSON escaping doubles again in a
    // letter, so no letter could carry it whole.
    const huge = Buffer.from(JSON.stringify({ ...report(`R-${run}-huge`), threat: { type: 'KIDNAPPING', description: '"'.repeat(520_000), credibility: 'CREDIBLE' } }));
    const invalid = Array.from({ length: 300 }, (_, i) => ({ ...report(`R-${run}-invalid-${i}`), threat: { type: 'ALIENS', description: 'y'.repeat(4_000), credibility: 'CREDIBLE' } }));
    const valid = Array.from({ length: 5 }, (_, i) => report(`R-${run}-after-huge-${i}`));
    // One key: one partition, in this order. Letters for the lot are well over 1 MiB.
    const [{ offset: hugeOffset }] = await producer.send({ topic, messages: [{ key: 'NCTC', value: huge }] });
    for (let i = 0; i < invalid.length; i += 100) await producer.send({ topic, messages: invalid.slice(i, i + 100).map((r) => ({ key: 'NCTC', value: JSON.stringify(r) })) });
    await producer.send({ topic, messages: valid.map((r) => ({ key: 'NCTC', value: JSON.stringify(r) })) });

    await waitFor('the reports behind them to be recorded', async () => (await Promise.all(valid.map((r) => count(r.reportId)))).every((n) => n === 1), 30_000);
    expect(await restarts()).toBe(before);

    const letters = (
      await kafka.collect(Topics.deadLetters, (f) => f.length >= 301, 30_000, (m) => m.headers?.['original-topic']?.toString() === topic && (m.value!.toString().includes(`R-${run}-invalid-`) || m.value!.toString().includes(`R-${run}-huge`)))
    ).map((m) => JSON.parse(m.value!.toString()) as DeadLetter);
    expect(new Set(letters.map((l) => l.deadLetterId)).size).toBe(301);
    const hugeLetter = letters.find((l) => l.payload.includes(`R-${run}-huge`))!;
    expect(hugeLetter).toMatchObject({
      reason: 'SCHEMA_INVALID',
      offset: hugeOffset,
      payloadTruncated: true,
      payloadBytes: huge.length,
      payloadSha256: createHash('sha256').update(huge).digest('hex'),
    });
    expect(hugeLetter.errors).toEqual([`message is ${huge.length} bytes; the limit is 65536`]);
    expect(await count(`R-${run}-huge`)).toBe(0);
  }, 90_000);

  it("dead-letters a report whose body claims another agency than the topic's, and opens no case for it", async () => {
    const forged = { ...report(`R-${run}-forged`), sourceAgency: 'FBI' };
    const marker = report(`R-${run}-after-forged`);
    await producer.send({ topic: partnerTopic('NCTC', 'threat-reports'), messages: [{ key: 'NCTC', value: JSON.stringify(forged) }, { key: 'NCTC', value: JSON.stringify(marker) }] });
    await waitFor('the report behind it to be recorded', async () => (await count(marker.reportId)) === 1);

    const letters = await kafka.collect(Topics.deadLetters, (f) => f.length >= 1, 20_000, (m) => m.value!.toString().includes(forged.reportId));
    const letter = JSON.parse(letters[0].value!.toString()) as DeadLetter;
    expect(letter).toMatchObject({ reason: 'REJECTED', originalTopic: partnerTopic('NCTC', 'threat-reports'), consumer: 'intake.partner-reports' });
    expect(letter.errors[0]).toContain("the report claims sourceAgency FBI but came on NCTC's topic");
    expect(await count(forged.reportId)).toBe(0);
  }, 60_000);
});
