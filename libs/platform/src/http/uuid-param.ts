import { Param, ParseUUIDPipe } from '@nestjs/common';
import { validationFailed } from './validation.pipe';

/**
 * A path parameter that must be a UUID (case, waiver request and delivery ids all are): anything
 * else is a 400 naming the parameter, before a handler or the database sees it.
 */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ field: name, messages: [`${name} must be a UUID`] }]) }));
