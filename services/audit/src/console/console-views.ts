import type { Role } from '@forewarn/platform';

/** The console's pages. Which one a person sees follows from their roles, never from the page. */
export type ConsoleView = 'pipeline' | 'deadlines' | 'dead-letters' | 'cases';

/**
 * Operators keep the pipeline running and must not read threat details; auditors read cases,
 * read-only. Both watch deadlines. The server enforces the same split with @RequireRoles.
 */
export const ViewRoles: Record<ConsoleView, Role[]> = {
  pipeline: ['operator', 'auditor'],
  deadlines: ['operator', 'auditor'],
  'dead-letters': ['operator'],
  cases: ['auditor'],
};

const order: ConsoleView[] = ['pipeline', 'cases', 'deadlines', 'dead-letters'];

export function viewsFor(roles: readonly Role[]): ConsoleView[] {
  return order.filter((view) => ViewRoles[view].some((role) => roles.includes(role)));
}
