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

/**
 * Re-runs the decision a stored envelope records; null when it records none or cannot be read
 * (unreadable content already fails its hash or was written so; contentProblem names it).
 */
export function replayDecision(envelopeText: string, policyFor: PolicyFor): DecisionVerification | null {
  let raw: EventEnvelope;
  try {
    raw = JSON.parse(envelopeText) as EventEnvelope;
  } catch {
    return null;
  }
  if (!isDecisionType(raw.type)) return null;
  return verifyDecision(currentEnvelope(raw), policyFor);
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
    const result = replayDecision(row.envelopeText, policyFor);
    if (!result) continue;
    verified++;
    if (!result.match) mismatches.push(result);
  }
  return { problems, verified, mismatches };
}
