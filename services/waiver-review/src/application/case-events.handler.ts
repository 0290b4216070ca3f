import { Injectable } from '@nestjs/common';
import type { ForewarnEvent } from '@forewarn/contracts';
import { serviceActor, type HandlerContext } from '@forewarn/eventing';
import { lockOrCreateReview } from '../infrastructure/review.repository';
import { Clock } from './clock';
import { ReviewCommandRunner } from './review-command.runner';
import { policy, producer } from './review-outgoing';

/**
 * The two inputs that open a review, from two topics in no guaranteed order: each is noted on
 * the case's row, and whichever completes the pair (a DUTY and its report) opens the review.
 */
@Injectable()
export class CaseEventsHandler {
  private readonly actor = serviceActor(producer);

  constructor(
    private readonly clock: Clock,
    private readonly runner: ReviewCommandRunner,
  ) {}

  private meta() {
    // The policy in force when the review opens; the review then keeps that version to its end.
    return { now: this.clock.now(), actor: { id: this.actor.id, roles: [] }, policy };
  }

  async noteReport(ctx: HandlerContext, reported: ForewarnEvent<'ThreatReported'>): Promise<void> {
    const state = await lockOrCreateReview(ctx.manager, reported.caseId, reported.occurredAt);
    const event = { eventId: reported.eventId, correlationId: reported.correlationId };
    await this.runner.run(ctx, state, { type: 'NoteReport', report: reported.data.report, event, metadata: this.meta() }, this.actor, undefined, reported);
  }

  async noteDuty(ctx: HandlerContext, determined: ForewarnEvent<'DutyDetermined'>): Promise<void> {
    const state = await lockOrCreateReview(ctx.manager, determined.caseId, determined.occurredAt);
    const event = { eventId: determined.eventId, correlationId: determined.correlationId };
    const duty = { outcome: determined.data.outcome, policyVersion: determined.policyVersion ?? null };
    await this.runner.run(ctx, state, { type: 'NoteDuty', duty, event, metadata: this.meta() }, this.actor, undefined, determined);
  }
}
