import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { AssessThreatReportHandler } from './application/assess-threat-report.handler';
import { CaseQueries } from './application/case-queries';
import { Clock } from './application/clock';
import { RecordAnalystAssessmentHandler } from './application/record-analyst-assessment.handler';
import { ThreatReportsEvents } from './events/threat-reports.events';
import { CasesController } from './http/cases.controller';
import { assessmentMigrations } from './infrastructure/migrations';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'assessment', migrations: assessmentMigrations })],
  controllers: [CasesController, ThreatReportsEvents],
  providers: [Clock, AssessThreatReportHandler, RecordAnalystAssessmentHandler, CaseQueries],
})
export class AppModule {}
