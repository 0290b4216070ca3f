import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The prevHash of the first entry ever written: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one log entry's hash covers (issue 4 section 1). */
export interface HashedFields {
  position: number;
  eventId: string;
  caseSeq: number;
  /** The envelope's canonical JSON (RFC 8785), exactly as stored. */
  envelopeText: string;
  prevHash: string;
}

/** The envelope in RFC 8785 form: the bytes that are stored and hashed, so a replay hashes the same. */
export function canonicalEnvelope(envelope: unknown): string {
  const text = canonicalize(envelope);
  if (text === undefined) throw new Error('an envelope must be a JSON value');
  return text;
}

/**
 * SHA-256 over canonicalize({ caseSeq, envelope, eventId, position, prevHash }). The object is
 * spelled out in RFC 8785 key order around the already-canonical envelope text rather than
 * re-canonicalised: identical bytes (a spec proves it) without re-serialising a million envelopes.
 */
export function entryHash(f: HashedFields): string {
  const input =
    `{"caseSeq":${f.caseSeq},"envelope":${f.envelopeText},"eventId":${JSON.stringify(f.eventId)}` +
    `,"position":${f.position},"prevHash":${JSON.stringify(f.prevHash)}}`;
  return createHash('sha256').update(input).digest('hex');
}
