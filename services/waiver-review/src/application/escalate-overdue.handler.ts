import { Injectable } from '@nestjs/common';
import type { Actor } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { caseCorrelation } from '../domain/review.state';
import { lockOverdueReviews } from '../infrastructure/review.repository';
import { Clock } from './clock';
import { ReviewCommandRunner } from './review-command.runner';

const BATCH = 100;

/**
 * Escalates every open, undecided review whose deadline is before `asOf`, once each. Used by
 * the periodic scanner (asOf = now, actor = this service) and by operators (any asOf, actor =
 * the operator). Batches are separate transactions so a large backlog never holds locks long.
 */
@Injectable()
export class EscalateOverdueHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly runner: ReviewCommandRunner,
    private readonly clock: Clock,
  ) {}

  async escalate(asOf: string, actor: Actor, initiatedBy: 'SCANNER' | 'OPERATOR'): Promise<string[]> {
    const escalated: string[] = [];
    for (;;) {
      const batch = await this.runtime.transact(async (ctx) => {
        const overdue = await lockOverdueReviews(ctx.manager, asOf, BATCH);
        const done: string[] = [];
        for (const state of overdue) {
          const metadata = { now: this.clock.now(), actor: { id: actor.id, roles: actor.roles ?? [] } };
          const cause = { eventId: state.openedEventId!, correlationId: caseCorrelation(state)! };
          const next = await LogContext.run({ caseId: state.caseId, correlationId: cause.correlationId }, () =>
            this.runner.run(ctx, state, { type: 'EscalateOverdue', asOf, initiatedBy, metadata }, actor, cause),
          );
          if (next !== state) done.push(state.caseId);
        }
        return { seen: overdue.length, done };
      });
      escalated.push(...batch.done);
      // A short batch was the last; a batch that escalated nothing would only repeat itself.
      if (batch.seen < BATCH || batch.done.length === 0) return escalated;
    }
  }
}
