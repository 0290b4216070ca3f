import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics, type ForewarnEvent } from '@forewarn/contracts';
import { EventingRuntime, NonRetriableError, type Consumed } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { isPolicyError } from '@forewarn/policy';
import { CaseEventsHandler } from '../application/case-events.handler';
import { DUTY_DETERMINATIONS_CONSUMER, THREAT_REPORTS_CONSUMER } from './consumer-names';

const inCaseContext = <R>(m: Consumed<ForewarnEvent>, fn: () => Promise<R>) =>
  LogContext.run({ caseId: m.value.caseId, correlationId: m.value.correlationId }, fn);

// A rule that refuses its input will refuse it on every retry: dead-letter it with the reason.
async function nonRetriablePolicyErrors(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (err) {
    if (isPolicyError(err)) throw new NonRetriableError(`${err.code}: ${err.message}`, err.code);
    throw err;
  }
}

/** Reports from intake and determinations from assessment: two topics, two inboxes, one row per case. */
@Injectable()
export class CaseEventsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly handler: CaseEventsHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.consume({
      name: THREAT_REPORTS_CONSUMER,
      topics: [Topics.intakeEvents],
      accepts: (m) => m.type === 'ThreatReported',
      around: inCaseContext,
      handle: async (m, ctx) => {
        if (m.value.type === 'ThreatReported') await nonRetriablePolicyErrors(this.handler.noteReport(ctx, m.value));
      },
    });
    await this.runtime.consume({
      name: DUTY_DETERMINATIONS_CONSUMER,
      topics: [Topics.assessmentEvents],
      accepts: (m) => m.type === 'DutyDetermined',
      around: inCaseContext,
      handle: async (m, ctx) => {
        if (m.value.type === 'DutyDetermined') await nonRetriablePolicyErrors(this.handler.noteDuty(ctx, m.value));
      },
    });
  }
}
