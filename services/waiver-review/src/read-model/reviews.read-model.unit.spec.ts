import type { Actor, ForewarnEvent } from '@forewarn/contracts';
import { serviceActor } from '@forewarn/eventing';
import { interleavings } from '@forewarn/read-model';
import { makeReport, threatReported } from '@forewarn/service-testing';
import { policy, producer, toOutgoing } from '../application/review-outgoing';
import { decide } from '../domain/decide';
import type { ReviewCommand } from '../domain/review.events';
import { initialReviewState } from '../domain/review.state';
import { dutyDetermined } from '../test/review-events';
import { foldReview } from './reviews.read-model';

const now = new Date().toISOString();
const service = serviceActor(producer);
const analyst: Actor = { kind: 'person', id: 'ana', roles: ['analyst'] };
const senior: Actor = { kind: 'person', id: 'sid', roles: ['senior-reviewer'] };

/** The live path, step by step as ReviewCommandRunner takes it: decide, emit, project the consumed and emitted events. */
function liveCase() {
  const reported = threatReported(makeReport(now, (r) => (r.indicators = { victimListedViolentActor: true })));
  const caseId = reported.caseId;
  const needsAnalyst = dutyDetermined(caseId, 'NEEDS_ANALYST', reported.correlationId);
  const duty = dutyDetermined(caseId, 'DUTY', reported.correlationId, 'POLICY_WITH_ANALYST');
  let projected: ReturnType<typeof foldReview> | undefined;
  const own: ForewarnEvent[] = [];
  const step = (command: ReviewCommand, actor: Actor, consumed?: ForewarnEvent) => {
    const state = projected?.state ?? initialReviewState(caseId);
    const decided = decide(command, state);
    const out = decided.length > 0 ? toOutgoing(state, decided, actor) : { next: state, events: [] };
    projected = foldReview(caseId, projected, consumed ? [consumed, ...out.events] : out.events);
    // The projection of the envelopes is the domain's own fold of what it decided.
    expect(projected.state).toEqual(out.next);
    own.push(...out.events);
  };
  const meta = (actor: Actor) => ({ now, actor: { id: actor.id, roles: actor.roles ?? [] } });
  const ref = (e: ForewarnEvent) => ({ eventId: e.eventId, correlationId: e.correlationId });
  step({ type: 'NoteReport', report: reported.data.report, event: ref(reported), metadata: { ...meta(service), policy } }, service, reported);
  for (const d of [needsAnalyst, duty]) {
    step({ type: 'NoteDuty', duty: { outcome: d.data.outcome, policyVersion: d.policyVersion ?? null }, event: ref(d), metadata: { ...meta(service), policy } }, service, d);
  }
  step({ type: 'RequestWaiver', requestId: 'req-1', codes: ['VIOLENT_ACTOR'], justification: 'listed', metadata: meta(analyst) }, analyst);
  step({ type: 'DecideWaiver', requestId: 'req-1', decision: 'APPROVE', note: 'ok', metadata: meta(senior) }, senior);
  return { caseId, reported, duties: [needsAnalyst, duty], own, live: projected! };
}

describe('the waiver-review read model as a projection of events', () => {
  const { caseId, reported, duties, own, live } = liveCase();

  it('folds the review the live path wrote: opened, requested, approved', () => {
    expect(own.map((e) => e.type)).toEqual(['WaiverReviewOpened', 'WaiverRequested', 'WaiverApproved']);
    expect(live.state).toMatchObject({ status: 'WAIVED', duty: { outcome: 'DUTY' }, requests: [{ status: 'APPROVED', requestedBy: 'ana' }] });
  });

  it('ends the same however the log interleaves the report, the determinations and the review events', () => {
    const orders = interleavings<ForewarnEvent>([reported], duties, own);
    expect(orders).toHaveLength(60);
    for (const order of orders) expect(foldReview(caseId, undefined, order)).toEqual(live);
  });
});
