import { createHash } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { Topics, unstorableText, type DeadLetter } from '@forewarn/contracts';
import type { Logger } from '../logger';
import { eventingMetrics } from '../metrics';
import { backoffDelay, errorMessage, sleep } from '../retry';

/** What a consumer knows of a record it could not handle: the letter is made from it here. */
export type DeadLetterInput = Pick<DeadLetter, 'reason' | 'errors' | 'originalTopic' | 'partition' | 'offset' | 'consumer' | 'attempts'> & {
  recordId: string;
  key: Buffer | null;
  value: Buffer | null;
};

/** Which consumer failed which record: never equal for two records (record-identity.ts). */
export const deadLetterIdOf = (l: Pick<DeadLetterInput, 'consumer' | 'recordId'>) => `${l.consumer}@${l.recordId}`;

/**
 * A letter's record stays under this many bytes, and so does one produce request's worth of
 * letters: the broker's default maximum record batch is 1 MiB, and a chunk's letters (or one
 * letter for a message near that size) must never make a request it refuses.
 */
export const MAX_LETTER_BYTES = 900_000;
/** How much of a value too large to carry is kept, for the operator's preview. */
const PREVIEW_BYTES = 16_384;
const MAX_ERRORS = 50;
const MAX_ERROR_CHARS = 1_000;
const MAX_KEY_BYTES = 1_024;

/** The bytes as UTF-8 text when they are exactly that and storable; otherwise base64. */
function carry(bytes: Buffer): Pick<DeadLetter, 'payload' | 'payloadEncoding'> {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) && unstorableText(text).length === 0
    ? { payload: text, payloadEncoding: 'utf8' }
    : { payload: bytes.toString('base64'), payloadEncoding: 'base64' };
}

/** The first `n` bytes, cut back to a character boundary so a UTF-8 text stays text. */
function head(bytes: Buffer, n: number): Buffer {
  if (bytes.length <= n) return bytes;
  let end = n;
  while (end > 0 && end > n - 4 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function boundedErrors(errors: string[]): string[] {
  const kept = errors.slice(0, MAX_ERRORS).map((e) => (e.length > MAX_ERROR_CHARS ? `${e.slice(0, MAX_ERROR_CHARS)}…` : e));
  return errors.length > MAX_ERRORS ? [...kept, `… and ${errors.length - MAX_ERRORS} more errors`] : kept;
}

/**
 * The letter for a record, at most `maxBytes` serialized: a value that would not fit is cut to
 * a preview, its size, digest and offset still saying exactly which record it was.
 */
export function deadLetterOf(input: DeadLetterInput, failedAt: string, maxBytes = MAX_LETTER_BYTES): DeadLetter {
  const value = input.value ?? Buffer.alloc(0);
  const keyBytes = input.key;
  const keyText = keyBytes?.toString('utf8') ?? null;
  const keyKept = keyBytes !== null && keyText !== null && keyBytes.length <= MAX_KEY_BYTES && unstorableText(keyText).length === 0 && Buffer.from(keyText).equals(keyBytes);
  const errors = boundedErrors(keyBytes !== null && !keyKept ? [...input.errors, `key of ${keyBytes.length} bytes not kept: too long or not storable text`] : input.errors);
  const { key: _key, value: _value, ...rest } = input;
  const whole: DeadLetter = {
    ...rest,
    deadLetterId: deadLetterIdOf(input),
    failedAt,
    errors,
    key: keyKept ? keyText : null,
    ...carry(value),
    payloadBytes: value.length,
    payloadSha256: createHash('sha256').update(value).digest('hex'),
  };
  if (Buffer.byteLength(JSON.stringify(whole)) <= maxBytes) return whole;
  // JSON escaping can grow a value up to six times: keep a preview that surely fits.
  const preview = head(value, Math.max(0, Math.min(PREVIEW_BYTES, Math.floor(maxBytes / 8) - 4_096)));
  return { ...whole, ...carry(preview), payloadTruncated: true };
}

/** Letters grouped so that no produce request carries more than `maxBytes`. */
function requests(letters: DeadLetter[], maxBytes: number): { letter: DeadLetter; value: string }[][] {
  const groups: { letter: DeadLetter; value: string }[][] = [];
  let size = Infinity;
  for (const letter of letters) {
    const value = JSON.stringify(letter);
    const bytes = Buffer.byteLength(value);
    if (size + bytes > maxBytes) {
      groups.push([]);
      size = 0;
    }
    groups[groups.length - 1].push({ letter, value });
    size += bytes;
  }
  return groups;
}

const tooLarge = (err: unknown) => /MESSAGE_TOO_LARGE|RECORD_LIST_TOO_LARGE|larger than the maximum/i.test(`${(err as { type?: string })?.type ?? ''} ${errorMessage(err)}`);

export interface DeadLetterDelivery {
  logger: Logger;
  /** False once the partition is no longer this member's: stop trying, leave the offset uncommitted. */
  stillOwned: () => boolean;
  heartbeat: () => Promise<void>;
}

/**
 * Publishes to the dead-letter topic, keyed like the original so a case's letters stay
 * together, in requests the broker accepts whatever the letters' sizes. Awaited before the
 * offset commits: a letter is never lost, at worst repeated (same deadLetterId) after a crash.
 * A failure is retried with backoff for as long as the partition is this member's (a broker
 * refusing a size shrinks the letters further), never thrown: the consumer does not crash and
 * re-read the chunk, it waits here. Returns false when it gave up because the partition moved.
 */
export async function publishDeadLetters(producer: Producer, inputs: DeadLetterInput[], delivery: DeadLetterDelivery): Promise<boolean> {
  if (inputs.length === 0) return true;
  const failedAt = new Date().toISOString();
  let maxBytes = MAX_LETTER_BYTES;
  let pending = inputs;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const letters = pending.map((input) => deadLetterOf(input, failedAt, maxBytes));
    let sent = 0;
    try {
      for (const group of requests(letters, maxBytes)) {
        await producer.send({
          topic: Topics.deadLetters,
          acks: -1,
          messages: group.map(({ letter, value }) => ({ key: letter.key, value, headers: { reason: letter.reason, 'original-topic': letter.originalTopic } })),
        });
        for (const { letter } of group) eventingMetrics.deadLetters.inc({ consumer: letter.consumer, topic: letter.originalTopic, reason: letter.reason });
        sent += group.length;
      }
      return true;
    } catch (err) {
      pending = pending.slice(sent);
      // The broker's limit is lower than ours (a topic configured smaller): make the letters smaller.
      if (tooLarge(err)) maxBytes = Math.max(8_192, Math.floor(maxBytes / 4));
      eventingMetrics.deadLetterPublishFailures.inc({ consumer: inputs[0].consumer });
      delivery.logger.error({ err: errorMessage(err), consumer: inputs[0].consumer, letters: pending.length, attempt }, 'could not publish dead letters; trying again');
      if (!delivery.stillOwned()) return false;
      await delivery.heartbeat();
      await sleep(backoffDelay(attempt, { initialMs: 200, maxMs: 10_000, maxAttempts: Infinity }));
      if (!delivery.stillOwned()) return false;
    }
  }
  return true;
}
