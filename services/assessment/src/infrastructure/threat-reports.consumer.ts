import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics } from '@forewarn/contracts';
import { EventingRuntime, NonRetriableError } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { isPolicyError } from '@forewarn/policy';
import { AssessThreatReportHandler } from '../application/assess-threat-report.handler';
import { THREAT_REPORTS_CONSUMER } from './consumer-names';

/** Intake's events: each ThreatReported is a case to decide. */
@Injectable()
export class ThreatReportsConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly handler: AssessThreatReportHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.consume({
      name: THREAT_REPORTS_CONSUMER,
      topics: [Topics.intakeEvents],
      accepts: (m) => m.type === 'ThreatReported',
      around: (m, fn) => LogContext.run({ caseId: m.value.caseId, correlationId: m.value.correlationId }, fn),
      handle: async (m, ctx) => {
        if (m.value.type !== 'ThreatReported') return;
        try {
          await this.handler.handle(ctx, m.value);
        } catch (err) {
          // A rule that refuses its input refuses it on every retry: dead-letter it with the reason.
          if (isPolicyError(err)) throw new NonRetriableError(`${err.code}: ${err.message}`, err.code);
          throw err;
        }
      },
    });
  }
}
