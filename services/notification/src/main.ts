import 'reflect-metadata';
import { bootstrapService } from '@forewarn/platform';
import { AppModule } from './app.module';
import { registerDeliveryErrorStatuses } from './http/error-statuses';

registerDeliveryErrorStatuses();
void bootstrapService('notification', AppModule);
