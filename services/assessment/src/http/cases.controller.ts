import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPerson, personToActor, RequireRoles, UuidParam, type Person } from '@forewarn/platform';
import { assessmentView, CaseQueries } from '../application/case-queries';
import { RecordAnalystAssessmentHandler } from '../application/record-analyst-assessment.handler';
import { ListCasesQuery, RecordAssessmentDto } from './assessment.dto';

@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly recordAssessment: RecordAnalystAssessmentHandler,
  ) {}

  /** The analysts' worklist: cases in a state (default NEEDS_ANALYST), oldest first. */
  @Get()
  @RequireRoles('analyst')
  list(@Query() query: ListCasesQuery, @CurrentPerson() person: Person) {
    return this.queries.list(query.state, query.limit, person);
  }

  @Get(':caseId/assessment')
  @RequireRoles('analyst', 'senior-reviewer', 'auditor')
  get(@UuidParam('caseId') caseId: string, @CurrentPerson() person: Person) {
    return this.queries.assessment(caseId, person);
  }

  /** 201 with the case after the new decision; 404 unknown case; 409 ASSESSMENT.NOT_AWAITING_ANALYST. */
  @Post(':caseId/assessment')
  @HttpCode(201)
  @ApiResponse({ status: 409, description: 'ASSESSMENT.NOT_AWAITING_ANALYST: the case no longer waits for an analyst.' })
  @RequireRoles('analyst')
  async record(@UuidParam('caseId') caseId: string, @Body() body: RecordAssessmentDto, @CurrentPerson() person: Person) {
    const { credibility, specific, notes } = body;
    const next = await this.recordAssessment.record(caseId, { credibility, specific, notes }, personToActor(person));
    return assessmentView(next);
  }
}
