import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, lastValueFrom, of } from 'rxjs';
import { EventContext, NonRetriableError, type Consumed, type HandlerContext } from '@forewarn/eventing';
import { PolicyError } from '@forewarn/policy';
import { LogContext } from '../logging/log-context';
import { EventLogContextInterceptor } from './event-log-context.interceptor';
import { PolicyErrorFilter } from './policy-error.filter';

describe('PolicyErrorFilter', () => {
  const filter = new PolicyErrorFilter();
  const thrown = (err: unknown) => lastValueFrom(filter.catch(err)).then(() => undefined, (e: unknown) => e);

  it('Given a policy error, Then a non-retriable error with its code: the message is dead-lettered at once', async () => {
    const err = await thrown(new PolicyError('WAIVER.SELF_APPROVAL', 'the requester may not approve'));
    expect(err).toBeInstanceOf(NonRetriableError);
    expect(err).toMatchObject({ code: 'WAIVER.SELF_APPROVAL', message: 'WAIVER.SELF_APPROVAL: the requester may not approve', retriable: false });
  });

  it('Given any other error, Then that very error, for the inbox to retry or dead-letter', async () => {
    const original = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(await thrown(original)).toBe(original);
  });
});

describe('EventLogContextInterceptor', () => {
  const interceptor = new EventLogContextInterceptor();
  const rpc = (log: { caseId?: string; correlationId?: string }) =>
    ({ getType: () => 'rpc', switchToRpc: () => ({ getContext: () => new EventContext([[{} as Consumed<unknown>], {} as HandlerContext, log]) }) }) as unknown as ExecutionContext;
  const handlerSeeing: CallHandler = { handle: () => defer(() => of(LogContext.current())) };

  it("Given an event's case, Then every log line of its handling carries it", async () => {
    expect(await lastValueFrom(interceptor.intercept(rpc({ caseId: 'case-1', correlationId: 'corr-1' }), handlerSeeing))).toEqual({ caseId: 'case-1', correlationId: 'corr-1' });
  });

  it('Given an HTTP request, Then it leaves the request alone', async () => {
    const http = { getType: () => 'http' } as unknown as ExecutionContext;
    expect(await lastValueFrom(interceptor.intercept(http, handlerSeeing))).toBeUndefined();
  });
});
