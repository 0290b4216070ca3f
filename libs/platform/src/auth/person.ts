import type { Actor } from '@forewarn/contracts';
import type { Role } from './roles';

/** The authenticated caller of an HTTP request, taken from the verified token. */
export interface Person {
  id: string;
  organisation: string;
  roles: Role[];
  name?: string;
}

/** The envelope `actor` for events a person caused. */
export function personToActor(person: Person): Actor {
  return { kind: 'person', id: person.id, organisation: person.organisation, roles: [...person.roles] };
}
