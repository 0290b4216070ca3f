import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPerson, personToActor, RequireRoles, type Person } from '@forewarn/platform';
import { assessmentView, CaseQueries } from '../application/case-queries';
import { RecordAnalystAssessmentHandler } from '../application/record-analyst-assessment.handler';
import { ListCasesQuery, RecordAssessmentDto } from './assessment.dto';

@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly recordAssessment: RecordAnalystAssessmentHandler,
  ) {}

  /** The analysts' worklist: cases in a state (default NEEDS_ANALYST), oldest first. */
  @Get()
  @RequireRoles('analyst')
  list(@Query() query: ListCasesQuery) {
    return this.queries.list(query.state, query.limit);
  }

  @Get(':caseId/assessment')
  @RequireRoles('analyst', 'senior-reviewer', 'auditor')
  get(@Param('caseId') caseId: string) {
    return this.queries.assessment(caseId);
  }

  /** 201 with the case after the new decision; 404 unknown case; 409 ASSESSMENT.NOT_AWAITING_ANALYST. */
  @Post(':caseId/assessment')
  @HttpCode(201)
  @RequireRoles('analyst')
  async record(@Param('caseId') caseId: string, @Body() body: RecordAssessmentDto, @CurrentPerson() person: Person) {
    const { credibility, specific, notes } = body;
    const next = await this.recordAssessment.record(caseId, { credibility, specific, notes }, personToActor(person));
    return assessmentView(next);
  }
}
