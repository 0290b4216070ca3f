import { createHash } from 'node:crypto';
import { ChainChecker, type ChainRow } from './chain-checker';
import { entryHash, GENESIS_HASH } from './chain-hash';

/** A valid chain of n rows, built the way the appender builds it. */
function chain(n: number): ChainRow[] {
  const rows: ChainRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let position = 1; position <= n; position++) {
    const envelopeText = JSON.stringify({ caseId: `c-${position % 3}`, causationId: null, eventId: `e-${position}` });
    const row = { position, eventId: `e-${position}`, caseId: `c-${position % 3}`, caseSeq: Math.ceil(position / 3), envelopeText, prevHash, purgeRunId: null };
    const hash = entryHash({ ...row, envelopeText });
    rows.push({ ...row, hash });
    prevHash = hash;
  }
  return rows;
}

const headOf = (rows: ChainRow[]) => ({ position: rows[rows.length - 1].position, hash: rows[rows.length - 1].hash });

function walk(rows: ChainRow[], head = headOf(rows), checkpoints = new Map<number, string>()) {
  const checker = new ChainChecker({ position: 0, hash: GENESIS_HASH }, head);
  for (const r of rows) checker.check(r, checkpoints.get(r.position));
  checker.finish([]);
  return checker;
}

describe('ChainChecker', () => {
  it('passes an intact chain', () => {
    expect(walk(chain(10)).breaks).toEqual([]);
  });

  it('names an altered row', () => {
    const rows = chain(10);
    rows[4] = { ...rows[4], envelopeText: rows[4].envelopeText!.replace('e-5', 'e-55') };
    expect(walk(rows).breaks).toEqual([expect.objectContaining({ position: 5, kind: 'ALTERED' })]);
  });

  it('names a row moved to another case by its indexed column', () => {
    const rows = chain(10);
    rows[2] = { ...rows[2], caseId: 'someone-else' };
    expect(walk(rows).firstBreak).toMatchObject({ position: 3, kind: 'ALTERED', detail: expect.stringContaining('case_id') });
  });

  it('names a row rewritten together with its own hash, through the next link', () => {
    const rows = chain(10);
    const envelopeText = rows[5].envelopeText!.replace('e-6', 'e-66');
    rows[5] = { ...rows[5], envelopeText, eventId: 'e-66', hash: entryHash({ ...rows[5], eventId: 'e-66', envelopeText }) };
    expect(walk(rows).breaks).toEqual([expect.objectContaining({ position: 6, kind: 'ALTERED', detail: expect.stringContaining('recomputed') })]);
  });

  it('names a removed row, in the middle and at the tail', () => {
    const rows = chain(10);
    expect(walk(rows.filter((r) => r.position !== 4)).breaks).toEqual([expect.objectContaining({ position: 4, kind: 'REMOVED' })]);
    expect(walk(rows.slice(0, 9), headOf(rows)).breaks).toEqual([expect.objectContaining({ position: 10, kind: 'REMOVED' })]);
  });

  it('names an inserted row: one the next row links past, and one beyond the head', () => {
    const rows = chain(10);
    // Renumbered into place: row 7 is a forgery, the real rows 7.. shifted up by one.
    const forged = { ...rows[6], eventId: 'forged', envelopeText: '{"caseId":"c-1","causationId":null,"eventId":"forged"}', prevHash: rows[5].hash };
    const withForgery = [...rows.slice(0, 6), { ...forged, hash: entryHash(forged) }, ...rows.slice(6).map((r) => ({ ...r, position: r.position + 1 }))];
    expect(walk(withForgery, headOf(rows)).breaks[0]).toMatchObject({ position: 7, kind: 'INSERTED' });
    const extra = chain(11);
    expect(walk(extra, headOf(rows)).breaks).toEqual([expect.objectContaining({ position: 11, kind: 'INSERTED' })]);
  });

  it('checks checkpoints against the rows they name', () => {
    const rows = chain(10);
    expect(walk(rows, headOf(rows), new Map([[5, rows[4].hash]])).breaks).toEqual([]);
    expect(walk(rows, headOf(rows), new Map([[5, 'f'.repeat(64)]])).firstBreak).toMatchObject({ position: 5, kind: 'ALTERED' });
  });

  it('accepts purged entries of a recorded purge run, and only those', () => {
    const rows = chain(6).map((r) => (r.caseId === 'c-1' ? { ...r, envelopeText: null, purgeRunId: 7 } : r));
    const digest = createHash('sha256');
    rows.filter((r) => r.purgeRunId === 7).forEach((r) => digest.update(`${r.hash}\n`));
    const run = { id: 7, entries: 2, digest: digest.digest('hex') };
    const check = (runs: { id: number; entries: number; digest: string }[]) => {
      const checker = new ChainChecker({ position: 0, hash: GENESIS_HASH }, headOf(rows));
      rows.forEach((r) => checker.check(r));
      checker.finish(runs);
      return checker.breaks;
    };
    expect(check([run])).toEqual([]);
    expect(check([])).toEqual([expect.objectContaining({ kind: 'ALTERED', detail: expect.stringContaining('purge run 7') })]);
    expect(check([{ ...run, entries: 3 }])).toHaveLength(1);
  });
});
