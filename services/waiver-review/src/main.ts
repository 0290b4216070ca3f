import 'reflect-metadata';
import { bootstrapService } from '@forewarn/platform';
import { AppModule } from './app.module';
import { registerErrorStatuses } from './http/error-statuses';
import { scanIntervalMs } from './infrastructure/deadline-scanner';

registerErrorStatuses();
// A bad scan interval must stop the start, not silently disable escalation.
scanIntervalMs();
void bootstrapService('waiver-review', AppModule);
