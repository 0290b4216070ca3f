import { Injectable } from '@nestjs/common';
import type { Actor, ForewarnEvent } from '@forewarn/contracts';
import type { HandlerContext } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { decide } from '../domain/decide';
import type { ReviewCommand } from '../domain/review.events';
import type { EventRef, ReviewState } from '../domain/review.state';
import { projectReviews } from '../read-model/reviews.read-model';
import { toOutgoing } from './review-outgoing';

/**
 * The one way a review changes, inside the caller's transaction (an HTTP command's
 * runtime.transact or a consumer's handle): decide on the locked state, write the row through
 * the read model's projection of the consumed and emitted events (as a rebuild from the log
 * writes it), queue the events and partner statuses in the outbox.
 */
@Injectable()
export class ReviewCommandRunner {
  async run(ctx: HandlerContext, state: ReviewState, command: ReviewCommand, actor: Actor, cause?: EventRef, consumed?: ForewarnEvent): Promise<ReviewState> {
    const decided = decide(command, state);
    const out = decided.length > 0 ? toOutgoing(state, decided, actor, cause) : { events: [], statuses: [] };
    const events = consumed ? [consumed, ...out.events] : out.events;
    if (events.length === 0) return state;
    const projected = await projectReviews(sqlOf(ctx.manager), events);
    out.events.forEach((e) => ctx.emit(e));
    for (const update of out.statuses) await ctx.sendCaseStatus(update);
    return projected.get(state.caseId)!;
  }
}
