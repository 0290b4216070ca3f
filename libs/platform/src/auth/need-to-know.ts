/** A person, or the actor (libs/contracts Actor) of a command they sent: who they act for and their roles. */
export interface Caller {
  organisation?: string;
  roles?: readonly string[];
}

/**
 * Whose cases a person sees (docs/security.md, "Who sees what"). The organisations that hold the
 * duty to warn for every report Forewarn receives (FOREWARN_DUTY_ORGANISATIONS, comma-separated;
 * NCTC in the demo) handle every case; the people of any other organisation handle only the
 * cases their organisation reported. Auditors oversee every case, read-only by their role, and
 * operators keep every case moving, seeing only its flow (isOperatorOnly).
 */
export function dutyOrganisations(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.FOREWARN_DUTY_ORGANISATIONS ?? 'NCTC')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * Whether `person` may see, and (if their role allows) act on, a case `sourceAgency` reported. A
 * case they may not see is answered as one that does not exist (404): whether a case exists is
 * itself something only those who may see it learn.
 */
export function seesCase(person: Caller, sourceAgency: string, duty: readonly string[] = dutyOrganisations()): boolean {
  const organisation = person.organisation ?? '';
  return seesAll(person, duty) || (organisation !== '' && organisation === sourceAgency);
}

/** The reporting agencies whose cases `person` sees; undefined for all of them. */
export function visibleSources(person: Caller, duty: readonly string[] = dutyOrganisations()): string[] | undefined {
  return seesAll(person, duty) ? undefined : [person.organisation ?? ''];
}

/** Auditors oversee, duty holders handle, every case; operators keep every case's flow moving (flow views only). */
function seesAll(person: Caller, duty: readonly string[]): boolean {
  return (person.roles ?? []).includes('auditor') || duty.includes(person.organisation ?? '') || isOperatorOnly(person);
}

/** Operators keep the flow running: they see states, times and counts, never threat content. */
export function isOperatorOnly(person: Caller): boolean {
  const roles = person.roles ?? [];
  return roles.includes('operator') && !roles.some((r) => r === 'analyst' || r === 'senior-reviewer' || r === 'legal-reviewer' || r === 'auditor');
}
