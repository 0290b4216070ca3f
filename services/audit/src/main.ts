import 'reflect-metadata';
import { bootstrapService } from '@forewarn/platform';
import { AppModule } from './app.module';

void bootstrapService('audit', AppModule);
