import { BadRequestException, Body, Controller, ForbiddenException, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { instanceToPlain } from 'class-transformer';
import { validateThreatReportSubmission, type ThreatReportSubmission } from '@forewarn/contracts';
import { CORRELATION_HEADER, CurrentPerson, personToActor, RequireRoles, type Person } from '@forewarn/platform';
import { SubmitThreatReportHandler } from '../application/submit-threat-report.handler';
import { maySubmitFor } from '../domain/threat-report-received';
import { SubmitThreatReportDto } from './submit-threat-report.dto';

@Controller('v1/threat-reports')
export class ThreatReportsController {
  constructor(private readonly handler: SubmitThreatReportHandler) {}

  /** 201 with a new caseId; 200 with the same caseId when the report was already received. */
  @Post()
  @HttpCode(201)
  @RequireRoles('agency-submitter', 'analyst')
  async submit(
    @Body() body: SubmitThreatReportDto,
    @CurrentPerson() person: Person,
    @Headers(CORRELATION_HEADER) correlationId: string | undefined,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ) {
    if (!maySubmitFor(person, body.sourceAgency)) {
      throw new ForbiddenException(`${person.organisation} may not submit reports for ${body.sourceAgency}`);
    }
    // The DTO named every bad field; the contract's schema is the final word (same as Kafka).
    const report = instanceToPlain(body) as ThreatReportSubmission;
    const checked = validateThreatReportSubmission(report);
    if (!checked.ok) throw new BadRequestException({ message: 'Validation failed', errors: checked.errors });
    const result = await this.handler.submit(checked.value, 'HTTP', personToActor(person), correlationId);
    if (result.duplicate) res.status(200);
    return { caseId: result.caseId, duplicate: result.duplicate };
  }
}
