import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ForewarnEvent } from '@forewarn/contracts';
import type { EventContext } from '@forewarn/eventing';
import { EventHandlers } from '@forewarn/platform';
import { AssessThreatReportHandler } from '../application/assess-threat-report.handler';
import { threatReports } from './consumers';

@EventHandlers()
export class ThreatReportsEvents {
  constructor(private readonly handler: AssessThreatReportHandler) {}

  @EventPattern<string>('ThreatReported', { consumer: threatReports })
  reported(@Payload() event: ForewarnEvent<'ThreatReported'>, @Ctx() ctx: EventContext): Promise<void> {
    return this.handler.handle(ctx.transaction, event);
  }
}
