import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { withDatabase } from '@forewarn/database';
import { HealthModule } from './health.module';
import type { ReadinessCheck } from './readiness-check';

/** Stands in for the Kafka check a service provides through DI; its state is what the test flips. */
@Injectable()
class BrokerCheck implements ReadinessCheck {
  readonly name = 'kafka';
  reachable = true;
  async check(): Promise<void> {
    if (!this.reachable) throw new Error('broker 127.0.0.1:9092 unreachable');
  }
}

@Module({ providers: [BrokerCheck], exports: [BrokerCheck] })
class BrokerModule {}

@Module({
  imports: [
    // The real PostgreSQL: readiness must prove the database answers, not that a mock does. Its
    // own `postgres` database, which every server has: this test needs no provisioned one.
    TypeOrmModule.forRoot({ type: 'postgres', url: withDatabase(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432', 'postgres'), retryAttempts: 0 }),
    AuthModule,
    HealthModule.register({
      imports: [BrokerModule],
      inject: [BrokerCheck],
      checks: [{ name: 'partner-gateway', check: async () => undefined }],
    }),
  ],
})
class HealthTestModule {}

describe('HealthModule', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(HealthTestModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());
  afterEach(() => {
    app.get(BrokerCheck).reachable = true;
  });

  it('is ready, without a token, when Postgres and every check answer', async () => {
    const response = await fetch(`${url}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, kafka: { status: 'up' }, 'partner-gateway': { status: 'up' } },
    });
  });

  it('is not ready (503) when a check fails, naming it and why, and /health says the same', async () => {
    app.get(BrokerCheck).reachable = false;
    for (const path of ['/health/ready', '/health']) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: 'error',
        error: { kafka: { status: 'down', message: 'broker 127.0.0.1:9092 unreachable' } },
        info: { database: { status: 'up' } },
      });
    }
  });

  it('stays live while a dependency is down, so the process is not restarted for it', async () => {
    app.get(BrokerCheck).reachable = false;
    const response = await fetch(`${url}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});
