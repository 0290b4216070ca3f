import fc from 'fast-check';
import type { Endpoint, ParamKind, Seeds } from './hostile-endpoints';
import { encode, invalidParam, invalidQueryValue, invalidValue } from './hostile-values';

/** A request as sent, and what the services must make of it. */
export interface HostileRequest {
  endpoint: Endpoint;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** A part the route reads is invalid, so it must be refused (4xx). */
  mustRefuse: boolean;
  /** What a 400 may name as wrong: fields, parameters, or 'body'. */
  expected: string[];
  /** What was done to it, for the report of a failure. */
  what: string[];
  /** The reportId an intake request carries, and the case a route's :caseId names. */
  reportId?: string;
  caseId?: string;
}

interface Draft {
  params: Record<string, string>;
  query: Array<[string, string]>;
  body?: Record<string, unknown>;
  raw?: string;
  headers: Record<string, string>;
}

interface Mutation {
  what: string;
  expected: string[];
  refuses: boolean;
  /** False when an earlier mutation took away what this one changes. */
  apply(draft: Draft): boolean;
}

const segments = (path: string) => path.split('.').flatMap((part) => part.split(/\[(\d+)\]/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s)));

function setPath(body: Record<string, unknown> | undefined, path: string, value: unknown): boolean {
  const keys = segments(path);
  let node: unknown = body;
  for (const key of keys.slice(0, -1)) {
    node = (node as Record<string | number, unknown> | undefined)?.[key];
    if (node === null || typeof node !== 'object') return false;
  }
  if (node === null || typeof node !== 'object') return false;
  // defineProperty, so a key such as __proto__ is an own property that JSON.stringify sends.
  Object.defineProperty(node, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return true;
}

/** The list a list element belongs to is named too: class-validator reports `each` there. */
const namesFor = (path: string) => [path, path.replace(/\[\d+\]$/, '')];

function bodyMutations(endpoint: Endpoint): fc.Arbitrary<Mutation>[] {
  if (!endpoint.body) return [];
  const { fields, valid } = endpoint.body;
  const field = fc.constantFrom(...Object.keys(fields)).chain((path) =>
    invalidValue(fields[path]).map((value): Mutation => ({ what: `body ${path} = ${show(value)}`, expected: namesFor(path), refuses: true, apply: (d) => setPath(d.body, path, value) })),
  );
  const parents = ['', ...Object.keys(fields).filter((p) => fields[p].t === 'object')];
  const unknownKey = fc
    .tuple(fc.constantFrom(...parents), fc.oneof(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !/[.[]/.test(k)), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'a\u0000b', '\ud800')), fc.jsonValue({ maxDepth: 2 }))
    .filter(([parent, key]) => fields[parent ? `${parent}.${key}` : key] === undefined)
    .map(([parent, key, value]): Mutation => {
      const path = parent ? `${parent}.${key}` : key;
      return { what: `body unknown key ${show(path)}`, expected: [path, parent || 'body'], refuses: true, apply: (d) => setPath(d.body, path, value) };
    });
  const raw = fc.oneof(
    fc.tuple(fc.integer({ min: 65, max: 20_000 }), fc.constantFrom('[', '{"a":'), fc.boolean()).map(([depth, open, inField]) => {
      const close = open === '[' ? ']' : '}';
      const nest = `${open.repeat(depth)}1${close.repeat(depth)}`;
      return { what: `body nested ${depth} deep`, raw: inField ? `{"note":${nest}}` : nest };
    }),
    fc.integer({ min: 1, max: 200 }).map((n) => {
      const whole = JSON.stringify(valid());
      const cut = Math.min(n, whole.length - 1);
      return { what: `body cut after ${cut} characters`, raw: whole.slice(0, cut) };
    }),
    fc.constantFrom('42', '"text"', 'true', 'null', '""', '[]', '[1,2]', '[{}]').map((raw) => ({ what: `body ${raw}`, raw })),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter(notJson).map((raw) => ({ what: `body garbage ${show(raw)}`, raw })),
    fc.constant({ what: 'body of 70 kB', raw: JSON.stringify({ note: 'x'.repeat(70_000) }) }),
  );
  const whole = raw.map(({ what, raw: text }): Mutation => ({ what, expected: ['body'], refuses: true, apply: (d) => ((d.raw = text), true) }));
  return [field, field, unknownKey, whole];
}

