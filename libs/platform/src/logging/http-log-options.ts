import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { loggerOptions } from './logger-options';

export const CORRELATION_HEADER = 'x-correlation-id';

// A caller's id is reused only if it looks like an id, so a header cannot inject text into logs.
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBE_PATHS = /^\/(health|metrics)(\/|\?|$)/;

type RoutedRequest = IncomingMessage & { params?: Record<string, string | undefined> };

/** pino-http options: the request/response line carries correlationId, and caseId on /:caseId routes. */
export function httpLogOptions(service: string): Options {
  return {
    ...loggerOptions(service),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const header = req.headers[CORRELATION_HEADER];
      const id = typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
      res.setHeader(CORRELATION_HEADER, id);
      return id;
    },
    // Express sets req.params while routing, so they are known by the time the response line is written.
    customSuccessObject: (req: RoutedRequest, _res, line: object) => ({ ...line, ...requestFields(req) }),
    customErrorObject: (req: RoutedRequest, _res, _error, line: object) => ({ ...line, ...requestFields(req) }),
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      // Probes hit every few seconds; at info they would drown the case traffic.
      return PROBE_PATHS.test(req.url ?? '') ? 'debug' : 'info';
    },
  };
}

function requestFields(req: RoutedRequest): Record<string, string> {
  const caseId = req.params?.caseId;
  return { correlationId: String(req.id), ...(caseId ? { caseId } : {}) };
}
