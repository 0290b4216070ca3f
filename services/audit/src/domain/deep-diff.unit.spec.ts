import { deepDiff } from './deep-diff';

describe('deepDiff', () => {
  it('finds nothing between equal values', () => {
    expect(deepDiff({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('names each differing leaf by its path, arrays by index', () => {
    const recorded = { outcome: 'DUTY', reasons: [{ code: 'A' }, { code: 'B' }] };
    const recomputed = { outcome: 'NO_DUTY', reasons: [{ code: 'A' }] };
    expect(deepDiff(recorded, recomputed)).toEqual([
      { path: '/outcome', recorded: 'DUTY', recomputed: 'NO_DUTY' },
      { path: '/reasons/1', recorded: { code: 'B' }, recomputed: undefined },
    ]);
  });

  it('reports a missing or extra key, and a whole-value difference at /', () => {
    expect(deepDiff({ a: 1 }, { a: 1, b: 2 })).toEqual([{ path: '/b', recorded: undefined, recomputed: 2 }]);
    expect(deepDiff('x', 'y')).toEqual([{ path: '/', recorded: 'x', recomputed: 'y' }]);
    expect(deepDiff({ 'a/b': 1 }, { 'a/b': 2 })[0].path).toBe('/a~1b');
  });
});
