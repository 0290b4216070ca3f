import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { CaseEventsHandler } from './application/case-events.handler';
import { Clock } from './application/clock';
import { EscalateOverdueHandler } from './application/escalate-overdue.handler';
import { ReviewCommandRunner } from './application/review-command.runner';
import { ReviewQueries } from './application/review-queries';
import { WaiverCommandsHandler } from './application/waiver-commands.handler';
import { CaseEvents } from './events/case.events';
import { CaseWaiverReviewController } from './http/case-waiver-review.controller';
import { WaiverReviewsController } from './http/waiver-reviews.controller';
import { DeadlineScanner } from './infrastructure/deadline-scanner';
import { waiverReviewMigrations } from './infrastructure/migrations';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'waiver-review', migrations: waiverReviewMigrations })],
  controllers: [CaseWaiverReviewController, WaiverReviewsController, CaseEvents],
  providers: [
    Clock,
    ReviewCommandRunner,
    CaseEventsHandler,
    WaiverCommandsHandler,
    EscalateOverdueHandler,
    ReviewQueries,
    DeadlineScanner,
  ],
})
export class AppModule {}
