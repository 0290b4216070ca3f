import { Module } from '@nestjs/common';
import { ServicePlatformModule } from '@forewarn/platform';
import { AcknowledgeDeliveryHandler } from './application/acknowledge-delivery.handler';
import { DispatchWarningHandler } from './application/dispatch-warning.handler';
import { RecordAttemptHandler } from './application/record-attempt.handler';
import { RetryDeliveryHandler } from './application/retry-delivery.handler';
import { DeliveryEvents } from './events/delivery.events';
import { DeliveryCommandsController } from './http/delivery-commands.controller';
import { DeliveryQueriesController } from './http/delivery-queries.controller';
import { KafkaChannelAdapter } from './infrastructure/adapters/kafka.adapter';
import { WebhookChannelAdapter } from './infrastructure/adapters/webhook.adapter';
import { DeliveryWorker } from './infrastructure/delivery-worker';
import { notificationMigrations } from './infrastructure/migrations';
import { loadNotificationConfig, NOTIFICATION_CONFIG } from './notification.config';

@Module({
  imports: [ServicePlatformModule.forService({ service: 'notification', migrations: notificationMigrations })],
  controllers: [DeliveryQueriesController, DeliveryCommandsController, DeliveryEvents],
  providers: [
    // Read when the app is created, so a test (or process) sets its environment first.
    { provide: NOTIFICATION_CONFIG, useFactory: () => loadNotificationConfig(process.env) },
    KafkaChannelAdapter,
    WebhookChannelAdapter,
    DispatchWarningHandler,
    RecordAttemptHandler,
    AcknowledgeDeliveryHandler,
    RetryDeliveryHandler,
    DeliveryWorker,
  ],
})
export class AppModule {}
