/**
 * Each stage's flow in and out, in cases per minute, from counts the audit log gives per
 * minute and event type. Pure, so the bucketing is tested without a database.
 */

/** Cases (distinct case ids) that got an event of `type` in one minute; `detail` refines it. */
export interface FlowCount {
  minute: string | Date;
  type: string;
  /** DutyDetermined: its outcome; WarningDeliveryFailed: 'true' when final; DeadLettered: the source topic. */
  detail: string | null;
  cases: number;
}

interface Matcher {
  type: string;
  detail?: string;
  exceptDetail?: string;
}

export interface StageDefinition {
  stage: string;
  in: Matcher[];
  out: Matcher[];
}

export const PARTNER_REPORTS_TOPIC = 'forewarn.partner.threat-reports.v1';

/**
 * In = handed to the stage, out = handed on (or closed). Intake's input is not in the case
 * log, so its "in" adds the partner messages it dead-lettered to the reports it accepted.
 */
export const Stages: StageDefinition[] = [
  { stage: 'intake', in: [{ type: 'ThreatReported' }, { type: 'DeadLettered', detail: PARTNER_REPORTS_TOPIC }], out: [{ type: 'ThreatReported' }] },
  { stage: 'assessment', in: [{ type: 'ThreatReported' }], out: [{ type: 'DutyDetermined', exceptDetail: 'NEEDS_ANALYST' }] },
  { stage: 'waiver-review', in: [{ type: 'DutyDetermined', detail: 'DUTY' }], out: [{ type: 'WarningAuthorized' }, { type: 'WaiverApproved' }] },
  { stage: 'notification', in: [{ type: 'WarningAuthorized' }], out: [{ type: 'WarningDelivered' }, { type: 'WarningDeliveryFailed', detail: 'true' }] },
];

/** The event types the flow needs from the log (DeadLettered comes from the dead-letter table). */
export const FlowEventTypes = [...new Set(Stages.flatMap((s) => [...s.in, ...s.out].map((m) => m.type)))].filter((t) => t !== 'DeadLettered');

export interface StageFlow {
  stage: string;
  in: number[];
  out: number[];
}

export interface FlowSeries {
  /** ISO start of each minute, oldest first; the last one is the current, partial minute. */
  minutes: string[];
  stages: StageFlow[];
}

const MINUTE = 60_000;

const matches = (m: Matcher, c: FlowCount) =>
  m.type === c.type && (m.detail === undefined || m.detail === c.detail) && (m.exceptDetail === undefined || m.exceptDetail !== c.detail);

export function bucketFlow(counts: FlowCount[], nowMs: number, minutes: number, stages: StageDefinition[] = Stages): FlowSeries {
  const last = Math.floor(nowMs / MINUTE) * MINUTE;
  const first = last - (minutes - 1) * MINUTE;
  const series = stages.map((s) => ({ stage: s.stage, in: new Array<number>(minutes).fill(0), out: new Array<number>(minutes).fill(0) }));
  for (const c of counts) {
    const at = Math.floor(new Date(c.minute).getTime() / MINUTE) * MINUTE;
    if (!(at >= first && at <= last)) continue;
    const i = (at - first) / MINUTE;
    stages.forEach((s, k) => {
      if (s.in.some((m) => matches(m, c))) series[k].in[i] += c.cases;
      if (s.out.some((m) => matches(m, c))) series[k].out[i] += c.cases;
    });
  }
  return { minutes: Array.from({ length: minutes }, (_, i) => new Date(first + i * MINUTE).toISOString()), stages: series };
}
