import { createHash, randomBytes } from 'node:crypto';
import { API_SCOPE, CLI_CLIENT_ID, CLI_REDIRECT_URI } from './dev-identity-provider';

export interface SignedIn {
  accessToken: string;
  idToken: string;
  expiresIn: number;
}

/**
 * Signs `login` in at a development identity provider the way a browser would (authorization
 * code with PKCE, through its sign-in page) and returns the tokens: what `./forewarn token` and
 * the tests use to get a person's token from the provider rather than minting one.
 */
export async function signInAs(issuer: string, login: string, resource: string): Promise<SignedIn> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: CLI_CLIENT_ID,
    response_type: 'code',
    redirect_uri: CLI_REDIRECT_URI,
    scope: `openid profile ${API_SCOPE}`,
    resource,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const cookies = new Map<string, string>();
  const step = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  };
  // Follow the provider's redirects, submitting its sign-in form once, until it sends us back.
  let url = authorize.toString();
  let signedIn = false;
  for (let hops = 0; hops < 10; hops++) {
    const res = await step(url);
    const location = res.headers.get('location');
    if (location?.startsWith(CLI_REDIRECT_URI)) {
      const back = new URL(location);
      if (back.searchParams.get('state') !== state) throw new Error('sign-in: the provider answered another request (state mismatch)');
      const code = back.searchParams.get('code');
      if (!code) throw new Error(`sign-in of ${login} refused: ${back.searchParams.get('error_description') ?? back.searchParams.get('error')}`);
      const token = await fetch(discovery.token_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CLI_REDIRECT_URI, client_id: CLI_CLIENT_ID, code_verifier: verifier, resource }),
      });
      const body = (await token.json()) as { access_token?: string; id_token?: string; expires_in?: number; error_description?: string };
      if (!token.ok || !body.access_token) throw new Error(`sign-in of ${login}: the token endpoint said ${token.status} ${body.error_description ?? ''}`);
      return { accessToken: body.access_token, idToken: body.id_token ?? '', expiresIn: body.expires_in ?? 0 };
    }
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    // The sign-in page: post the person's login to its form (development interactions).
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (signedIn || !action || !page.includes('name="login"')) {
      // The provider's error page names the error; say it rather than the page.
      const said = /error_description<\/strong>: ([^<]*)/.exec(page)?.[1] ?? `HTTP ${res.status}`;
      throw new Error(`sign-in of ${login} refused by ${issuer}: ${said}`);
    }
    signedIn = true;
    const submitted = await step(new URL(action, url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'development' }).toString(),
    });
    const next = submitted.headers.get('location');
    if (!next) throw new Error(`sign-in of ${login}: the sign-in form answered ${submitted.status}`);
    url = new URL(next, url).toString();
  }
  throw new Error(`sign-in of ${login}: too many redirects`);
}
