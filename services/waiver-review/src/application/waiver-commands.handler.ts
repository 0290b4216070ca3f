import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { seesCase } from '@forewarn/platform';
import type { ReviewCommand } from '../domain/review.events';
import { caseCorrelation, initialReviewState, type EventRef, type ReviewState } from '../domain/review.state';
import { lockReview } from '../infrastructure/review.repository';
import { Clock } from './clock';
import { ReviewCommandRunner } from './review-command.runner';
import { sourceOf } from './review-views';

type WithoutMeta<T> = T extends unknown ? Omit<T, 'metadata'> : never;
type HumanCommand = WithoutMeta<Extract<ReviewCommand, { type: 'RequestWaiver' | 'RecordLegalConcurrence' | 'DecideWaiver' }>>;

/** The people's steps on a review, each in one transaction with the review row locked. */
@Injectable()
export class WaiverCommandsHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly runner: ReviewCommandRunner,
    private readonly clock: Clock,
  ) {}

  requestWaiver(caseId: string, input: { codes: string[]; justification: string }, actor: Actor): Promise<ReviewState> {
    const requestId = randomUUID();
    // A request answers the review's opening.
    return this.execute(caseId, actor, { type: 'RequestWaiver', requestId, ...input }, (s) => s.openedEventId);
  }

  recordLegalConcurrence(caseId: string, requestId: string, input: { concurs: boolean; note: string }, actor: Actor): Promise<ReviewState> {
    return this.execute(caseId, actor, { type: 'RecordLegalConcurrence', requestId, ...input }, (s) => eventOfRequest(s, requestId));
  }

  decideWaiver(caseId: string, requestId: string, input: { decision: 'APPROVE' | 'DENY'; note: string }, actor: Actor): Promise<ReviewState> {
    return this.execute(caseId, actor, { type: 'DecideWaiver', requestId, ...input }, (s) => eventOfRequest(s, requestId));
  }

  private execute(caseId: string, actor: Actor, command: HumanCommand, causeId: (s: ReviewState) => string | undefined): Promise<ReviewState> {
    return this.runtime.transact(async (ctx) => {
      const found = await lockReview(ctx.manager, caseId);
      // A case of an agency the person may not see is unknown to them (need to know).
      const state = found && seesCase(actor, sourceOf(found)) ? found : initialReviewState(caseId);
      const metadata = { now: this.clock.now(), actor: { id: actor.id, roles: actor.roles ?? [] } };
      const eventId = causeId(state);
      const cause: EventRef | undefined = eventId ? { eventId, correlationId: caseCorrelation(state)! } : undefined;
      return this.runner.run(ctx, state, { ...command, metadata }, actor, cause);
    });
  }
}

function eventOfRequest(state: ReviewState, requestId: string): string | undefined {
  return state.requests.find((r) => r.requestId === requestId)?.eventId;
}
