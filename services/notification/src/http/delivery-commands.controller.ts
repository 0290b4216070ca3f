import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPerson, personToActor, RequireRoles, UuidParam, type Person } from '@forewarn/platform';
import { AcknowledgeDeliveryHandler } from '../application/acknowledge-delivery.handler';
import { RetryDeliveryHandler } from '../application/retry-delivery.handler';
import { AcknowledgeDeliveryDto } from './deliveries.dto';

@ApiTags('deliveries')
@Controller('v1/deliveries/:deliveryId')
export class DeliveryCommandsController {
  constructor(
    private readonly acknowledgements: AcknowledgeDeliveryHandler,
    private readonly retries: RetryDeliveryHandler,
  ) {}

  /** 201 when recorded; 200 with the first acknowledgement when it was already acknowledged; 409 before delivery. */
  @Post('acknowledgement')
  @HttpCode(201)
  @ApiResponse({ status: 409, description: 'DELIVERY.NOT_DELIVERED: the warning has not been delivered yet.' })
  @RequireRoles('agency-submitter', 'analyst')
  async acknowledge(
    @UuidParam('deliveryId') deliveryId: string,
    @Body() body: AcknowledgeDeliveryDto,
    @CurrentPerson() person: Person,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    const result = await this.acknowledgements.acknowledgeByPerson(deliveryId, personToActor(person), body.note);
    if (!result.recorded) res.status(200);
    return result;
  }

  /** An operator takes over an ESCALATED delivery: back to PENDING, same idempotency key. */
  @Post('retry')
  @HttpCode(202)
  @ApiResponse({ status: 409, description: 'DELIVERY.NOT_ESCALATED or DELIVERY.NO_PARTNER: the delivery is not one to retry now.' })
  @RequireRoles('operator')
  retry(@UuidParam('deliveryId') deliveryId: string, @CurrentPerson() person: Person) {
    return this.retries.retry(deliveryId, personToActor(person));
  }
}
