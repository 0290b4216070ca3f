import { isDevelopmentMode } from './development-mode';

/**
 * The identity provider whose tokens the services believe: the organisation's OpenID Connect
 * provider. Which claims carry the person's organisation, roles and name differs between
 * providers (Keycloak puts roles under `realm_access.roles`, Entra ID under `roles`), so it is
 * configuration; a dotted name reaches into an object.
 */
export interface IdentityProviderOptions {
  issuer: string;
  audience: string;
  claims: { organisation: string; roles: string; name: string };
  /** Asymmetric algorithms only: a provider's public key cannot sign. */
  algorithms: string[];
}

export const DEFAULT_AUDIENCE = 'urn:forewarn:api';
const ALGORITHMS = ['RS256', 'ES256', 'EdDSA'];

/**
 * From FOREWARN_OIDC_ISSUER (required outside development mode), FOREWARN_OIDC_AUDIENCE and
 * FOREWARN_OIDC_{ORG,ROLES,NAME}_CLAIM; undefined in development mode without an issuer (then
 * only the development tokens are accepted). Errors name the variable.
 */
export function identityProviderOptions(env: NodeJS.ProcessEnv = process.env): IdentityProviderOptions | undefined {
  const issuer = env.FOREWARN_OIDC_ISSUER?.trim();
  if (!issuer) {
    if (isDevelopmentMode(env)) return undefined;
    throw new Error('FOREWARN_OIDC_ISSUER is not set: outside development mode the services believe only tokens signed by the organisation\'s identity provider; give its issuer URL');
  }
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new Error(`FOREWARN_OIDC_ISSUER=${issuer} is not a URL`);
  }
  // Its keys are fetched from it: over the network only through TLS.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`FOREWARN_OIDC_ISSUER=${issuer} must be an https URL (plain http only on this machine's loopback)`);
  }
  return {
    issuer,
    audience: env.FOREWARN_OIDC_AUDIENCE?.trim() || DEFAULT_AUDIENCE,
    claims: {
      organisation: env.FOREWARN_OIDC_ORG_CLAIM?.trim() || 'org',
      roles: env.FOREWARN_OIDC_ROLES_CLAIM?.trim() || 'roles',
      name: env.FOREWARN_OIDC_NAME_CLAIM?.trim() || 'name',
    },
    algorithms: ALGORITHMS,
  };
}
