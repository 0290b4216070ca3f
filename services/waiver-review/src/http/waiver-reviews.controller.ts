import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPerson, personToActor, RequireRoles, type Person } from '@forewarn/platform';
import { Clock } from '../application/clock';
import { EscalateOverdueHandler } from '../application/escalate-overdue.handler';
import { ReviewQueries } from '../application/review-queries';
import { EscalationsDto, ListReviewsQuery, OverdueQuery, toInstant } from './waiver.dto';

/** Across cases: the reviewers' worklist, the operators' overdue console, and the escalation drill. */
@ApiTags('waiver reviews')
@Controller('v1/waiver-reviews')
export class WaiverReviewsController {
  constructor(
    private readonly queries: ReviewQueries,
    private readonly escalations: EscalateOverdueHandler,
    private readonly clock: Clock,
  ) {}

  /** Reviews in a state (default OPEN), earliest deadline first. */
  @Get()
  @RequireRoles('senior-reviewer', 'operator')
  list(@Query() query: ListReviewsQuery, @CurrentPerson() person: Person) {
    return this.queries.worklist(query.state, query.limit, person);
  }

  /** Open reviews past their deadline at asOf (default now), escalated or not, most overdue first. */
  @Get('overdue')
  @RequireRoles('operator', 'senior-reviewer', 'auditor')
  overdue(@Query() query: OverdueQuery, @CurrentPerson() person: Person) {
    return this.queries.overdue(toInstant(query.asOf), query.limit, person);
  }

  /**
   * Runs the deadline scan now, treating asOf (default now) as the time: a drill, or escalating
   * ahead of the deadline. Each review escalates at most once, whoever scans first.
   */
  @Post('escalations')
  @HttpCode(200)
  @RequireRoles('operator')
  async escalate(@Body() body: EscalationsDto, @CurrentPerson() person: Person) {
    const asOf = toInstant(body.asOf) ?? this.clock.now();
    const escalated = await this.escalations.escalate(asOf, personToActor(person), 'OPERATOR');
    return { asOf, escalated };
  }
}
