import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EventCatalogue, isForewarnEventType } from './catalogue';
import type { EventEnvelope } from './envelope';
import type { ForewarnEvent } from './events';
import { envelopeSchema } from './schemas/envelope.schema';
import { eventDataSchemas } from './schemas/event-data.schemas';
import { partnerAcknowledgementSchema, partnerCaseStatusSchema, partnerWarningSchema } from './schemas/partner-messages.schema';
import { threatReportSubmissionSchema } from './schemas/threat-report.schema';
import { upcast } from './upcasters';
import type { ThreatReportSubmission } from './threat-report';
import type { PartnerAcknowledgement, PartnerCaseStatus, PartnerWarningMessage } from './partner-messages';

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

const envelopeValidator = ajv.compile(envelopeSchema);
const dataValidators = new Map<string, ValidateFunction>(
  Object.entries(eventDataSchemas).map(([type, schema]) => [type, ajv.compile(schema)]),
);

/** Ajv errors as one readable line each: `/threat/type: must be equal to one of the allowed values`. */
export function describeErrors(errors: ErrorObject[] | null | undefined, prefix = ''): string[] {
  return (errors ?? []).map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
        : e.keyword === 'enum'
          ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})`
          : '';
    const path = `${prefix}${e.instancePath}` || '/';
    return `${path}: ${e.message ?? 'is invalid'}${extra}`;
  });
}

// In unicode mode a surrogate pair is one code point, so this matches only an unpaired half.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Text that passes a JSON Schema but that PostgreSQL cannot store: a NUL character (text and jsonb
 * refuse it) or an unpaired UTF-16 surrogate (jsonb refuses it; as text it would silently become
 * U+FFFD). Named by path, never by content, in keys as well as values. Such a message is invalid
 * at once: retrying it can only fail the same way.
 */
export function unstorableText(value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    return reason ? [`${path || '/'}: ${reason}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableText(v, `${path}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    unstorableText(key).length > 0
      ? [`${path || '/'}: a property name contains a NUL character or an unpaired surrogate, which cannot be stored`]
      : unstorableText(v, `${path}/${key}`),
  );
}

/** Why PostgreSQL cannot store this text (see unstorableText), or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  return LONE_SURROGATE.test(text) ? 'contains an unpaired UTF-16 surrogate, which is not valid Unicode' : undefined;
}

function checker<T>(schema: object): (value: unknown) => Validation<T> {
  const validate = ajv.compile(schema);
  return (value) => {
    const errors = [...(validate(value) ? [] : describeErrors(validate.errors)), ...unstorableText(value)];
    return errors.length === 0 ? { ok: true, value: value as T } : { ok: false, errors };
  };
}

export const validateThreatReportSubmission = checker<ThreatReportSubmission>(threatReportSubmissionSchema);
export const validatePartnerWarning = checker<PartnerWarningMessage>(partnerWarningSchema);
export const validatePartnerAcknowledgement = checker<PartnerAcknowledgement>(partnerAcknowledgementSchema);
export const validatePartnerCaseStatus = checker<PartnerCaseStatus>(partnerCaseStatusSchema);

/**
 * Reads an event off the wire: checks the envelope, upcasts an older schemaVersion to the
 * current one, then checks `data` against the current schema. Used when consuming.
 */
export function readEvent(raw: unknown): Validation<ForewarnEvent> {
  if (!envelopeValidator(raw)) return { ok: false, errors: describeErrors(envelopeValidator.errors, 'envelope') };
  const env = raw as EventEnvelope;
  if (!isForewarnEventType(env.type)) return { ok: false, errors: [`envelope/type: unknown event type ${env.type}`] };
  const current = EventCatalogue[env.type].schemaVersion;
  if (env.schemaVersion > current) {
    return { ok: false, errors: [`envelope/schemaVersion: ${env.type} v${env.schemaVersion} is newer than this reader (v${current})`] };
  }
  let data = env.data as Record<string, unknown>;
  if (env.schemaVersion < current) {
    try {
      data = upcast(env.type, env.schemaVersion, current, data);
    } catch (err) {
      return { ok: false, errors: [`envelope/schemaVersion: ${(err as Error).message}`] };
    }
  }
  const validate = dataValidators.get(env.type)!;
  if (!validate(data)) return { ok: false, errors: describeErrors(validate.errors, 'data') };
  return { ok: true, value: { ...env, schemaVersion: current, data } as unknown as ForewarnEvent };
}

/** Checks an event before it is published: it must already be at the current schema version. */
export function checkEventForPublish(event: EventEnvelope): Validation<ForewarnEvent> {
  if (isForewarnEventType(event.type) && event.schemaVersion !== EventCatalogue[event.type].schemaVersion) {
    return { ok: false, errors: [`envelope/schemaVersion: publish ${event.type} at v${EventCatalogue[event.type].schemaVersion}`] };
  }
  return readEvent(event);
}
