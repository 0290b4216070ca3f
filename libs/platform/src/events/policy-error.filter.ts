import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { NonRetriableError } from '@forewarn/eventing';
import { isPolicyError } from '@forewarn/policy';

/**
 * The one rule for errors of event handlers: a rule that refuses its input refuses it on every
 * retry, so a PolicyError dead-letters the message at once, with its code and reason. Anything
 * else goes back to the inbox unchanged, which retries what may pass later (the database, a
 * lock) and dead-letters what cannot (retry.ts).
 */
@Catch()
export class PolicyErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    if (isPolicyError(exception)) return throwError(() => new NonRetriableError(`${exception.code}: ${exception.message}`, exception.code));
    return throwError(() => exception);
  }
}
