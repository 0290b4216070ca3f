import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { applyHttpDefaults } from '../http/apply-http-defaults';
import { loadConfig, type ServiceName } from '../config';

/** Starts a service's Nest app: pino logger, HTTP defaults, its port; returns the app. */
export async function bootstrapService(service: ServiceName, appModule: unknown) {
  const config = loadConfig(service);
  const app = await NestFactory.create(appModule as never, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  applyHttpDefaults(app);
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  app.get(Logger).log(`${service} listening on http://${process.env.HOST ?? '127.0.0.1'}:${config.port}`);
  return app;
}
