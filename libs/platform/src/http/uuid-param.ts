import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { validationFailed } from './validation.pipe';

/**
 * A path parameter that must be a UUID (case, waiver request and delivery ids all are): anything
 * else is a 400 naming the parameter, before a handler or the database sees it. The OpenAPI
 * document (openapi.ts) shows it as a string of format uuid.
 */
export const UuidParam = (name: string): ParameterDecorator => {
  const param = Param(name, new ParseUUIDPipe({ exceptionFactory: () => validationFailed([{ field: name, messages: [`${name} must be a UUID`] }]) }));
  const documented = ApiParam({ name, type: String, format: 'uuid' });
  return (target, key, index) => {
    param(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (descriptor) documented(target, key as string | symbol, descriptor);
  };
};
