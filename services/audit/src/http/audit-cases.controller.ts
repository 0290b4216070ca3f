import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPerson, LogContext, personToActor, RequireRoles, type Person } from '@forewarn/platform';
import { AuditLogService } from '../application/audit-log.service';
import { CaseAuditService } from '../application/case-audit.service';
import { LegalHoldService } from '../application/legal-hold.service';
import { CaseParams, HistoryQuery, LegalHoldDto, LiftLegalHoldDto, ListCasesQuery, StateQuery } from './audit-dtos';

/** The auditors' questions about cases (issue 4 section 2). Read-only, except legal holds. */
@ApiTags('audit')
@Controller('v1/audit/cases')
@RequireRoles('auditor')
export class AuditCasesController {
  constructor(
    private readonly cases: CaseAuditService,
    private readonly log: AuditLogService,
    private readonly holds: LegalHoldService,
  ) {}

  @Get()
  list(@Query() q: ListCasesQuery) {
    return this.log.listCases(q);
  }

  @Get(':caseId/events')
  history(@Param() { caseId }: CaseParams, @Query() q: HistoryQuery) {
    LogContext.assign({ caseId });
    return this.cases.history(caseId, q.order);
  }

  @Get(':caseId/state')
  state(@Param() { caseId }: CaseParams, @Query() q: StateQuery) {
    LogContext.assign({ caseId });
    return this.cases.stateAsOf(caseId, q.asOf);
  }

  @Get(':caseId/verification')
  verification(@Param() { caseId }: CaseParams) {
    LogContext.assign({ caseId });
    return this.cases.verification(caseId);
  }

  @Get(':caseId/report')
  report(@Param() { caseId }: CaseParams, @Query() q: StateQuery) {
    LogContext.assign({ caseId });
    return this.cases.report(caseId, q.asOf);
  }

  @Get(':caseId/export')
  export(@Param() { caseId }: CaseParams) {
    LogContext.assign({ caseId });
    return this.cases.export(caseId);
  }

  @Get(':caseId/legal-hold')
  hold(@Param() { caseId }: CaseParams) {
    return this.holds.get(caseId);
  }

  @Post(':caseId/legal-hold')
  @HttpCode(201)
  @ApiResponse({ status: 409, description: 'AUDIT.LEGAL_HOLD_EXISTS: the case is already on hold.' })
  placeHold(@Param() { caseId }: CaseParams, @Body() body: LegalHoldDto, @CurrentPerson() person: Person) {
    LogContext.assign({ caseId });
    return this.holds.place(caseId, body.reason, personToActor(person));
  }

  @Delete(':caseId/legal-hold')
  liftHold(@Param() { caseId }: CaseParams, @Body() body: LiftLegalHoldDto, @CurrentPerson() person: Person) {
    LogContext.assign({ caseId });
    return this.holds.lift(caseId, body?.reason ?? 'lifted', personToActor(person));
  }
}
