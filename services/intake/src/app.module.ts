import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { SubmitThreatReportHandler } from './application/submit-threat-report.handler';
import { ThreatReportsController } from './http/threat-reports.controller';
import { PartnerReportsConsumer } from './infrastructure/partner-reports.consumer';
import { ThreatReports1764200000000 } from './infrastructure/migrations/1764200000000-threat-reports';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'intake', migrations: [ThreatReports1764200000000] })],
  controllers: [ThreatReportsController],
  providers: [SubmitThreatReportHandler, PartnerReportsConsumer],
})
export class AppModule {}
