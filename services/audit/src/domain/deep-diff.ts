/** One field that differs between what was recorded and what a replay computed. */
export interface FieldDiff {
  /** JSON-pointer-like path: `/reasons/0/code`; `/` for the whole value. */
  path: string;
  recorded: unknown;
  recomputed: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const segment = (k: string | number) => `/${String(k).replace(/~/g, '~0').replace(/\//g, '~1')}`;
const has = Object.prototype.hasOwnProperty;

// Runs once per replayed decision over a million-entry log, so the path (a stack of keys) is
// only turned into text when a difference is found.
function diffInto(out: FieldDiff[], recorded: unknown, recomputed: unknown, path: (string | number)[]): void {
  if (recorded === recomputed) return;
  if (Array.isArray(recorded) && Array.isArray(recomputed)) {
    const n = Math.max(recorded.length, recomputed.length);
    for (let i = 0; i < n; i++) {
      path.push(i);
      diffInto(out, recorded[i], recomputed[i], path);
      path.pop();
    }
    return;
  }
  if (isObject(recorded) && isObject(recomputed)) {
    for (const k in recorded) {
      if (!has.call(recorded, k)) continue;
      path.push(k);
      diffInto(out, recorded[k], recomputed[k], path);
      path.pop();
    }
    for (const k in recomputed) {
      if (!has.call(recomputed, k) || has.call(recorded, k)) continue;
      path.push(k);
      diffInto(out, undefined, recomputed[k], path);
      path.pop();
    }
    return;
  }
  if (!Object.is(recorded, recomputed)) out.push({ path: path.map(segment).join('') || '/', recorded, recomputed });
}

/**
 * Field-level differences, depth first. Arrays compare by index (order matters: the rules list
 * reasons in a meaningful order); a missing key and an undefined one are the same, as in JSON.
 */
export function deepDiff(recorded: unknown, recomputed: unknown): FieldDiff[] {
  const out: FieldDiff[] = [];
  diffInto(out, recorded, recomputed, []);
  return out;
}
