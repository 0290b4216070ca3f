import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Topics, type ForewarnEvent } from '@forewarn/contracts';
import { EventingRuntime } from '@forewarn/eventing';
import { LogContext } from '@forewarn/platform';
import { DispatchWarningHandler } from '../application/dispatch-warning.handler';
import { WARNING_AUTHORIZED_CONSUMER } from './consumer-names';

export { WARNING_AUTHORIZED_CONSUMER };

/** Reads waiver-review's events and acts on WarningAuthorized only; the inbox makes a redelivery a no-op. */
@Injectable()
export class WarningAuthorizedConsumer implements OnModuleInit {
  constructor(
    private readonly runtime: EventingRuntime,
    private readonly handler: DispatchWarningHandler,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.consume({
      name: WARNING_AUTHORIZED_CONSUMER,
      topics: [Topics.waiverReviewEvents],
      accepts: (m) => m.type === 'WarningAuthorized',
      around: (m, fn) => LogContext.run({ caseId: m.value.caseId, correlationId: m.value.correlationId }, fn),
      handle: async (m, ctx) => {
        await this.handler.dispatchIn(ctx, m.value as ForewarnEvent<'WarningAuthorized'>);
      },
    });
  }
}
