import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { JwtAuthGuard } from './jwt-auth.guard';
import { TokenVerifier } from './token-verifier';
import { AuthFailureLimiter, RateLimitGuard, THROTTLE_SETTINGS, throttlerOptions, throttleSettings, type ThrottleSettings } from './throttling';

/**
 * Import once in a service's AppModule: the guards then cover every route of the app, in this
 * order: who is calling (JwtAuthGuard), then how often (RateLimitGuard, per person and address).
 * Services verify tokens (TokenVerifier), they never mint them.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({ useFactory: () => throttlerOptions(throttleSettings()) }),
  ],
  providers: [
    TokenVerifier,
    { provide: THROTTLE_SETTINGS, useFactory: (): ThrottleSettings => throttleSettings() },
    AuthFailureLimiter,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class AuthModule {}