function paramMutations(endpoint: Endpoint): fc.Arbitrary<Mutation>[] {
  const names = Object.keys(endpoint.params);
  if (names.length === 0) return [];
  return [
    fc.constantFrom(...names).chain((name) =>
      invalidParam(endpoint.params[name]).map((value): Mutation => ({
        what: `path ${name} = ${value.slice(0, 60)}`,
        // What cannot be percent-decoded never becomes a parameter: the path is named instead.
        expected: [decodes(value) ? name : 'path'],
        refuses: true,
        apply: (d) => ((d.params[name] = value), true),
      })),
    ),
  ];
}

function queryMutations(endpoint: Endpoint): fc.Arbitrary<Mutation>[] {
  const query = endpoint.query;
  const junk = fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }).map(encode), fc.constantFrom('%00', 'a%00', '%zz', '__proto__', 'constructor')), fc.oneof(fc.string({ maxLength: 10 }).map(encode), fc.constantFrom('%00', '%ED%A0%80')));
  if (!query) {
    // The route reads no query: whatever is in it is ignored, and must not break anything.
    return [junk.map(([key, value]): Mutation => ({ what: `ignored query ${key}=${value}`, expected: [], refuses: false, apply: (d) => (d.query.push([key, value]), true) }))];
  }
  const keys = Object.keys(query);
  const known = fc.constantFrom(...keys).chain((key) =>
    invalidQueryValue(query[key]).map((value): Mutation => ({ what: `query ${key}=${value.slice(0, 60)}`, expected: [key], refuses: true, apply: (d) => (d.query.push([key, value]), true) })),
  );
  const unknown = junk
    .filter(([key]) => !keys.includes(decodeURIComponentSafe(key)))
    .map(([key, value]): Mutation => ({ what: `query unknown ${key}=${value}`, expected: [decodeURIComponentSafe(key)], refuses: true, apply: (d) => (d.query.push([key, value]), true) }));
  // A repeated key arrives as an array, which no parameter here takes.
  const repeated = fc.constantFrom(...keys).map((key): Mutation => ({ what: `query ${key} twice`, expected: [key], refuses: true, apply: (d) => (d.query.push([key, '1'], [key, '2']), true) }));
  return [known, known, unknown, repeated];
}

