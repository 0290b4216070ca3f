import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { ForewarnEvent } from '@forewarn/contracts';
import type { EventContext } from '@forewarn/eventing';
import { EventHandlers } from '@forewarn/platform';
import { CaseEventsHandler } from '../application/case-events.handler';
import { dutyDeterminations, threatReports } from './consumers';

@EventHandlers()
export class CaseEvents {
  constructor(private readonly handler: CaseEventsHandler) {}

  @EventPattern<string>('ThreatReported', { consumer: threatReports })
  reported(@Payload() event: ForewarnEvent<'ThreatReported'>, @Ctx() ctx: EventContext): Promise<void> {
    return this.handler.noteReport(ctx.transaction, event);
  }

  @EventPattern<string>('DutyDetermined', { consumer: dutyDeterminations })
  determined(@Payload() event: ForewarnEvent<'DutyDetermined'>, @Ctx() ctx: EventContext): Promise<void> {
    return this.handler.noteDuty(ctx.transaction, event);
  }
}
