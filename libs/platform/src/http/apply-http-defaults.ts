import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HttpExceptionFilter } from './http-exception.filter';
import { createValidationPipe } from './validation.pipe';

export interface HttpDefaultsOptions {
  /** Largest JSON body accepted; bigger ones get 413. Default '64kb': threat reports are small. */
  bodyLimit?: string;
}

/** Call once in main.ts, before app.listen(): validation, body limit, error mapping, shutdown hooks. */
export function applyHttpDefaults<T extends INestApplication>(app: T, options: HttpDefaultsOptions = {}): T {
  const adapter = app.getHttpAdapter();
  if (adapter.getType() !== 'express') {
    throw new Error(`applyHttpDefaults supports the express platform only, not ${adapter.getType()}`);
  }
  const limit = options.bodyLimit ?? '64kb';
  const express = app as unknown as NestExpressApplication;
  express.useBodyParser('json', { limit });
  express.useBodyParser('urlencoded', { limit, extended: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(adapter));
  // Lets TypeORM and Kafka clients close on SIGTERM, so a rolling deploy loses no work.
  app.enableShutdownHooks();
  return app;
}
