import { Injectable } from '@nestjs/common';
import type { ForewarnEvent } from '@forewarn/contracts';
import { serviceActor, type HandlerContext } from '@forewarn/eventing';
import { getPolicy } from '@forewarn/policy';
import { loadConfig } from '@forewarn/platform';
import { initialCase } from '../domain/assessment.state';
import { decide } from '../domain/decide';
import { evolve } from '../domain/evolve';
import { insertCase } from '../infrastructure/case.repository';
import { producer, toOutgoing } from './case-events';
import { Clock } from './clock';

/**
 * A reported threat: store the case and apply the duty rule, in the consumer's transaction.
 * The inbox skips a redelivered event; a second ThreatReported for a stored case (another
 * eventId) finds the row and does nothing, so each case is decided by the policy once.
 */
@Injectable()
export class AssessThreatReportHandler {
  constructor(private readonly clock: Clock) {}

  async handle(ctx: HandlerContext, reported: ForewarnEvent<'ThreatReported'>): Promise<void> {
    const actor = serviceActor(producer);
    const received = evolve(initialCase(reported.caseId), {
      type: 'ThreatReported',
      data: reported.data,
      metadata: { at: reported.occurredAt, by: reported.actor.id, eventId: reported.eventId, correlationId: reported.correlationId },
    });
    const policy = getPolicy(loadConfig('assessment').policyVersion);
    const decided = decide({ type: 'DetermineDuty', metadata: { now: this.clock.now(), by: actor.id, policy } }, received);
    const out = toOutgoing(received, decided, { actor, cause: reported });
    if (!(await insertCase(ctx.manager, out.next))) return;
    out.events.forEach((e) => ctx.emit(e));
    out.messages.forEach((m) => ctx.send(m));
  }
}
