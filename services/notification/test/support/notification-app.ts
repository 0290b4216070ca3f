import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { applyHttpDefaults, issueDevToken, listenService, migrateService, type Role } from '@forewarn/platform';
import { grantNamespace, registerDemoPartners } from '@forewarn/service-testing';
import { createTestDatabase, kafkaEnv, uniqueName, type TestDatabase } from '@forewarn/testing';
import { AppModule } from '../../src/app.module';
import { registerDeliveryErrorStatuses } from '../../src/http/error-statuses';
import { startServiceGroupsAtEnd } from './kafka-io';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are JSON read by assertions
type Json = any;

export interface NotificationApp {
  app: INestApplication;
  url: string;
  db: TestDatabase;
  dataSource: DataSource;
  /** Fetches the service's HTTP API with a dev token for `roles` (none: no token). */
  /** As a person of `init.org` (default NCTC, the duty holder) with `roles`. */
  api(path: string, roles?: Role[], init?: { method?: string; body?: unknown; person?: string; org?: string }): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/**
 * The service as main.ts builds it, on its own database and consumer-group prefix (set in the
 * environment BEFORE the module is created: the platform and the config read them then).
 */
export async function startNotificationApp(label: string, env: Record<string, string> = {}): Promise<NotificationApp> {
  const db = await createTestDatabase(`notification_${label}`);
  await registerDemoPartners(db);
  Object.assign(process.env, kafkaEnv('forewarn-notification'));
  process.env.FOREWARN_DATABASE = db.name;
  process.env.FOREWARN_GROUP_PREFIX = `${uniqueName(`test.notification.${label}`)}.`;
  await grantNamespace(process.env.FOREWARN_GROUP_PREFIX);
  await startServiceGroupsAtEnd(process.env.FOREWARN_GROUP_PREFIX);
  Object.assign(process.env, env);
  registerDeliveryErrorStatuses();
  await migrateService('notification');
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication();
  applyHttpDefaults(app);
  await listenService(app, 0);
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    db,
    dataSource: app.get(DataSource),
    api: (path, roles, init = {}) => callApi(url, path, roles, init),
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export async function callApi(
  url: string,
  path: string,
  roles: Role[] | undefined,
  init: { method?: string; body?: unknown; person?: string; org?: string } = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (roles) headers.authorization = `Bearer ${issueDevToken({ sub: init.person ?? 'alice', org: init.org ?? 'NCTC', roles })}`;
  const response = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
