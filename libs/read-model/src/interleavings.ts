/**
 * Every order in which the log may hand back a case's events: the log reads each topic in order
 * but the topics independently, so any merge of the per-topic sequences is possible. A
 * projection's spec folds them all and expects one result (see ReadModel.apply).
 */
export function interleavings<T>(...sequences: readonly (readonly T[])[]): T[][] {
  const live = sequences.filter((s) => s.length > 0);
  if (live.length === 0) return [[]];
  return live.flatMap((s, i) => {
    const rest = live.map((t, j) => (j === i ? t.slice(1) : t));
    return interleavings(...rest).map((tail) => [s[0], ...tail]);
  });
}
