import type { Sql } from './sql';
import { casesFromLog } from './event-log';
import { interleavings } from './interleavings';

/** A log of `counts[i]` events for case i, as the keyset query would page it. */
function fakeLog(counts: number[]): { sql: Sql; queries: number } {
  const rows = counts.flatMap((n, i) =>
    Array.from({ length: n }, (_, s) => {
      const caseId = `case-${i}`;
      const envelope = {
        eventId: `${caseId}-${s + 1}`,
        type: 'DeadLetterRedriven',
        schemaVersion: 1,
        caseId,
        occurredAt: '2025-06-01T12:00:00.000Z',
        correlationId: 'c',
        causationId: null,
        producer: { service: 'audit', version: 't' },
        actor: { kind: 'person', id: 'otto' },
        data: { deadLetterId: 'dl', originalTopic: 't', reason: 'r' },
      };
      return { case_id: caseId, case_seq: s + 1, envelope: JSON.stringify(envelope) };
    }),
  );
  const log = { queries: 0, sql: undefined as unknown as Sql };
  log.sql = (async (_text: string, params?: unknown[]) => {
    log.queries++;
    const [afterCase, afterSeq, , , limit] = params as [string, number, unknown, unknown, number];
    return rows.filter((r) => r.case_id > afterCase || (r.case_id === afterCase && r.case_seq > afterSeq)).slice(0, limit);
  }) as Sql;
  return log;
}

async function batches(counts: number[], pageSize: number) {
  const out: string[][] = [];
  for await (const batch of casesFromLog(fakeLog(counts).sql, { consumers: [], types: ['DeadLetterRedriven'] }, pageSize)) out.push(batch.map((e) => e.eventId));
  return out;
}

describe('reading the log whole cases at a time', () => {
  it('hands out every event once, in case order, and never splits a case across batches', async () => {
    const counts = [1, 5, 2, 3, 1];
    for (const pageSize of [1, 2, 3, 4, 7, 100]) {
      const out = await batches(counts, pageSize);
      expect(out.flat()).toEqual(counts.flatMap((n, i) => Array.from({ length: n }, (_, s) => `case-${i}-${s + 1}`)));
      const casesPerBatch = out.map((b) => new Set(b.map((id) => id.replace(/-\d+$/, ''))));
      const seen = new Set<string>();
      for (const cases of casesPerBatch) {
        for (const c of cases) {
          expect(seen.has(c)).toBe(false); // a case appears in one batch only
          seen.add(c);
        }
      }
    }
  });

  it('reads an empty log as nothing', async () => {
    expect(await batches([], 10)).toEqual([]);
  });
});

describe('interleavings', () => {
  it('gives every merge of the sequences that keeps each in order', () => {
    expect(interleavings<number | string>([1, 2], ['a'])).toEqual([
      [1, 2, 'a'],
      [1, 'a', 2],
      ['a', 1, 2],
    ]);
    expect(interleavings([1], [2, 3], [4, 5, 6])).toHaveLength(60);
  });
});