/** Tokens that authenticate nobody: missing, malformed, tampered, unsigned, another scheme. */
function authMutation(token: string): fc.Arbitrary<Mutation> {
  const [head, payload] = token.split('.');
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  const tampered = `${head}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;
  return fc
    .constantFrom<string | null>(null, 'Bearer', 'Bearer x', `Bearer ${unsigned}`, `Bearer ${tampered}`, 'Basic dXNlcjpwYXNz', `Bearer ${token}x`)
    .map((authorization): Mutation => ({
      what: `authorization ${authorization === null ? 'missing' : authorization.slice(0, 20)}`,
      expected: [],
      refuses: true,
      apply: (d) => {
        if (authorization === null) delete d.headers.authorization;
        else d.headers.authorization = authorization;
        return true;
      },
    }));
}

/** A correlation id that is not an id: the services must ignore it (and make their own). */
const correlationMutation: fc.Arbitrary<Mutation> = fc
  .oneof(fc.constant('x'.repeat(4000)), fc.string({ maxLength: 30 }).map((s) => `${s} {"injected":true}<script>`), fc.constantFrom('', ' ', 'é'.repeat(200), 'a\tb'))
  .map((value): Mutation => ({ what: `x-correlation-id ${show(value.slice(0, 30))}`, expected: [], refuses: false, apply: (d) => ((d.headers['x-correlation-id'] = value), true) }));

export interface Sample {
  endpoint: Endpoint;
  params: Record<string, string>;
  mutations: Mutation[];
}

/** A request per sample: an endpoint, real or random ids, and one to three things wrong with it. */
export function sampleArbitrary(all: Endpoint[], seeds: Seeds, tokenOf: (endpoint: Endpoint) => string): fc.Arbitrary<Sample> {
  const cases = [seeds.warnedCase, seeds.reviewCase, seeds.analystCase];
  const base: Record<ParamKind | 'caseId' | 'requestId' | 'deliveryId', fc.Arbitrary<string>> = {
    uuid: fc.uuid(),
    caseId: fc.oneof(fc.constantFrom(...cases), fc.uuid()),
    requestId: fc.oneof(fc.constant(seeds.requestId), fc.uuid()),
    deliveryId: fc.oneof(fc.constant(seeds.deliveryId), fc.uuid()),
    'letter-id': fc.constantFrom('intake.partner-reports@forewarn.partner.NCTC.threat-reports.v1%2F0%2F1', 'nothing-here'),
    // A dead letter's message key is a log case id too.
    'log-case-id': fc.oneof(fc.constantFrom(...cases), fc.constant('MESSAGE-KEY-1')),
    asset: fc.constantFrom('console.app.js', 'missing.js'),
  };
  // Routes that read nothing from the request (probes, the console's views) can only be given
  // input they ignore; they get a few such requests each, and the rest go where input is read.
  const readsInput = (e: Endpoint) => Object.keys(e.params).length > 0 || e.query !== undefined || e.body !== undefined;
  const endpoint = fc.oneof(...all.map((e) => ({ arbitrary: fc.constant(e), weight: readsInput(e) ? 8 : 1 })));
  return endpoint.chain((endpoint) => {
    const params = fc.record(Object.fromEntries(Object.keys(endpoint.params).map((name) => [name, name in base ? base[name as keyof typeof base] : base[endpoint.params[name]]])));
    // A command always has something wrong with it, except intake's odd correlation id: the
    // only requests that may be taken are new reports, so nothing else may change.
    const queries = endpoint.method === 'GET' ? queryMutations(endpoint) : [];
    const choices = [...paramMutations(endpoint), ...queries, ...bodyMutations(endpoint), ...(endpoint.path === '/v1/threat-reports' ? [correlationMutation] : [])];
    const mutation = endpoint.public ? fc.oneof(...choices) : fc.oneof({ arbitrary: fc.oneof(...choices), weight: 19 }, { arbitrary: authMutation(tokenOf(endpoint)), weight: 1 });
    return fc.record({ endpoint: fc.constant(endpoint), params, mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
  });
}

/** Builds the request; `reportId` is unique per intake request unless a mutation changed it. */
export function build(sample: Sample, token: string, reportId: string): HostileRequest {
  const { endpoint } = sample;
  const body = endpoint.body?.valid();
  if (body && endpoint.service === 'intake') body.reportId = reportId;
  const draft: Draft = { params: { ...sample.params }, query: [], body, headers: { authorization: `Bearer ${token}` } };
  const applied = sample.mutations.filter((m) => m.apply(draft));
  const path = endpoint.path.replace(/:(\w+)/g, (_, name: string) => draft.params[name]) + (draft.query.length ? `?${draft.query.map(([k, v]) => `${k}=${v}`).join('&')}` : '');
  const sent = draft.raw ?? (draft.body ? JSON.stringify(draft.body) : undefined);
  if (sent !== undefined) draft.headers['content-type'] = 'application/json';
  return {
    endpoint,
    path,
    headers: draft.headers,
    body: sent,
    mustRefuse: applied.some((m) => m.refuses),
    expected: [...new Set(applied.flatMap((m) => m.expected))],
    what: applied.map((m) => m.what),
    reportId: endpoint.service === 'intake' && typeof draft.body?.reportId === 'string' ? draft.body.reportId : undefined,
    caseId: endpoint.params.caseId ? safeDecode(draft.params.caseId) : undefined,
  };
}

/** The fields, parameters or 'body' a 400 names: its `errors`, or its message. */
export function namedIn(body: unknown): { fields: string[]; message: string } {
  const b = (body ?? {}) as { errors?: Array<{ field?: string } | string>; message?: unknown };
  const fields = (b.errors ?? []).map((e) => (typeof e === 'string' ? pointerField(e) : String(e.field)));
  return { fields, message: typeof b.message === 'string' ? b.message : JSON.stringify(b.message ?? '') };
}

/** Whether a 400 names what was wrong: one of `expected`, and nothing unrelated to it. */
export function namesWhatWasWrong(body: unknown, expected: string[]): boolean {
  const { fields, message } = namedIn(body);
  const related = (named: string) => named === 'body' || expected.some((e) => named === e || within(named, e) || within(e, named));
  const namesOne = fields.some((f) => expected.includes(f) || expected.some((e) => within(f, e) || within(e, f))) || expected.some((e) => e !== 'body' && message.includes(e));
  return (namesOne || (expected.includes('body') && fields.includes('body'))) && fields.every(related);
}

const within = (inner: string, outer: string) => inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
/** '/threat/window/0: must ...' (the contract's errors) as 'threat.window[0]'. */
const pointerField = (error: string) => error.split(':')[0].split('/').filter(Boolean).map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
const show = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);
function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}
function decodes(s: string): boolean {
  try {
    decodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}
function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
const safeDecode = decodeURIComponentSafe;
