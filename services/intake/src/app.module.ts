import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { SubmitThreatReportHandler } from './application/submit-threat-report.handler';
import { ThreatReportsController } from './http/threat-reports.controller';
import { PartnerReportsConsumer } from './infrastructure/partner-reports.consumer';
import { intakeMigrations } from './infrastructure/migrations';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'intake', migrations: intakeMigrations })],
  controllers: [ThreatReportsController],
  providers: [SubmitThreatReportHandler, PartnerReportsConsumer],
})
export class AppModule {}
