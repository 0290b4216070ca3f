import { Injectable } from '@nestjs/common';
import type { ForewarnEvent } from '@forewarn/contracts';
import { serviceActor, type HandlerContext } from '@forewarn/eventing';
import { sqlOf } from '@forewarn/read-model';
import { initialCase } from '../domain/assessment.state';
import { decide } from '../domain/decide';
import { evolve } from '../domain/evolve';
import { lockCase } from '../infrastructure/case.repository';
import { assessmentEvent, projectCases } from '../read-model/cases.read-model';
import { policy, producer, toOutgoing } from './case-events';
import { Clock } from './clock';

/**
 * A reported threat: apply the duty rule and record the case, in the consumer's transaction.
 * The inbox skips a redelivered event; a second ThreatReported for a stored case (another
 * eventId) changes nothing and decides nothing, so each case is decided by the policy once.
 * The row is written by the read model's projection of the consumed and emitted events.
 */
@Injectable()
export class AssessThreatReportHandler {
  constructor(private readonly clock: Clock) {}

  async handle(ctx: HandlerContext, reported: ForewarnEvent<'ThreatReported'>): Promise<void> {
    const actor = serviceActor(producer);
    const stored = (await lockCase(ctx.manager, reported.caseId)) ?? initialCase(reported.caseId);
    const received = evolve(stored, assessmentEvent(reported)!);
    const decided = decide({ type: 'DetermineDuty', metadata: { now: this.clock.now(), by: actor.id, policy } }, received);
    const out = toOutgoing(received, decided, { actor, cause: reported });
    await projectCases(sqlOf(ctx.manager), [reported, ...out.events]);
    out.events.forEach((e) => ctx.emit(e));
    for (const update of out.statuses) await ctx.sendCaseStatus(update);
  }
}
