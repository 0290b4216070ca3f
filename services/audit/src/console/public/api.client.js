// The console's only way to the server: same origin, the bearer token from sessionStorage
// (gone when the tab closes), and a 401 that sends the person back to sign in.
const KEY = 'forewarn.console.token';
const ID_KEY = 'forewarn.console.id-token';
// Longer than the slowest endpoint (the pipeline view waits up to 4 s for Kafka), short enough
// that a request lost on the way cannot stall the page's refresh for good.
const TIMEOUT_MS = 30_000;

export const session = {
  token: () => sessionStorage.getItem(KEY),
  /** The provider's ID token: what ending the session at the provider names. */
  idToken: () => sessionStorage.getItem(ID_KEY),
  signIn: (token, idToken) => {
    sessionStorage.setItem(KEY, token.trim().replace(/^Bearer\s+/i, ''));
    if (idToken) sessionStorage.setItem(ID_KEY, idToken);
  },
  signOut: () => {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(ID_KEY);
  },
};

export class SignedOut extends Error {}

async function messageOf(res) {
  const body = await res.json().catch(() => null);
  return (body && (Array.isArray(body.message) ? body.message.join('; ') : body.message)) || `HTTP ${res.status}`;
}

export async function call(path, { method = 'GET', body } = {}) {
  const headers = { authorization: `Bearer ${session.token()}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) }).catch((error) => {
    throw new Error(`${method} ${path}: ${error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : error.message}`);
  });
  if (res.status === 401) {
    session.signOut();
    throw new SignedOut(await messageOf(res));
  }
  if (!res.ok) throw new Error(`${method} ${path}: ${await messageOf(res)}`);
  return res.json();
}

/** Fetches with the token and hands the browser the file, e.g. an evidence export. */
export async function download(path, filename) {
  const data = await call(path);
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
