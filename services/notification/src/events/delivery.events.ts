import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { partnerOfTopic, type ForewarnEvent, type PartnerAcknowledgement } from '@forewarn/contracts';
import type { EventContext } from '@forewarn/eventing';
import { EventHandlers } from '@forewarn/platform';
import { AcknowledgeDeliveryHandler } from '../application/acknowledge-delivery.handler';
import { DispatchWarningHandler } from '../application/dispatch-warning.handler';
import { partnerAcknowledgements, warningAuthorizations } from './consumers';

@EventHandlers()
export class DeliveryEvents {
  constructor(
    private readonly dispatch: DispatchWarningHandler,
    private readonly acknowledge: AcknowledgeDeliveryHandler,
  ) {}

  @EventPattern<string>('WarningAuthorized', { consumer: warningAuthorizations })
  async authorized(@Payload() event: ForewarnEvent<'WarningAuthorized'>, @Ctx() ctx: EventContext): Promise<void> {
    await this.dispatch.dispatchIn(ctx.transaction, event);
  }

  @EventPattern<string>('PartnerAcknowledgement', { consumer: partnerAcknowledgements })
  async acknowledged(@Payload() ack: PartnerAcknowledgement, @Ctx() ctx: EventContext): Promise<void> {
    await this.acknowledge.acknowledgeByPartnerIn(ctx.transaction, ack, partnerOfTopic(ctx.message.topic)!.agency);
  }
}
