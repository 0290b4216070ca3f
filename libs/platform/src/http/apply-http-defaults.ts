import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import helmet from 'helmet';
import { HttpExceptionFilter } from './http-exception.filter';
import { MAX_JSON_DEPTH, verifyJsonBody } from './json-depth';
import { createValidationPipe } from './validation.pipe';

export interface HttpDefaultsOptions {
  /** Largest JSON body accepted; bigger ones get 413. Default '64kb': threat reports are small. */
  bodyLimit?: string;
  /** Deepest nesting of a JSON body; deeper ones get 400 before they are parsed. Default 64. */
  maxJsonDepth?: number;
}

/**
 * Call once in main.ts, before app.listen(): security headers, body limits, validation, error
 * mapping, shutdown hooks. Rate limits are guards, in AuthModule, since they need the person.
 */
export function applyHttpDefaults<T extends INestApplication>(app: T, options: HttpDefaultsOptions = {}): T {
  const adapter = app.getHttpAdapter();
  if (adapter.getType() !== 'express') {
    throw new Error(`applyHttpDefaults supports the express platform only, not ${adapter.getType()}`);
  }
  const limit = options.bodyLimit ?? '64kb';
  const express = app as unknown as NestExpressApplication;
  // First, so every answer carries them, refusals included. Helmet also drops x-powered-by.
  // Nothing of ours is ever framed; the console page sets a stricter CSP of its own.
  express.use(helmet({ frameguard: { action: 'deny' }, contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } } }));
  // Nest's typings leave out `verify` because its `rawBody` option sets one of its own; no
  // service here uses rawBody (and the hostile-input e2e test fails if the depth check is lost).
  const json = { limit, verify: verifyJsonBody(options.maxJsonDepth ?? MAX_JSON_DEPTH) } as NestExpressBodyParserOptionsFor<'json'>;
  express.useBodyParser('json', json);
  express.useBodyParser('urlencoded', { limit, extended: false });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(adapter));
  // Lets TypeORM and Kafka clients close on SIGTERM, so a rolling deploy loses no work.
  app.enableShutdownHooks();
  return app;
}
