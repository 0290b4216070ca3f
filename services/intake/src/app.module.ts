import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { SubmitThreatReportHandler } from './application/submit-threat-report.handler';
import { PartnerReportsEvents } from './events/partner-reports.events';
import { ThreatReportsController } from './http/threat-reports.controller';
import { intakeMigrations } from './infrastructure/migrations';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'intake', migrations: intakeMigrations })],
  controllers: [ThreatReportsController, PartnerReportsEvents],
  providers: [SubmitThreatReportHandler],
})
export class AppModule {}
