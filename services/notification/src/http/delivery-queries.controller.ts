import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentPerson, isOperatorOnly, RequireRoles, seesCase, UuidParam, type Person } from '@forewarn/platform';
import { deliveriesInState, deliveriesOfCase } from '../infrastructure/delivery.repository';
import { WorklistQueryDto } from './deliveries.dto';
import type { Delivery } from '../domain/delivery';
import { deliveryFlowView, deliveryView } from './delivery.view';

/** Operators see a delivery's flow; the warning, its recipient and notes are for those who handle the case. */
const viewFor = (person: Person, d: Delivery) => (isOperatorOnly(person) ? deliveryFlowView(d) : deliveryView(d));

/** The read side the operators' console uses: a case's deliveries, and the worklist by state. */
@ApiTags('deliveries')
@Controller('v1')
export class DeliveryQueriesController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('cases/:caseId/deliveries')
  @RequireRoles('operator', 'analyst', 'auditor')
  /** A case `person` may not see has, for them, no deliveries, as an unknown case (need to know). */
  async ofCase(@UuidParam('caseId') caseId: string, @CurrentPerson() person: Person) {
    const deliveries = (await deliveriesOfCase(this.dataSource, caseId)).filter((d) => seesCase(person, d.source.sourceAgency));
    return { caseId, deliveries: deliveries.map((d) => viewFor(person, d)) };
  }

  @Get('deliveries')
  @RequireRoles('operator')
  async worklist(@Query() query: WorklistQueryDto, @CurrentPerson() person: Person) {
    const deliveries = await deliveriesInState(this.dataSource, query.state, query.limit ?? 100);
    return { state: query.state ?? null, deliveries: deliveries.map((d) => viewFor(person, d)) };
  }
}
