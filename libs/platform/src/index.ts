// Auth: who is calling, and may they.
export { Roles, isRole, type Role } from './auth/roles';
export { personToActor, type Person } from './auth/person';
export { AuthModule } from './auth/auth.module';
export { JwtAuthGuard, type AuthenticatedRequest } from './auth/jwt-auth.guard';
export { Public, IS_PUBLIC_KEY } from './auth/public.decorator';
export { RequireRoles, REQUIRED_ROLES_KEY } from './auth/roles.decorator';
export { CurrentPerson } from './auth/current-person.decorator';
export { issueDevToken, type DevTokenRequest } from './auth/dev-token';
export { JWT_ISSUER, jwtModuleOptions, checkAuthenticationSettings, isDevelopmentMode, type TokenClaims } from './auth/jwt-options';
export { identityProviderOptions, DEFAULT_AUDIENCE, type IdentityProviderOptions } from './auth/identity-provider-options';
export { SkipRateLimits } from './auth/throttling';

// Logging: JSON lines with service, correlationId and caseId.
export { LoggingModule, type LoggingOptions } from './logging/logging.module';
export { LogContext, type LogFields } from './logging/log-context';
export { createLogger } from './logging/create-logger';
export { CORRELATION_HEADER } from './logging/http-log-options';

// Health and metrics.
export { HealthModule, type HealthOptions } from './health/health.module';
export type { ReadinessCheck } from './health/readiness-check';
export { MetricsModule } from './metrics/metrics.module';
export { MetricsRegistry } from './metrics/metrics-registry';

// HTTP defaults and domain error mapping.
export { applyHttpDefaults, type HttpDefaultsOptions } from './http/apply-http-defaults';
export { registerErrorStatus, statusForErrorCode, isDomainError, type CodedError } from './http/error-status';
export { flattenValidationErrors, type FieldError } from './http/validation.pipe';
export { UuidParam } from './http/uuid-param';

// Configuration.
export { loadConfig, databaseName, schemaOf, ServicePorts, type ServiceName, type PlatformConfig } from './config';

// One way to wire and start a service.
export { ServicePlatformModule, KAFKA_READINESS, type ServicePlatformOptions } from './service/service-platform.module';
export { bootstrapService } from './service/bootstrap-service';
export { migrateSchema, migrateService } from './service/service-migrations';
export { dutyOrganisations, seesCase, visibleSources, isOperatorOnly, type Caller } from './auth/need-to-know';

// Event handlers: @EventPattern methods of @EventHandlers() classes, on the event transport.
export { EventHandlers } from './events/event-handlers.decorator';
export { PolicyErrorFilter } from './events/policy-error.filter';
export { EventLogContextInterceptor } from './events/event-log-context.interceptor';
export { listenService } from './service/listen-service';

// OpenAPI documents of the services' HTTP APIs (docs/openapi/, npm run docs:openapi).
export { openApiDocument, openApiDocumentOf, documentationApp, serveOpenApi, OPENAPI_PATH, ErrorBody, FieldErrorBody } from './http/openapi';
