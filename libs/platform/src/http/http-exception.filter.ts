import { Catch, HttpException, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';
import { isDatabaseUnavailable } from '@forewarn/database';
import { isDomainError, statusForErrorCode } from './error-status';
import type { FieldError } from './validation.pipe';

/** Seconds a client is told to wait while the database is unreachable (the readiness probe's pace). */
const RETRY_AFTER_SECONDS = 5;

/** The shape of body-parser (http-errors) failures that are safe to show the client. */
interface ExposedHttpError extends Error {
  status: number;
  expose: true;
  type?: string;
  length?: number;
  limit?: number;
}

/**
 * Domain errors and body-parser rejections become clear JSON; an unreachable database is a 503
 * with Retry-After (the request was fine, the service is degraded); everything else gets Nest's
 * defaults.
 */
@Catch()
export class HttpExceptionFilter extends BaseExceptionFilter {
  constructor(private readonly server: HttpServer) {
    super(server);
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return super.catch(exception, host);
    const response = host.switchToHttp().getResponse();
    if (isDomainError(exception)) {
      const status = statusForErrorCode(exception.code);
      return this.send(response, status, { code: exception.code, message: exception.message });
    }
    // Nest 12's Express adapter wraps body-parser's errors in an HttpException (the original is its cause).
    const raw = exception instanceof HttpException && exception.cause !== undefined ? exception.cause : exception;
    if (isExposedHttpError(raw)) {
      const message = clientMessage(raw);
      // A body that is not JSON, or nests too deep, has one thing wrong with it: the body.
      return this.send(response, raw.status, raw.status === 400 ? { message, errors: [{ field: 'body', messages: [message] }] } : { message });
    }
    if (raw instanceof URIError && (raw as URIError & { status?: number }).status === 400) {
      // The router could not percent-decode a part of the path, so it never learnt which
      // parameter that part was: the path is what is wrong.
      const message = `The path is not valid percent-encoded UTF-8: ${raw.message.replace(/^Failed to decode param /, '')}`;
      return this.send(response, 400, { message: 'Validation failed', errors: [{ field: 'path', messages: [message] }] });
    }
    if (isDatabaseUnavailable(raw)) {
      if (!this.server.isHeadersSent(response)) this.server.setHeader(response, 'Retry-After', String(RETRY_AFTER_SECONDS));
      return this.send(response, 503, { message: `The database is unreachable for now; try again in ${RETRY_AFTER_SECONDS} s` });
    }
    return super.catch(exception, host);
  }

  private send(response: unknown, statusCode: number, body: { code?: string; message: string; errors?: FieldError[] }): void {
    if (this.server.isHeadersSent(response)) return void this.server.end(response);
    this.server.reply(response, { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', ...body }, statusCode);
  }
}

function isExposedHttpError(error: unknown): error is ExposedHttpError {
  if (!(error instanceof Error)) return false;
  const { status, expose } = error as Partial<ExposedHttpError>;
  return expose === true && typeof status === 'number' && status >= 400 && status < 500;
}

function clientMessage(error: ExposedHttpError): string {
  if (error.type === 'entity.too.large') {
    return `Request body is too large: ${error.length ?? 'unknown'} bytes, the limit is ${error.limit} bytes`;
  }
  if (error.type === 'entity.parse.failed') return `Request body is not valid JSON: ${error.message}`;
  return error.message;
}
