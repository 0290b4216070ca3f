import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { AssessThreatReportHandler } from './application/assess-threat-report.handler';
import { CaseQueries } from './application/case-queries';
import { Clock } from './application/clock';
import { RecordAnalystAssessmentHandler } from './application/record-analyst-assessment.handler';
import { CasesController } from './http/cases.controller';
import { AssessmentCases1764300000000 } from './infrastructure/migrations/1764300000000-assessment-cases';
import { ThreatReportsConsumer } from './infrastructure/threat-reports.consumer';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'assessment', migrations: [AssessmentCases1764300000000] })],
  controllers: [CasesController],
  providers: [Clock, AssessThreatReportHandler, RecordAnalystAssessmentHandler, CaseQueries, ThreatReportsConsumer],
})
export class AppModule {}
