import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { LogContext } from './log-context';

/** Route params are only known after routing, so the caseId joins the request's LogContext here. */
@Injectable()
export class CaseIdLogInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const caseId = context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params?.caseId;
      if (typeof caseId === 'string') LogContext.assign({ caseId });
    }
    return next.handle();
  }
}
