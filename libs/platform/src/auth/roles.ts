/** Every role a Forewarn token may carry; a role not listed here grants nothing. */
export const Roles = [
  'agency-submitter',
  'analyst',
  'senior-reviewer',
  'legal-reviewer',
  'operator',
  'auditor',
] as const;

export type Role = (typeof Roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (Roles as readonly string[]).includes(value);
}
