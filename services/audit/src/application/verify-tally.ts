import type { DecisionVerification } from '../domain/decision-verifier';

/** Mismatches counted by what they have in common, so 388 alike read as one line. */
export interface MismatchGroup {
  type: string;
  producer: string;
  reason: string;
  count: number;
}

export function groupMismatches(list: DecisionVerification[], into = new Map<string, MismatchGroup>()): Map<string, MismatchGroup> {
  for (const d of list) {
    const reason = d.error?.code ?? `differs at ${d.diff.map((f) => f.path).join(', ')}`;
    const key = `${d.type}\u0000${d.producer}\u0000${reason}`;
    const group = into.get(key) ?? { type: d.type, producer: d.producer, reason, count: 0 };
    group.count++;
    into.set(key, group);
  }
  return into;
}

/** What a whole-log walk counts as it goes; every mismatch is counted, `keep` are kept in full. */
export class VerifyTally {
  read = 0;
  purged = 0;
  verified = 0;
  mismatches = 0;
  readonly kept: DecisionVerification[] = [];
  readonly groups = new Map<string, MismatchGroup>();

  constructor(private readonly keep: number) {}

  decisions(verified: number, mismatches: DecisionVerification[]): void {
    this.verified += verified;
    this.mismatches += mismatches.length;
    groupMismatches(mismatches, this.groups);
    this.kept.push(...mismatches.slice(0, Math.max(0, this.keep - this.kept.length)));
  }

  sortedGroups(): MismatchGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count);
  }
}
