import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPerson, personToActor, RequireRoles, UuidParam, type Person } from '@forewarn/platform';
import { Clock } from '../application/clock';
import { ReviewQueries } from '../application/review-queries';
import { reviewView } from '../application/review-views';
import { WaiverCommandsHandler } from '../application/waiver-commands.handler';
import { LegalConcurrenceDto, RequestWaiverDto, WaiverDecisionDto } from './waiver.dto';

/** One case's waiver review: read it, request a waiver, concur, decide. Refusals map in error-statuses.ts. */
@ApiTags('waiver reviews')
@Controller('v1/cases/:caseId')
export class CaseWaiverReviewController {
  constructor(
    private readonly queries: ReviewQueries,
    private readonly commands: WaiverCommandsHandler,
    private readonly clock: Clock,
  ) {}

  @Get('waiver-review')
  @RequireRoles('analyst', 'senior-reviewer', 'legal-reviewer', 'auditor')
  get(@UuidParam('caseId') caseId: string, @CurrentPerson() person: Person) {
    return this.queries.review(caseId, person);
  }

  /** 201 with the new requestId and the review. */
  @Post('waiver-requests')
  @HttpCode(201)
  @ApiResponse({ status: 409, description: 'The review is not in a state for this (WAIVER.REVIEW_NOT_OPEN, WAIVER.ALREADY_DECIDED, WAIVER.REQUEST_PENDING, ...).' })
  @ApiResponse({ status: 422, description: 'The policy refused the request (a WAIVER.* code), e.g. an unknown waiver code or a blank justification.' })
  @RequireRoles('analyst')
  async request(@UuidParam('caseId') caseId: string, @Body() body: RequestWaiverDto, @CurrentPerson() person: Person) {
    const state = await this.commands.requestWaiver(caseId, { codes: body.codes, justification: body.justification }, personToActor(person));
    return { requestId: state.requests[state.requests.length - 1].requestId, review: reviewView(state, this.clock.now()) };
  }

  @Post('waiver-requests/:requestId/legal-concurrence')
  @HttpCode(201)
  @ApiResponse({ status: 409, description: 'The review is not in a state for this (WAIVER.REVIEW_NOT_OPEN, WAIVER.ALREADY_DECIDED, WAIVER.REQUEST_PENDING, ...).' })
  @ApiResponse({ status: 422, description: 'The policy refused the request (a WAIVER.* code), e.g. an unknown waiver code or a blank justification.' })
  @RequireRoles('legal-reviewer')
  async concur(
    @UuidParam('caseId') caseId: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: LegalConcurrenceDto,
    @CurrentPerson() person: Person,
  ) {
    const state = await this.commands.recordLegalConcurrence(caseId, requestId, { concurs: body.concurs, note: body.note }, personToActor(person));
    return { review: reviewView(state, this.clock.now()) };
  }

  @Post('waiver-requests/:requestId/decision')
  @HttpCode(201)
  @ApiResponse({ status: 409, description: 'The review is not in a state for this (WAIVER.REVIEW_NOT_OPEN, WAIVER.ALREADY_DECIDED, WAIVER.REQUEST_PENDING, ...).' })
  @ApiResponse({ status: 422, description: 'The policy refused the request (a WAIVER.* code), e.g. an unknown waiver code or a blank justification.' })
  @RequireRoles('senior-reviewer')
  async decide(
    @UuidParam('caseId') caseId: string,
    @UuidParam('requestId') requestId: string,
    @Body() body: WaiverDecisionDto,
    @CurrentPerson() person: Person,
  ) {
    const state = await this.commands.decideWaiver(caseId, requestId, { decision: body.decision, note: body.note }, personToActor(person));
    return { review: reviewView(state, this.clock.now()) };
  }
}
