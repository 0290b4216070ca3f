import fc from 'fast-check';
import { parsePositions, positionsOf } from './relay-positions';

const rows = (ps: number[]) => ps.map((p) => ({ position: String(p) }));

describe("a relay batch's positions, as Kafka keeps them", () => {
  it('writes runs as ranges and reads back exactly the positions', () => {
    const { rows: taken, text } = positionsOf(rows([3, 4, 5, 7, 9, 10]), 3_000);
    expect(text).toBe('v1:3-5,7,9-10');
    expect(taken).toHaveLength(6);
    expect(parsePositions(text)).toEqual(['3', '4', '5', '7', '9', '10']);
  });

  it('takes only as many rows as fit the text limit, and always at least one', () => {
    const gappy = rows(Array.from({ length: 1000 }, (_, i) => 1_000_000 + 2 * i));
    const { rows: taken, text } = positionsOf(gappy, 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(parsePositions(text)).toEqual(taken.map((r) => r.position));
    expect(taken.length).toBeGreaterThan(10);
    expect(taken.length).toBeLessThan(1000);
    expect(positionsOf(rows([123456789]), 1).rows).toHaveLength(1);
  });

  it('reads nothing from no metadata or another format', () => {
    expect(parsePositions(null)).toEqual([]);
    expect(parsePositions('')).toEqual([]);
    expect(parsePositions('v1:')).toEqual([]);
    expect(parsePositions('v2:1-3')).toEqual([]);
  });

  it('round-trips any ascending positions', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 300 }), (ps) => {
        const sorted = [...ps].sort((a, b) => a - b);
        const { rows: taken, text } = positionsOf(rows(sorted), 3_000);
        expect(parsePositions(text)).toEqual(taken.map((r) => r.position));
        expect(taken.map((r) => r.position)).toEqual(sorted.slice(0, taken.length).map(String));
      }),
    );
  });
});
