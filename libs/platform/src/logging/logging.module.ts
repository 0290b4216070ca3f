import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerErrorInterceptor, LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CaseIdLogInterceptor } from './case-id-log.interceptor';
import { httpLogOptions } from './http-log-options';
import { LogContext } from './log-context';

export interface LoggingOptions {
  /** Where JSON lines go; stdout unless a test wants to read them. */
  destination?: DestinationStream;
  /** Overrides LOG_LEVEL (tests pin it). */
  level?: string;
}

@Module({})
export class LoggingModule implements NestModule {
  /** JSON logs for one service; in main.ts, `app.useLogger(app.get(Logger))` makes Nest's own lines JSON too. */
  static forService(service: string, options: LoggingOptions = {}): DynamicModule {
    const pinoHttp = { ...httpLogOptions(service), ...(options.level ? { level: options.level } : {}) };
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: options.destination ? [pinoHttp, options.destination] : pinoHttp })],
      providers: [
        // Puts a thrown error on the response so the request line logs its stack.
        { provide: APP_INTERCEPTOR, useClass: LoggerErrorInterceptor },
        { provide: APP_INTERCEPTOR, useClass: CaseIdLogInterceptor },
      ],
      exports: [LoggerModule],
    };
  }

  // Runs after nestjs-pino's (global) middleware has set req.id, so in-handler lines, and events
  // emitted while handling, share the request's correlationId.
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply((req: IncomingMessage, _res: ServerResponse, next: () => void) =>
        LogContext.run({ correlationId: String(req.id) }, next),
      )
      .forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
