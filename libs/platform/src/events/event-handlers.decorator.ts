import { applyDecorators, Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { EventLogContextInterceptor } from './event-log-context.interceptor';
import { PolicyErrorFilter } from './policy-error.filter';

/**
 * Marks a class of `@EventPattern` handlers (a controller of the event transport): each
 * handling's log lines carry its case, and policy errors dead-letter the message.
 */
export const EventHandlers = () => applyDecorators(Controller(), UseInterceptors(EventLogContextInterceptor), UseFilters(PolicyErrorFilter));
