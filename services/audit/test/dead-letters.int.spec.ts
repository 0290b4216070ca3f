import { createHash, randomUUID } from 'node:crypto';
import { partnerTopic, Topics, type DeadLetter } from '@forewarn/contracts';
import { deadLetterOf, kafkaPort } from '@forewarn/eventing';
import { kafkaAs, uniqueName, waitFor } from '@forewarn/testing';
import { caseScenario } from './case-scenario';
import { minutesFromNow, newCaseId, startAudit, type AuditHarness } from './support';

/**
 * The operators' dead-letter desk. The letter names a partner's inbound topic as its origin,
 * which audit may write (the re-drive), and no intake runs here to read it.
 */
describe('dead letters', () => {
  let h: AuditHarness;
  const caseId = newCaseId();
  const originalTopic = partnerTopic('NCTC', 'threat-reports');
  const [payloadEvent] = caseScenario({ caseId, start: minutesFromNow(-30), path: 'no-duty' });
  const letter: DeadLetter = {
    deadLetterId: `${originalTopic}:0:${Math.floor(Math.random() * 1e6)}`,
    reason: 'RETRIES_EXHAUSTED',
    errors: ['downstream unavailable'],
    originalTopic,
    partition: 0,
    offset: '41',
    key: caseId,
    payload: JSON.stringify(payloadEvent),
    consumer: 'intake.partner-reports',
    attempts: 5,
    failedAt: new Date().toISOString(),
  };
  // A letter that claims to come from a topic audit may not write: it cannot be re-driven.
  const stray: DeadLetter = { ...letter, deadLetterId: `${letter.deadLetterId}-stray`, originalTopic: uniqueName('test.audit.elsewhere') };
  // Letters made by the consumers' own publisher: bytes that are not text, and a value too large to carry.
  const record = { reason: 'SCHEMA_INVALID' as const, errors: ['value is not JSON'], originalTopic, partition: 1, consumer: 'intake.partner-reports', attempts: 0, key: null };
  const binaryValue = Buffer.from([0x7b, 0x00, 0xff, 0xfe, 0x7d]);
  const binary = deadLetterOf({ ...record, offset: '7', recordId: `${originalTopic}:1:7:${randomUUID()}`, value: binaryValue }, new Date().toISOString());
  const hugeValue = Buffer.alloc(1_000_000, 'z');
  const huge = deadLetterOf({ ...record, offset: '8', recordId: `${originalTopic}:1:8:${randomUUID()}`, value: hugeValue }, new Date().toISOString());
  const kafka = kafkaPort('audit-dl-test', kafkaAs());

  beforeAll(async () => {
    h = await startAudit('dead_letters');
    await h.producer.send({ topic: Topics.deadLetters, messages: [letter, stray, binary, huge].map((l) => ({ key: caseId, value: JSON.stringify(l) })) });
  });
  afterAll(() => h.close());

  it('lists dead letters for operators with reason, source topic and a payload summary', async () => {
    const listed = await waitFor('the letter to be listed', async () => {
      const { body } = await h.get('/v1/dead-letters?limit=500', ['operator']);
      return body.find((l: { deadLetterId: string }) => l.deadLetterId === letter.deadLetterId);
    });
    expect(listed).toMatchObject({
      reason: 'RETRIES_EXHAUSTED',
      sourceTopic: originalTopic,
      errors: ['downstream unavailable'],
      consumer: 'intake.partner-reports',
      payloadSummary: { json: true, type: 'ThreatReported', eventId: payloadEvent.eventId, caseId },
      redriveCount: 0,
    });
    expect((await h.get('/v1/dead-letters', ['auditor'])).status).toBe(403);
  });

  it('re-drives the original payload to its original topic and records DeadLetterRedriven', async () => {
    const res = await h.send('POST', `/v1/dead-letters/${encodeURIComponent(letter.deadLetterId)}/redrive`, { note: 'downstream is back' }, ['operator']);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ republishedTo: originalTopic, redriveCount: 1, caseId });

    const [again] = await kafka.collect(originalTopic, (found) => found.length >= 1, 30_000, (m) => m.headers?.['redrive-of']?.toString() === letter.deadLetterId);
    expect(again.value!.toString()).toBe(letter.payload);
    expect(again.headers!['redrive-of']!.toString()).toBe(letter.deadLetterId);

    // The record of the re-drive travels through the outbox to the operations topic and back into the log.
    await h.logged([res.body.eventId]);
    const { events: history, deadLetters } = (await h.get(`/v1/audit/cases/${caseId}/events`)).body;
    expect(deadLetters).toEqual(expect.arrayContaining([expect.objectContaining({ deadLetterId: letter.deadLetterId, reason: 'RETRIES_EXHAUSTED', redriveCount: 1 })]));
    expect(history).toContainEqual(
      expect.objectContaining({ type: 'DeadLetterRedriven', eventId: res.body.eventId, actor: expect.objectContaining({ id: 'tester-operator' }), why: expect.stringMatching(/downstream is back/) }),
    );
    const { body } = await h.get('/v1/dead-letters?limit=500', ['operator']);
    expect(body.find((l: { deadLetterId: string }) => l.deadLetterId === letter.deadLetterId)).toMatchObject({ redriveCount: 1, lastRedrivenBy: 'tester-operator' });
  });

  it('refuses to re-drive a letter to a topic audit may not write, and records nothing', async () => {
    await waitFor('the stray letter to be listed', async () => (await h.get('/v1/dead-letters?limit=500', ['operator'])).body.some((l: { deadLetterId: string }) => l.deadLetterId === stray.deadLetterId));
    const res = await h.send('POST', `/v1/dead-letters/${encodeURIComponent(stray.deadLetterId)}/redrive`, {}, ['operator']);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/cannot be re-driven/);
    const { body } = await h.get('/v1/dead-letters?limit=500', ['operator']);
    expect(body.find((l: { deadLetterId: string }) => l.deadLetterId === stray.deadLetterId)).toMatchObject({ redriveCount: 0 });
  });

  it('keeps letters of bytes that are not text, and of values too large to carry, and refuses to re-drive them', async () => {
    const listed = await waitFor('both letters to be listed', async () => {
      const { body } = await h.get('/v1/dead-letters?limit=500', ['operator']);
      const found = [binary, huge].map((l) => body.find((b: { deadLetterId: string }) => b.deadLetterId === l.deadLetterId));
      return found.every(Boolean) && found;
    });
    expect(listed[0].payloadSummary).toMatchObject({ json: false, encoding: 'base64', bytes: 5, sha256: createHash('sha256').update(binaryValue).digest('hex'), truncated: false });
    expect(listed[1].payloadSummary).toMatchObject({ json: false, encoding: 'utf8', bytes: 1_000_000, sha256: createHash('sha256').update(hugeValue).digest('hex'), truncated: true });
    const { rows: [stored] } = await h.pg.query(`SELECT payload, payload_encoding FROM dead_letters WHERE dead_letter_id = $1`, [binary.deadLetterId]);
    expect(Buffer.from(stored.payload, stored.payload_encoding).equals(binaryValue)).toBe(true);

    const refusals = await Promise.all([binary, huge].map((l) => h.send('POST', `/v1/dead-letters/${encodeURIComponent(l.deadLetterId)}/redrive`, {}, ['operator'])));
    expect(refusals.map((r) => r.status)).toEqual([409, 409]);
    expect(refusals[0].body.message).toMatch(/is not UTF-8 text PostgreSQL can store; the original record is .* partition 1 offset 7$/);
    expect(refusals[1].body.message).toMatch(/was too large to keep \(1000000 bytes, sha256 [0-9a-f]{64}\); the original record is .* partition 1 offset 8$/);
  });

  it('answers 404 for an unknown letter', async () => {
    expect((await h.send('POST', `/v1/dead-letters/${randomUUID()}/redrive`, {}, ['operator'])).status).toBe(404);
  });
});
