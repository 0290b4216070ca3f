import { Controller, Get, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequireRoles } from '@forewarn/platform';
import { deliveriesInState, deliveriesOfCase } from '../infrastructure/delivery.repository';
import { WorklistQueryDto } from './deliveries.dto';
import { deliveryView } from './delivery.view';

/** The read side the operators' console uses: a case's deliveries, and the worklist by state. */
@Controller('v1')
export class DeliveryQueriesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('cases/:caseId/deliveries')
  @RequireRoles('operator', 'analyst', 'auditor')
  async ofCase(@Param('caseId') caseId: string) {
    const deliveries = await deliveriesOfCase(this.dataSource, caseId);
    return { caseId, deliveries: deliveries.map((d) => deliveryView(d)) };
  }

  @Get('deliveries')
  @RequireRoles('operator')
  async worklist(@Query() query: WorklistQueryDto) {
    const deliveries = await deliveriesInState(this.dataSource, query.state, query.limit ?? 100);
    return { state: query.state ?? null, deliveries: deliveries.map((d) => deliveryView(d)) };
  }
}
