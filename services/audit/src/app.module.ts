import { Module } from '@nestjs/common';
import { getPolicy } from '@forewarn/policy';
import { registerErrorStatus, ServicePlatformModule } from '@forewarn/platform';
import { AuditLogService } from './application/audit-log.service';
import { CaseAuditService } from './application/case-audit.service';
import { DeadLetterService } from './application/dead-letter.service';
import { LegalHoldService } from './application/legal-hold.service';
import { POLICY_FOR } from './application/policy-for.token';
import { ConsoleModule } from './console/console.module';
import { AuditErrorStatuses } from './domain/audit-errors';
import { AuditEvents } from './events/audit.events';
import { AuditCasesController } from './http/audit-cases.controller';
import { AuditLogController } from './http/audit-log.controller';
import { DeadLettersController } from './http/dead-letters.controller';
import { auditMigrations } from './infrastructure/migrations';

// Registered on import, so tests that build AppModule without main.ts map errors the same way.
for (const [code, status] of Object.entries(AuditErrorStatuses)) registerErrorStatus(code, status);

@Module({
  imports: [ServicePlatformModule.forService({ service: 'audit', migrations: auditMigrations }), ConsoleModule],
  controllers: [AuditCasesController, AuditLogController, DeadLettersController, AuditEvents],
  providers: [
    { provide: POLICY_FOR, useValue: getPolicy },
    CaseAuditService,
    AuditLogService,
    LegalHoldService,
    DeadLetterService,
  ],
})
export class AppModule {}
