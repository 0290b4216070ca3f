import type { PolicyConfig } from '@forewarn/policy';
import type { CaseState } from './case-state';

type PolicyLookup = (version: string) => PolicyConfig;

/** The ground a waiver code stands for in the policy version the case was decided under. */
function groundOf(code: string, version: string | null, policyFor: PolicyLookup): string | null {
  if (!version) return null;
  try {
    return policyFor(version).waiverCodes.find((w) => w.code === code)?.ground ?? null;
  } catch {
    return null; // an unknown version is reported by verification; the report still answers the rest
  }
}

/**
 * The auditor's questions about one case (duty-to-warn.md section 4), answered from its state:
 * did we know (when, from whom), did we consider the duty, did we warn (how, when, what text,
 * acknowledged?), and if not, who waived it and on what ground.
 */
export function buildCaseReport(s: CaseState, policyFor: PolicyLookup) {
  const version = s.duty?.policyVersion ?? s.review?.policyVersion ?? null;
  const waiverRequests = s.waiverRequests.map((r) => ({
    requestId: r.requestId,
    grounds: r.codes.map((code) => ({ code, ground: groundOf(code, version, policyFor) })),
    justification: r.justification,
    requestedBy: r.by,
    requestedAt: r.at,
    legalConcurrenceRequired: r.legalConcurrenceRequired,
    legalConcurrence: r.legalConcurrence && { concurs: r.legalConcurrence.concurs, by: r.legalConcurrence.by, at: r.legalConcurrence.at, note: r.legalConcurrence.note },
    decision: r.decision && { outcome: r.decision.outcome, by: r.decision.by, at: r.decision.at, note: r.decision.note },
  }));
  const approved = waiverRequests.find((r) => r.decision?.outcome === 'APPROVED') ?? null;
  const dispatch = s.dispatches[s.dispatches.length - 1] ?? null;
  const warning = {
    authorized: s.authorization && { at: s.authorization.at, basis: s.authorization.basis, by: s.authorization.by },
    plan: s.plan && { channel: s.plan.channel, recipient: s.plan.recipient, at: s.plan.at, policyVersion: s.plan.policyVersion },
    channel: dispatch?.channel ?? s.plan?.channel ?? null,
    recipient: dispatch?.recipient ?? s.plan?.recipient ?? null,
    text: dispatch?.text ?? null,
    dispatchedAt: dispatch?.at ?? null,
    deliveredAt: dispatch?.delivered?.at ?? null,
    deliveryAttempts: dispatch?.delivered?.attempts ?? dispatch?.failures.at(-1)?.attempts ?? null,
    failures: dispatch?.failures.map((f) => ({ at: f.at, attempts: f.attempts, error: f.error, final: f.final })) ?? [],
    acknowledgement: s.acknowledgement && { at: s.acknowledgement.at, by: s.acknowledgement.acknowledgedBy, via: s.acknowledgement.via },
  };
  return {
    caseId: s.caseId,
    status: s.status,
    firstAwareness: s.awareness && {
      at: s.awareness.at,
      receivedAt: s.awareness.receivedAt,
      from: { sourceAgency: s.awareness.sourceAgency, reportId: s.awareness.reportId, submittedBy: s.awareness.actor },
      via: s.awareness.via,
      threatType: s.awareness.threatType,
      target: s.awareness.target,
    },
    dutyConsidered: s.duty !== null,
    duty: s.duty && { outcome: s.duty.outcome, policyVersion: s.duty.policyVersion, decidedBy: s.duty.decidedBy, at: s.duty.at, reasons: s.duty.reasons, determinations: s.dutyDeterminations },
    waiver: {
      review: s.review && { openedAt: s.review.at, deadline: s.review.deadline, proposals: s.review.proposals.map((p) => ({ ...p, ground: groundOf(p.code, version, policyFor) })) },
      requests: waiverRequests,
      waived: approved !== null,
      requestedBy: approved?.requestedBy ?? null,
      approvedBy: approved?.decision?.by ?? null,
      grounds: approved?.grounds ?? [],
    },
    escalations: s.escalations.map((e) => ({ at: e.at, reason: e.reason, deadline: e.deadline, escalatedTo: e.escalatedTo, note: e.note })),
    warning,
    warned: warning.deliveredAt !== null,
    answers: answers(s, approved?.requestedBy ?? null, approved?.decision?.by ?? null, warning),
  };
}

/** The same answers as sentences, for a human reading the bundle years later. */
function answers(s: CaseState, requester: string | null, approver: string | null, w: { channel: string | null; deliveredAt: string | null; acknowledgement: { at: string } | null }): string[] {
  const out: string[] = [];
  out.push(s.awareness ? `First aware at ${s.awareness.at} from ${s.awareness.sourceAgency} (report ${s.awareness.reportId}, via ${s.awareness.via}).` : 'No report of this case is in the log.');
  out.push(s.duty ? `Duty considered at ${s.duty.at}: ${s.duty.outcome} under policy ${s.duty.policyVersion ?? '(none recorded)'}.` : 'The duty was never determined.');
  if (approver) out.push(`Warning waived: requested by ${requester}, approved by ${approver}.`);
  if (w.deliveredAt) out.push(`Warned through ${w.channel} at ${w.deliveredAt}${w.acknowledgement ? `, acknowledged at ${w.acknowledgement.at}` : ', not acknowledged'}.`);
  else if (!approver && s.duty?.outcome === 'DUTY') out.push('Duty held, but no delivered warning is recorded.');
  return out;
}

export type CaseReport = ReturnType<typeof buildCaseReport>;
