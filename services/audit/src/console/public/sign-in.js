// Signing in at the person's organisation's identity provider: OpenID Connect's authorization
// code flow with PKCE (RFC 7636), as a public client (no secret in a page). The verifier and
// state wait in sessionStorage while the browser is at the provider.
import { session } from './api.client.js';

const FLOW = 'forewarn.console.sign-in';
const redirectUri = () => `${location.origin}/console/`;

const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = (n) => b64url(crypto.getRandomValues(new Uint8Array(n)));

/** { issuer, clientId, audience }, or { issuer: null } where development tokens are pasted instead. */
export async function signInSettings() {
  const res = await fetch('/console/sign-in', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`GET /console/sign-in: HTTP ${res.status}`);
  return res.json();
}

async function discover(issuer) {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).catch(() => null);
  if (!res?.ok) throw new Error(`The identity provider ${issuer} does not answer; try again later`);
  return res.json();
}

/** Sends the browser to the provider's sign-in page. */
export async function beginSignIn(settings) {
  const provider = await discover(settings.issuer);
  const verifier = random(32);
  const state = random(16);
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(FLOW, JSON.stringify({ state, verifier }));
  const url = new URL(provider.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(),
    scope: 'openid profile api',
    resource: settings.audience,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Back from the provider (?code or ?error): the tokens, kept in this tab's session. False if not a return. */
export async function completeSignIn(settings) {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  // The code is for one use: off the address bar and the history at once.
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  const flow = JSON.parse(sessionStorage.getItem(FLOW) ?? 'null');
  sessionStorage.removeItem(FLOW);
  if (params.has('error')) throw new Error(`The identity provider did not sign you in: ${params.get('error_description') ?? params.get('error')}`);
  if (!flow || flow.state !== params.get('state')) throw new Error('This sign-in answer is not for a request of this tab; sign in again');
  const provider = await discover(settings.issuer);
  const res = await fetch(provider.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(), client_id: settings.clientId, code_verifier: flow.verifier, resource: settings.audience }),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok || !body.access_token) throw new Error(`The identity provider refused the sign-in: ${body.error_description ?? body.error ?? `HTTP ${res.status}`}`);
  session.signIn(body.access_token, body.id_token);
  return true;
}

/** Ends the session at the provider too, which sends the browser back to the console. */
export async function endSession(settings, idToken) {
  const provider = await discover(settings.issuer);
  if (!provider.end_session_endpoint) return false;
  const url = new URL(provider.end_session_endpoint);
  url.search = new URLSearchParams({ client_id: settings.clientId, post_logout_redirect_uri: redirectUri(), ...(idToken ? { id_token_hint: idToken } : {}) }).toString();
  location.assign(url.toString());
  return true;
}
