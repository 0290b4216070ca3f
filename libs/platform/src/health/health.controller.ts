import { Controller, Get, Inject } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { SkipRateLimits } from '../auth/throttling';
import { HEALTH_DATABASE_CHECK, READINESS_CHECKS } from './health.constants';
import { toHealthIndicator, type ReadinessCheck } from './readiness-check';

/** Liveness says "restart me?"; readiness says "send me traffic?". Neither needs a token. */
@Public()
@SkipRateLimits()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly typeOrm: TypeOrmHealthIndicator,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(HEALTH_DATABASE_CHECK) private readonly database: boolean,
  ) {}

  // No dependency checks: a down database must not get a healthy process restarted.
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check(this.readinessIndicators());
  }

  /** Older probes and the compose file point at /health. */
  @Get()
  @HealthCheck()
  readyAlias(): Promise<HealthCheckResult> {
    return this.ready();
  }

  private readinessIndicators(): HealthIndicatorFunction[] {
    const database: HealthIndicatorFunction[] = this.database
      ? [() => this.typeOrm.pingCheck('database', { timeout: 1500 })]
      : [];
    return [...database, ...this.checks.map((check) => toHealthIndicator(check, this.indicators))];
  }
}
