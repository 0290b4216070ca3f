import { Injectable } from '@nestjs/common';
import type { Actor, AnalystAssessmentData } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { seesCase } from '@forewarn/platform';
import { sqlOf } from '@forewarn/read-model';
import { initialCase, type AssessmentCase } from '../domain/assessment.state';
import { decide } from '../domain/decide';
import { lockCase } from '../infrastructure/case.repository';
import { projectCases } from '../read-model/cases.read-model';
import { policy, toOutgoing } from './case-events';
import { Clock } from './clock';

/**
 * An analyst's judgement on a waiting case: AnalystAssessmentRecorded and the new
 * DutyDetermined, with the case row (the read model's projection of them), in one transaction.
 * The row lock serialises analysts.
 */
@Injectable()
export class RecordAnalystAssessmentHandler {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly clock: Clock,
  ) {}

  record(caseId: string, assessment: AnalystAssessmentData, actor: Actor): Promise<AssessmentCase> {
    return this.runtime.transact(async (ctx) => {
      const found = await lockCase(ctx.manager, caseId);
      // A case of another agency is unknown to an analyst who may not see it.
      const state = found && seesCase(actor, found.report?.sourceAgency ?? '') ? found : initialCase(caseId);
      // The policy in force now: the analyst's step is a new decision, made today.
      const decided = decide({ type: 'RecordAnalystAssessment', assessment, metadata: { now: this.clock.now(), by: actor.id, policy } }, state);
      const out = toOutgoing(state, decided, { actor, cause: { eventId: state.lastEventId!, correlationId: state.correlationId! } });
      const projected = await projectCases(sqlOf(ctx.manager), out.events);
      out.events.forEach((e) => ctx.emit(e));
      for (const update of out.statuses) await ctx.sendCaseStatus(update);
      return projected.get(caseId)!;
    });
  }
}
