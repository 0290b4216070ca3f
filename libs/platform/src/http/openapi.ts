import { RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { NestFactory } from '@nestjs/core';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_PUBLIC_KEY } from '../auth/public.decorator';
import { REQUIRED_ROLES_KEY } from '../auth/roles.decorator';
import type { Role } from '../auth/roles';
import type { ServiceName } from '../config';

/** The path every service serves its own document at, without a token. */
export const OPENAPI_PATH = '/openapi.json';

/** The name of the security scheme in every document. */
const BEARER = 'bearer';

/** One failing field of a 400, as validation.pipe.ts reports it. */
export class FieldErrorBody {
  @ApiProperty({ description: "Path into the body ('threat.type', 'targets[0].name'), or the path or query parameter ('caseId'), or 'body' or 'path'.", example: 'threat.type' })
  field!: string;

  @ApiProperty({ type: [String], example: ['threat.type must be one of the following values: ...'] })
  messages!: string[];
}

/** Every error any service answers: http-exception.filter.ts and validation.pipe.ts. */
export class ErrorBody {
  @ApiProperty({ description: 'The HTTP status again.', example: 400 })
  statusCode!: number;

  @ApiProperty({ description: "The status's reason phrase.", example: 'Bad Request' })
  error!: string;

  @ApiProperty({ description: 'What went wrong, for a person to read.', example: 'Validation failed' })
  message!: string;

  @ApiPropertyOptional({ description: 'A domain error code, e.g. WAIVER.SELF_APPROVAL, for a program to act on.', example: 'WAIVER.REVIEW_NOT_OPEN' })
  code?: string;

  @ApiPropertyOptional({ description: 'On a 400: every bad field at once, so a client fixes its request in one go.', type: [FieldErrorBody] })
  errors?: FieldErrorBody[];
}

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } } };

/** The standard error answers, by status. */
const ERRORS: Record<number, ResponseObject> = {
  400: errorResponse('Validation failed: `errors` names every bad field (body, query or path parameter), each with its messages.'),
  401: errorResponse('No bearer token, or one that is not valid (expired, wrong issuer or audience, bad signature).'),
  403: errorResponse("The person lacks the route's roles (x-roles), or may not see or act on this case or record."),
  404: errorResponse('No such case or record, or none the person may see.'),
  409: errorResponse("The request conflicts with the record's current state (`code` says which rule)."),
  422: errorResponse('The request was well-formed, but a rule of the domain refused it (`code` says which).'),
  429: errorResponse('Too many requests from this person or address, or too many failed authentications from this address.', RETRY_AFTER),
  503: errorResponse('The database is unreachable for now; the request was fine, try again later.', RETRY_AFTER),
};

function errorResponse(description: string, headers?: ResponseObject['headers']): ResponseObject {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBody) } } } };
}

interface RouteAccess {
  isPublic: boolean;
  roles: Role[];
  /** The status of a success: @HttpCode's, else Nest's default (201 for POST, 200 otherwise). */
  status: number;
}

/**
 * The service's OpenAPI document, from its controllers: the swagger decorators on the DTOs and
 * routes, the bearer (OIDC JWT) scheme, each route's @RequireRoles as `x-roles` and in its
 * description, and the error answers every route can give. Works on a running app and on one
 * made by documentationApp().
 */
export function openApiDocument(app: INestApplication, service: ServiceName): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Forewarn ${service}`)
    .setDescription(
      `The HTTP API of the Forewarn ${service} service. Every route needs a bearer token (an OIDC access token from the identity ` +
        'provider, or a development token) unless it says otherwise; `x-roles` lists the roles of which the person needs at least one. ' +
        'Errors are `{ statusCode, error, message, code?, errors? }` (ErrorBody).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An OIDC access token (JWT) for this service.' }, BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller}_${method}`,
    extraModels: [ErrorBody, FieldErrorBody],
  });
  const access = routeAccess(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const) {
      const operation = item[method];
      if (operation) describeAccess(operation, path, access.get(operation.operationId ?? ''));
    }
  }
  return sorted(document) as OpenAPIObject;
}

