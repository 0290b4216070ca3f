import { Injectable } from '@nestjs/common';
import type { Actor } from '@forewarn/contracts';
import type { HandlerContext } from '@forewarn/eventing';
import { decide } from '../domain/decide';
import type { ReviewCommand } from '../domain/review.events';
import type { EventRef, ReviewState } from '../domain/review.state';
import { saveReview } from '../infrastructure/review.repository';
import { toOutgoing } from './review-outgoing';

/**
 * The one way a review changes, inside the caller's transaction (an HTTP command's
 * runtime.transact or a consumer's handle): decide on the locked state, save the folded
 * state, queue the events and partner statuses in the outbox.
 */
@Injectable()
export class ReviewCommandRunner {
  async run(ctx: HandlerContext, state: ReviewState, command: ReviewCommand, actor: Actor, cause?: EventRef): Promise<ReviewState> {
    const decided = decide(command, state);
    if (decided.length === 0) return state;
    const out = toOutgoing(state, decided, actor, cause);
    await saveReview(ctx.manager, out.next);
    out.events.forEach((e) => ctx.emit(e));
    out.messages.forEach((m) => ctx.send(m));
    return out.next;
  }
}
