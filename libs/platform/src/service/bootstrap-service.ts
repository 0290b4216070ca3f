import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyHttpDefaults } from '../http/apply-http-defaults';
import { checkAuthenticationSettings } from '../auth/jwt-options';
import { throttleSettings } from '../auth/throttling';
import { loadConfig, type ServiceName } from '../config';
import { serveOpenApi } from '../http/openapi';
import { listenService } from './listen-service';
import { migrateService } from './service-migrations';

/**
 * Starts a service's Nest app: pino logger, HTTP defaults, its port; returns the app.
 * `main.js migrate` instead runs its migrations as the owner role, then exits (the release step).
 */
export async function bootstrapService(service: ServiceName, appModule: unknown) {
  if (process.argv[2] === 'migrate') {
    const ran = await migrateService(service);
    process.stderr.write(`[${service}] migrated: ${ran.length ? ran.join(', ') : 'nothing pending'}\n`);
    process.exit(0);
  }
  const config = loadConfig(service);
  try {
    // Before anything listens: outside development mode a service believes only its identity
    // provider, and must not start without one.
    checkAuthenticationSettings();
    // The rate limits too: a mistyped limit is a start-up error naming its variable.
    throttleSettings();
  } catch (err) {
    process.stderr.write(`[${service}] cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  const app = await NestFactory.create(appModule as never, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  applyHttpDefaults(app);
  serveOpenApi(app, service);
  await listenService(app, config.port, process.env.HOST ?? '127.0.0.1');
  app.get(Logger).log(`${service} listening on http://${process.env.HOST ?? '127.0.0.1'}:${config.port}`);
  return app;
}
