import 'reflect-metadata';
import { bootstrapService } from '@forewarn/platform';
import { AppModule } from './app.module';
import { registerErrorStatuses } from './http/error-statuses';

registerErrorStatuses();
void bootstrapService('assessment', AppModule);
