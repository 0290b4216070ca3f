import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRoles } from '@forewarn/platform';
import { AuditLogService } from '../application/audit-log.service';
import { GapsQuery } from './audit-dtos';

/** Whole-log questions: is the chain intact, and which gaps are open. */
@ApiTags('audit')
@Controller('v1/audit')
@RequireRoles('auditor')
export class AuditLogController {
  constructor(private readonly log: AuditLogService) {}

  @Get('integrity')
  integrity() {
    return this.log.integrity();
  }

  @Get('gaps')
  gaps(@Query() q: GapsQuery) {
    return this.log.gaps(q.status, q.limit);
  }
}
