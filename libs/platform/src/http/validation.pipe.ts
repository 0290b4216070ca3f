import { BadRequestException, HttpException, ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { unstorableReason } from '@forewarn/contracts';

export interface FieldError {
  /** Path into the body, e.g. 'threat.type' or 'targets[0].name'; or the path or query parameter, e.g. 'caseId'. */
  field: string;
  messages: string[];
}

/** Every failing field, nested ones included, so a client fixes its request in one go. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const own = error.constraints ? [{ field: fieldPath(parent, error.property), messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], fieldPath(parent, error.property))];
  });
}

/** The one shape of a 400: `{ statusCode, error, message: 'Validation failed', errors: [{ field, messages }] }`. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'Validation failed', errors });
}

function fieldPath(parent: string, property: string): string {
  if (!parent) return property;
  return /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
}

/**
 * What the validators would not report, anywhere in a body, query or path parameter: text
 * PostgreSQL cannot store (unstorableReason), which would otherwise be a 500 from the database;
 * and property names Nest and class-transformer silently drop against prototype pollution
 * (__proto__, constructor, toString...), where any other unknown property is a 400. Walks
 * without recursion; bodies are at most 64 deep anyway (json-depth.ts).
 */
export function unsafeFields(value: unknown, root: string): FieldError[] {
  const found: FieldError[] = [];
  const stack: Array<{ value: unknown; field: string }> = [{ value, field: root }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: v, field } = next;
    if (typeof v === 'string') {
      const reason = unstorableReason(v);
      if (reason) found.push({ field, messages: [`${field} ${reason}`] });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        const keyReason = unstorableReason(key);
        if (keyReason) found.push({ field: field || 'body', messages: [`a property name in ${field || 'the body'} ${keyReason}`] });
        else if (key in Object.prototype || key === 'prototype') found.push({ field: fieldPath(field, key), messages: [`property ${key} should not exist`] });
        else stack.push({ value: child, field: fieldPath(field, key) });
      }
    }
  }
  return found.reverse();
}

/** Adds unsafeFields to Nest's ValidationPipe, for every body, query and path parameter. */
class ForewarnValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    // A DTO is an object; the validators would read a JSON array as an empty one.
    if (metadata.type === 'body' && metadata.data === undefined && Array.isArray(value) && isDto(metadata.metatype)) {
      throw validationFailed([{ field: 'body', messages: ['the body must be a JSON object, not an array'] }]);
    }
    const unsafe = unsafeFields(value, metadata.data ?? (typeof value === 'string' ? metadata.type : ''));
    if (unsafe.length === 0) return super.transform(value, metadata);
    // Both kinds of error in one answer, as for any other invalid request.
    const others = await super.transform(value, metadata).then(
      () => [],
      (error: unknown) => fieldErrorsOf(error),
    );
    throw validationFailed([...others, ...unsafe]);
  }
}

const isDto = (metatype: ArgumentMetadata['metatype']) => typeof metatype === 'function' && ![String, Number, Boolean, Array, Object].includes(metatype as never);

function fieldErrorsOf(error: unknown): FieldError[] {
  const body = error instanceof HttpException ? (error.getResponse() as { errors?: FieldError[] }) : undefined;
  if (Array.isArray(body?.errors)) return body.errors;
  throw error;
}

export function createValidationPipe(): ValidationPipe {
  return new ForewarnValidationPipe({
    whitelist: true,
    // An unknown field is more likely a client bug than something to drop silently.
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
