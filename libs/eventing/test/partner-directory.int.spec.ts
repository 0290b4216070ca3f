import { randomBytes } from 'node:crypto';
import { registerPartner, removePartner } from '@forewarn/database';
import { waitFor } from '@forewarn/testing';
import { partnerTopic, type PartnerCaseStatus } from '@forewarn/contracts';
import { ensureTopics } from '../src';
import { decodePartnerJson, openBackbone, type Backbone } from './support';

/**
 * Commands ask the partner registry from inside their transaction. With every pooled connection
 * held by such a transaction, a registry read needing a connection of its own would wait for ever
 * (a full pool of HTTP submissions once hung intake this way).
 */
describe('the partner directory under a full connection pool', () => {
  let bb: Backbone;
  const query = (text: string, params?: unknown[]) => bb.dataSource.query(text, params);

  const handled: string[] = [];

  beforeAll(async () => {
    bb = await openBackbone('partner-directory', { relay: false, poolSize: 2 });
    await registerPartner(query, { code: 'NCTC', name: 'National Counterterrorism Center', channels: ['partner-api'], protects: [] });
    // As intake reads reports: from every onboarded agency's topic, following the registry.
    await bb.runtime.consume<{ caseId: string }>({
      name: `partner-directory-${randomBytes(4).toString('hex')}`,
      topics: async () => (await bb.runtime.partners.list()).map((p) => partnerTopic(p.code, 'threat-reports')),
      refreshTopicsMs: 1_000,
      decode: decodePartnerJson,
      handle: async (m) => {
        handled.push(m.value.caseId);
      },
    });
    await bb.runtime.start();
  });
  afterAll(() => bb.close());

  const status = (n: number): PartnerCaseStatus => ({
    schemaVersion: 1,
    caseId: `case-${n}`,
    sourceAgency: 'NCTC',
    reportId: `r-${n}`,
    status: 'RECEIVED',
    at: '2026-12-01T00:00:00.000Z',
  });

  it('answers transactions that outnumber the pool, after the registry was last read', async () => {
    // Past the directory's refresh interval, so a lazily refreshing cache would read now.
    await new Promise((r) => setTimeout(r, 5_500));
    const sent = await Promise.race([
      Promise.all(Array.from({ length: 8 }, (_, n) => bb.runtime.transact((ctx) => ctx.sendCaseStatus({ messageId: `status:${n}`, status: status(n) })))),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000).unref()),
    ]);
    expect(sent).toEqual(Array(8).fill(true));
    expect(Number((await query(`SELECT count(*) AS n FROM outbox WHERE topic = $1`, [partnerTopic('NCTC', 'case-status')]))[0].n)).toBe(8);
  });

  it('reads from an agency onboarded while it runs, and sees one removed', async () => {
    const code = `T${randomBytes(3).toString('hex').toUpperCase()}`;
    const topic = partnerTopic(code, 'threat-reports');
    await ensureTopics(bb.runtime.kafka, [topic], 1);
    await registerPartner(query, { code, name: 'Test Agency', channels: [], protects: [] });
    await waitFor(`${code} onboarded`, () => bb.runtime.partners.has(code), 15_000);
    const caseId = `case-from-${code}`;
    await bb.runtime.producer.send({ topic, messages: [{ key: caseId, value: JSON.stringify({ caseId }) }] });
    // The registry is re-read every 5 s and the subscriptions every second here (10 s in services).
    await waitFor(`the report on ${topic}`, async () => handled.includes(caseId), 30_000);
    expect(await removePartner(query, code)).toBe(true);
    await waitFor(`${code} removed`, async () => !(await bb.runtime.partners.has(code)), 15_000);
  });
});