function describeAccess(operation: OperationObject, path: string, access: RouteAccess | undefined): void {
  const isPublic = access?.isPublic ?? false;
  const roles = access?.roles ?? [];
  operation.security = isPublic ? [] : [{ [BEARER]: [] }];
  const who = isPublic ? 'Public: no token needed.' : roles.length ? `Roles: one of ${roles.join(', ')}.` : 'Any authenticated person.';
  operation.description = operation.description ? `${operation.description}\n\n${who}` : who;
  if (!isPublic) (operation as OperationObject & { 'x-roles': Role[] })['x-roles'] = roles;
  const responses = operation.responses;
  // An explicit error answer (@ApiResponse({ status: 409 })) makes the library leave out the success.
  if (access && !Object.keys(responses).some((status) => status.startsWith('2'))) responses[access.status] = { description: '' };
  const add = (status: number) => {
    const existing = responses[status] as ResponseObject | undefined;
    responses[status] = existing ? { ...ERRORS[status], ...existing, content: existing.content ?? ERRORS[status].content } : ERRORS[status];
  };
  // Explicit error answers (@ApiResponse({ status: 409, ... })) get the error body too.
  for (const status of Object.keys(responses).map(Number)) if (ERRORS[status]) add(status);
  if (isPublic) return;
  // The token is the security scheme's; a handler reading the header does not make it a parameter.
  operation.parameters = operation.parameters?.filter((p) => !('in' in p && p.in === 'header' && p.name.toLowerCase() === 'authorization'));
  if (operation.parameters?.some((p) => 'in' in p && (p.in === 'path' || p.in === 'query')) || operation.requestBody) add(400);
  add(401);
  if (roles.length > 0) add(403);
  if (path.includes('{')) add(404);
  add(429);
  add(503);
}

/** Public-ness and roles of every route, keyed like the operation ids: `<Controller>_<method>`. */
function routeAccess(app: INestApplication): Map<string, RouteAccess> {
  const access = new Map<string, RouteAccess>();
  const container = (app as unknown as { container: { getModules(): Map<string, { controllers: Map<unknown, { metatype: unknown }> }> } }).container;
  for (const module of container.getModules().values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || method === undefined) continue;
        // As the guards read it: the handler's own metadata first, then the controller's.
        const isPublic = Boolean(Reflect.getMetadata(IS_PUBLIC_KEY, handler) ?? Reflect.getMetadata(IS_PUBLIC_KEY, metatype));
        const roles = (Reflect.getMetadata(REQUIRED_ROLES_KEY, handler) ?? Reflect.getMetadata(REQUIRED_ROLES_KEY, metatype) ?? []) as Role[];
        const status = (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200);
        access.set(`${metatype.name}_${name}`, { isPublic, roles: [...roles], status });
      }
    }
  }
  return access;
}

/** Object keys in a stable order, so the committed documents diff cleanly. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

/**
 * A service's Nest app for documentation only: preview mode scans the modules and controllers
 * but instantiates nothing, so it needs no Kafka, no PostgreSQL and no listening port.
 */
export async function documentationApp(appModule: unknown): Promise<INestApplication> {
  return NestFactory.create(appModule as never, { preview: true, abortOnError: false, logger: false });
}

/** The document of a service's AppModule, without connecting to anything. */
export async function openApiDocumentOf(service: ServiceName, appModule: unknown): Promise<OpenAPIObject> {
  return openApiDocument(await documentationApp(appModule), service);
}

/**
 * Serves the service's document at GET /openapi.json, without a token (it holds no case data,
 * like /health and /metrics): a plain route on the HTTP adapter, outside the guards. Call before
 * the app listens; the document is built on first request.
 */
export function serveOpenApi(app: INestApplication, service: ServiceName): void {
  const adapter = app.getHttpAdapter();
  let body: string | undefined;
  adapter.get(OPENAPI_PATH, (_request: unknown, response: unknown) => {
    body ??= JSON.stringify(openApiDocument(app, service));
    adapter.setHeader(response, 'Content-Type', 'application/json; charset=utf-8');
    adapter.setHeader(response, 'Cache-Control', 'no-cache');
    adapter.reply(response, body, 200);
  });
}
