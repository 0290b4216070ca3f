import { BadRequestException, Body, Controller, ForbiddenException, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { instanceToPlain } from 'class-transformer';
import { validateThreatReportSubmission, type ThreatReportSubmission } from '@forewarn/contracts';
import { CurrentPerson, LogContext, personToActor, RequireRoles, type Person } from '@forewarn/platform';
import { SubmitThreatReportHandler } from '../application/submit-threat-report.handler';
import { maySubmitFor } from '../domain/threat-report-received';
import { SubmitThreatReportDto } from './submit-threat-report.dto';

const submitted: SchemaObject = {
  type: 'object',
  required: ['caseId', 'duplicate'],
  properties: { caseId: { type: 'string', format: 'uuid' }, duplicate: { type: 'boolean' } },
};

@ApiTags('threat reports')
@Controller('v1/threat-reports')
export class ThreatReportsController {
  constructor(private readonly handler: SubmitThreatReportHandler) {}

  /** 201 with a new caseId; 200 with the same caseId when the report was already received. */
  @Post()
  @HttpCode(201)
  @RequireRoles('agency-submitter', 'analyst')
  @ApiOperation({ summary: 'Submit a threat report', description: 'Opens a case. A report already received (same sourceAgency and reportId) answers 200 with its case.' })
  @ApiCreatedResponse({ description: 'A new case was opened for the report.', schema: submitted })
  @ApiOkResponse({ description: 'The report was already received: its case, duplicate true.', schema: submitted })
  async submit(
    @Body() body: SubmitThreatReportDto,
    @CurrentPerson() person: Person,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    if (!maySubmitFor(person, body.sourceAgency)) {
      throw new ForbiddenException(`${person.organisation} may not submit reports for ${body.sourceAgency}`);
    }
    // The DTO named every bad field; the contract's schema is the final word (same as Kafka).
    const report = instanceToPlain(body) as ThreatReportSubmission;
    const checked = validateThreatReportSubmission(report);
    if (!checked.ok) throw new BadRequestException({ message: 'Validation failed', errors: checked.errors });
    // The request's correlation id as its logs carry it: the caller's x-correlation-id only if it
    // looks like an id (a raw header could be anything, and the event's envelope refuses that).
    const correlationId = LogContext.current()?.correlationId;
    const result = await this.handler.submit(checked.value, 'HTTP', personToActor(person), correlationId);
    if (result.duplicate) res.status(200);
    return { caseId: result.caseId, duplicate: result.duplicate };
  }
}
