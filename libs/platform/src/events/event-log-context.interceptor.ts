import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { EventContext } from '@forewarn/eventing';
import { LogContext } from '../logging/log-context';

/** Every log line written while an event is handled carries its caseId and correlationId. */
@Injectable()
export class EventLogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const { caseId, correlationId } = context.switchToRpc().getContext<EventContext>().logContext;
    // The handler runs when the stream is subscribed to: subscribe inside the run.
    return new Observable((subscriber) => LogContext.run({ caseId, correlationId }, () => next.handle().subscribe(subscriber)));
  }
}
