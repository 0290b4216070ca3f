/** The order a case moves through, so the chart of states reads left to right like the pipeline. */
export const StateOrder = [
  'UNKNOWN', 'RECEIVED', 'NEEDS_ANALYST', 'DUTY', 'UNDER_REVIEW', 'WAIVER_REQUESTED', 'WAIVER_DENIED', 'ESCALATED', 'WARNING_AUTHORIZED',
  'DELIVERY_PLANNED', 'WARNING_DISPATCHED', 'DELIVERY_FAILED', 'NO_DUTY', 'WAIVED', 'WARNED', 'ACKNOWLEDGED',
];

/** Where a case's journey ends: nothing more happens to it without a new report. */
export const TerminalStates = ['NO_DUTY', 'WAIVED', 'WARNED', 'ACKNOWLEDGED'];

export interface StateCount {
  status: string;
  cases: number;
  inFlight: boolean;
}

export function casesByState(rows: { status: string; cases: number }[]): StateCount[] {
  const place = (s: string) => (StateOrder.includes(s) ? StateOrder.indexOf(s) : StateOrder.length);
  return [...rows]
    .sort((a, b) => place(a.status) - place(b.status) || a.status.localeCompare(b.status))
    .map((r) => ({ status: r.status, cases: Number(r.cases), inFlight: !TerminalStates.includes(r.status) }));
}
