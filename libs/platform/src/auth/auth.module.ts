import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { jwtModuleOptions } from './jwt-options';
import { JwtAuthGuard } from './jwt-auth.guard';

/**
 * Import once in a service's AppModule: the guard then covers every route of the app.
 * JwtService is deliberately not exported: services verify tokens, they never mint them.
 */
@Global()
@Module({
  imports: [JwtModule.registerAsync({ useFactory: jwtModuleOptions })],
  providers: [{ provide: APP_GUARD, useClass: JwtAuthGuard }],
})
export class AuthModule {}
