export const READINESS_CHECKS = Symbol('forewarn:readiness-checks');
export const HEALTH_DATABASE_CHECK = Symbol('forewarn:health-database-check');
