import { Injectable } from '@nestjs/common';
import type { Actor, AnalystAssessmentData } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { getPolicy } from '@forewarn/policy';
import { loadConfig } from '@forewarn/platform';
import { initialCase, type AssessmentCase } from '../domain/assessment.state';
import { decide } from '../domain/decide';
import { lockCase, saveCase } from '../infrastructure/case.repository';
import { toOutgoing } from './case-events';
import { Clock } from './clock';

/**
 * An analyst's judgement on a waiting case: AnalystAssessmentRecorded and the new
 * DutyDetermined, with the case row, in one transaction. The row lock serialises analysts.
 */
@Injectable()
export class RecordAnalystAssessmentHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly clock: Clock,
  ) {}

  record(caseId: string, assessment: AnalystAssessmentData, actor: Actor): Promise<AssessmentCase> {
    return this.runtime.transact(async (ctx) => {
      const state = (await lockCase(ctx.manager, caseId)) ?? initialCase(caseId);
      // The policy in force now: the analyst's step is a new decision, made today.
      const policy = getPolicy(loadConfig('assessment').policyVersion);
      const decided = decide({ type: 'RecordAnalystAssessment', assessment, metadata: { now: this.clock.now(), by: actor.id, policy } }, state);
      const out = toOutgoing(state, decided, { actor, cause: { eventId: state.lastEventId!, correlationId: state.correlationId! } });
      await saveCase(ctx.manager, out.next);
      out.events.forEach((e) => ctx.emit(e));
      out.messages.forEach((m) => ctx.send(m));
      return out.next;
    });
  }
}
