import { parseJson, unstorableText, type DeadLetter, type Validation } from '@forewarn/contracts';
import type { RawRecord } from '@forewarn/eventing';

/** A dead letter as the inbox publishes it: checked field by field, since the topic takes any producer's letters. */
export function decodeDeadLetter(message: RawRecord): Validation<{ id: string; type: string; value: DeadLetter }> {
  const parsed = parseJson(message.value?.toString('utf8') ?? '');
  if (!parsed.ok) return parsed;
  const v = parsed.value as Partial<DeadLetter>;
  const missing = (['deadLetterId', 'reason', 'originalTopic', 'payload', 'consumer', 'failedAt'] as const).filter((k) => typeof v?.[k] !== 'string');
  if (missing.length > 0) return { ok: false, errors: [`not a dead letter: ${missing.join(', ')} missing or not text`] };
  if (v.payloadEncoding !== undefined && v.payloadEncoding !== 'utf8' && v.payloadEncoding !== 'base64') return { ok: false, errors: ['not a dead letter: payloadEncoding is neither utf8 nor base64'] };
  const unstorable = unstorableText(v);
  if (unstorable.length > 0) return { ok: false, errors: unstorable };
  // A letter from before record identities has none: its id was its record's identity then.
  return { ok: true, value: { id: v.deadLetterId!, type: 'DeadLetter', value: { ...(v as DeadLetter), recordId: v.recordId ?? v.deadLetterId! } } };
}
