import { Controller, Get, Headers, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPerson, RequireRoles, type Person } from '@forewarn/platform';
import { DeadLetterService } from '../application/dead-letter.service';
import { deadLetterView } from './dead-letter-view';
import { DeadlinesService } from './deadlines.service';
import { ConsoleDeadLettersQuery } from './console.dto';
import { viewsFor } from './console-views';
import { PipelineService } from './pipeline.service';

/**
 * What the console page reads, aggregated here so the browser talks to the audit origin only.
 * The roles match ViewRoles in console-views.ts (a unit test holds them together). Cases come
 * from the auditors' own API (/v1/audit/cases), re-drives from POST /v1/dead-letters/:id/redrive.
 */
@ApiTags('console')
@Controller('v1/console')
export class ConsoleDataController {
  constructor(
    private readonly pipelineView: PipelineService,
    private readonly deadlineList: DeadlinesService,
    private readonly letters: DeadLetterService,
  ) {}

  /** Who the token says you are and which views that opens; any signed-in person may ask. */
  @Get('me')
  me(@CurrentPerson() person: Person) {
    return { person: { id: person.id, organisation: person.organisation, roles: person.roles, name: person.name ?? null }, views: viewsFor(person.roles) };
  }

  @Get('pipeline')
  @RequireRoles('operator', 'auditor')
  pipeline() {
    return this.pipelineView.view();
  }

  @Get('deadlines')
  @RequireRoles('operator', 'auditor')
  deadlines(@Headers('authorization') authorization: string) {
    return this.deadlineList.list(authorization);
  }

  @Get('dead-letters')
  @RequireRoles('operator')
  async deadLetters(@Query() q: ConsoleDeadLettersQuery) {
    const letters = await this.letters.list(q.limit ?? 100);
    return { letters: letters.map(deadLetterView) };
  }
}
