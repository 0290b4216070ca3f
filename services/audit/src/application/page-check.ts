import type { EventEnvelope } from '@forewarn/contracts';
import { contentProblem, type ChainRow } from '../domain/chain-checker';
import { isDecisionText, isDecisionType, verifyDecision, type DecisionVerification, type PolicyFor } from '../domain/decision-verifier';
import { currentEnvelope } from '../domain/upcast-envelope';

/** What can be checked of a page without its neighbours: each row's content, each decision. */
export interface PageCheck {
  /** contentProblem per row, in row order (null: intact or purged). */
  problems: (string | null)[];
  verified: number;
  mismatches: DecisionVerification[];
}

export function checkPage(rows: ChainRow[], decisions: boolean, policyFor: PolicyFor): PageCheck {
  const problems: (string | null)[] = new Array(rows.length);
  const mismatches: DecisionVerification[] = [];
  let verified = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    problems[i] = contentProblem(row);
    // Only decisions are parsed: most entries need their hash checked, nothing more.
    if (!decisions || row.envelopeText === null || !isDecisionText(row.envelopeText)) continue;
    let raw: EventEnvelope;
    try {
      raw = JSON.parse(row.envelopeText) as EventEnvelope;
    } catch {
      continue; // unreadable content already fails its hash or was written so; contentProblem names it
    }
    if (!isDecisionType(raw.type)) continue;
    const result = verifyDecision(currentEnvelope(raw), policyFor)!;
    verified++;
    if (!result.match) mismatches.push(result);
  }
  return { problems, verified, mismatches };
}
