import type { ThreatWindow } from './threat-window';

/**
 * The deadline list: overdue waiver reviews (waiver-review's API), deliveries not yet made
 * (notification's API) and duty cases unwarned as their threat window nears (the audit log),
 * most urgent first. Every item is built field by field from ids, states, times, channels and
 * counts, so no threat detail the source APIs carry (target, summary, text) can leak through.
 */
export type DeadlineKind = 'REVIEW_OVERDUE' | 'DELIVERY_ESCALATED' | 'DELIVERY_PENDING' | 'UNWARNED_NEAR_WINDOW';

export interface DeadlineItem {
  kind: DeadlineKind;
  caseId: string;
  /** When it is or was due; the list is sorted by this, earliest (most urgent) first. */
  dueAt: string | null;
  state: string;
  windowOpensAt: string | null;
  deliveryId?: string;
  channel?: string | null;
  attempts?: number;
  attemptLimit?: number;
  escalatedAt?: string | null;
}

/** One line of waiver-review's GET /v1/waiver-reviews/overdue, as far as it is read here. */
export interface OverdueReviewLine {
  caseId: string;
  state: string;
  deadline: string | null;
  escalated?: boolean;
  escalatedAt?: string | null;
}

/** One delivery of notification's GET /v1/deliveries, as far as it is read here. */
export interface DeliveryLine {
  deliveryId: string;
  caseId: string;
  state: string;
  attempts: number;
  attemptLimit: number;
  channel: string | null;
  nextAttemptAt: string | null;
  escalatedAt: string | null;
  dispatchedAt?: string | null;
}

export interface UnwarnedCase {
  caseId: string;
  status: string;
  window: ThreatWindow;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const rank: Record<DeadlineKind, number> = { DELIVERY_ESCALATED: 0, REVIEW_OVERDUE: 1, UNWARNED_NEAR_WINDOW: 2, DELIVERY_PENDING: 3 };

export function deadlineItems(
  sources: { overdueReviews: OverdueReviewLine[]; deliveries: DeliveryLine[]; unwarned: UnwarnedCase[] },
  windows: Map<string, ThreatWindow>,
): DeadlineItem[] {
  const opens = (caseId: string) => windows.get(caseId)?.earliest ?? null;
  const items: DeadlineItem[] = [];
  for (const r of sources.overdueReviews) {
    items.push({ kind: 'REVIEW_OVERDUE', caseId: String(r.caseId), dueAt: str(r.deadline), state: r.escalated ? 'OPEN, ESCALATED' : String(r.state), windowOpensAt: opens(r.caseId), escalatedAt: str(r.escalatedAt) });
  }
  for (const d of sources.deliveries) {
    const escalated = d.state === 'ESCALATED';
    // A pending warning is due when the threat can begin; the next retry is only a fallback.
    const dueAt = escalated ? str(d.escalatedAt) : (opens(d.caseId) ?? str(d.nextAttemptAt) ?? str(d.dispatchedAt));
    items.push({
      kind: escalated ? 'DELIVERY_ESCALATED' : 'DELIVERY_PENDING',
      caseId: String(d.caseId),
      dueAt,
      state: String(d.state),
      windowOpensAt: opens(d.caseId),
      deliveryId: String(d.deliveryId),
      channel: str(d.channel),
      attempts: Number(d.attempts),
      attemptLimit: Number(d.attemptLimit),
      escalatedAt: str(d.escalatedAt),
    });
  }
  // A case already listed for its review or delivery says the same thing once, with its window.
  const listed = new Set(items.map((i) => i.caseId));
  for (const u of sources.unwarned) {
    if (!listed.has(u.caseId)) items.push({ kind: 'UNWARNED_NEAR_WINDOW', caseId: u.caseId, dueAt: u.window.earliest, state: u.status, windowOpensAt: u.window.earliest });
  }
  const time = (i: DeadlineItem) => (i.dueAt === null ? Infinity : Date.parse(i.dueAt));
  return items.sort((a, b) => time(a) - time(b) || rank[a.kind] - rank[b.kind] || a.caseId.localeCompare(b.caseId));
}
