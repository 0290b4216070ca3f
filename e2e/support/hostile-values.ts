import fc from 'fast-check';
import type { Kind, ParamKind } from './hostile-endpoints';

// Values each kind of field or parameter must refuse: every one of them is wrong, whatever else
// the request carries.

/** Text PostgreSQL cannot store: a NUL or an unpaired surrogate somewhere in it. */
const unstorable = fc.oneof(
  fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\udc00\ud800', 'a\u0000'), fc.string({ maxLength: 12 })).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 24 }).map((s) => `${s}\u0000`),
);
const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.string(), { minKeys: 1, maxKeys: 3 }));

export function invalidValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind.t) {
    case 'text':
      return fc.oneof(unstorable, notString);
    case 'enum':
      return fc.oneof(unstorable, fc.string().filter((s) => !kind.values.includes(s)), fc.integer());
    case 'bool':
      return fc.oneof(unstorable, fc.constantFrom('true', 'false', '1', 'yes'), fc.integer(), fc.array(fc.boolean(), { minLength: 1 }));
    case 'instant':
      return fc.oneof(unstorable, fc.constantFrom('yesterday', '2025-02-30T25:00:00Z', '2025-13-01T00:00:00Z', 'T'), fc.integer(), fc.boolean());
    case 'code':
      return fc.oneof(unstorable, fc.constantFrom('has space', '', 'a/b', '-lead', 'ÄÖ'), fc.integer());
    case 'list':
      return fc.oneof(unstorable, fc.integer(), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }), fc.array(unstorable, { minLength: 1, maxLength: 2 }));
    case 'object':
      return fc.oneof(unstorable, fc.integer(), fc.boolean(), fc.string());
    default:
      throw new Error(`no body values for ${kind.t}`);
  }
}

/** Percent-encodes every byte that is not unreserved, as a client would. */
export const encode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Already-encoded query values a query parameter must refuse. */
export function invalidQueryValue(kind: Kind): fc.Arbitrary<string> {
  const nul = fc.constantFrom('%00', 'a%00', '%00%00');
  switch (kind.t) {
    case 'enum':
      return fc.oneof(nul, fc.string().filter((s) => !kind.values.includes(s)).map(encode));
    case 'int': {
      const tooBig = kind.max < Number.MAX_SAFE_INTEGER ? fc.integer({ min: kind.max + 1 }) : fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n });
      return fc.oneof(nul, fc.constantFrom('', 'abc', '1.5', '0', '-1', '99999999999999999999999', '1e400', 'NaN', 'Infinity', '%zz', '0.0001'), tooBig.map(String), fc.string({ maxLength: 8 }).map((s) => encode(`${s}z`)));
    }
    case 'instant':
      return fc.oneof(nul, fc.constantFrom('', 'yesterday', '2025-06-01', '2025-02-30T25:00:00Z'), fc.string({ maxLength: 12 }).map((s) => encode(`${s}z`)));
    case 'asOf':
      return fc.oneof(nul, fc.constantFrom('last-tuesday', 'x'.repeat(41), '-1', '1.5', '1234567890123456'), fc.string({ minLength: 1, maxLength: 12 }).map((s) => encode(`${s}z`)));
    default:
      throw new Error(`no query values for ${kind.t}`);
  }
}

/** Already-encoded path segments a parameter must refuse. */
export function invalidParam(kind: ParamKind): fc.Arbitrary<string> {
  const anyKind = fc.oneof(
    fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%C0%80', '%zz', '%', '%E2%82', '..%2F..%2Fetc', 'a%2Fb'),
    unstorable.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\u0000'))),
  );
  const uuid = fc.uuid();
  if (kind === 'uuid') {
    return fc.oneof(anyKind, uuid.map((u) => `${u}%00`), uuid.map((u) => `%00${u}`), uuid.map((u) => u.replace(/-/g, '')), uuid.map((u) => `{${u}}`), uuid.map((u) => `${u.slice(0, -1)}g`), fc.constant('x'.repeat(3000)), fc.string({ minLength: 1, maxLength: 40 }).map((s) => encode(`${s}z`)));
  }
  if (kind === 'letter-id') return fc.oneof(anyKind, fc.constant('x'.repeat(1025)));
  if (kind === 'log-case-id') return fc.oneof(anyKind, fc.constant('x'.repeat(257)));
  return anyKind;
}
