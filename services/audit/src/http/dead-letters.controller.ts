import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPerson, personToActor, RequireRoles, type Person } from '@forewarn/platform';
import { DeadLetterService } from '../application/dead-letter.service';
import { DeadLetterParams, ListDeadLettersQuery, RedriveDto } from './audit-dtos';

/** For the operators' console: what was dead-lettered, and re-driving it. */
@ApiTags('dead letters')
@Controller('v1/dead-letters')
@RequireRoles('operator')
export class DeadLettersController {
  constructor(private readonly letters: DeadLetterService) {}

  @Get()
  list(@Query() q: ListDeadLettersQuery) {
    return this.letters.list(q.limit, q.reason);
  }

  @Post(':id/redrive')
  @HttpCode(202)
  @ApiResponse({ status: 409, description: 'DEAD_LETTER.NOT_REDRIVABLE: the dead letter cannot be re-driven.' })
  redrive(@Param() { id }: DeadLetterParams, @Body() body: RedriveDto, @CurrentPerson() person: Person) {
    return this.letters.redrive(id, personToActor(person), body?.note);
  }
}
