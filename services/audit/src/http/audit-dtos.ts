import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const STATUSES = [
  'UNKNOWN', 'RECEIVED', 'NEEDS_ANALYST', 'NO_DUTY', 'DUTY', 'UNDER_REVIEW', 'WAIVER_REQUESTED', 'WAIVER_DENIED', 'WAIVED',
  'ESCALATED', 'WARNING_AUTHORIZED', 'DELIVERY_PLANNED', 'WARNING_DISPATCHED', 'DELIVERY_FAILED', 'WARNED', 'ACKNOWLEDGED',
];

export class ListCasesQuery {
  @IsOptional() @IsIn(STATUSES) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  // A log position: a bigint in the database, and only exact in JavaScript up to 2^53 - 1.
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) before?: number;
}

export class StateQuery {
  /** A log position (integer) or an ISO 8601 instant. */
  @IsOptional() @IsString() @MaxLength(40) asOf?: string;
}

export class HistoryQuery {
  @IsOptional() @IsIn(['log', 'occurred']) order?: 'log' | 'occurred';
}

export class GapsQuery {
  @IsOptional() @IsIn(['open', 'resolved', 'all']) status?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

// A reason of only spaces says nothing: a hold (and lifting one) must say why.
const NOT_BLANK = /\S/;
const notBlank = { message: '$property must not be blank' };

export class LegalHoldDto {
  @IsString() @IsNotEmpty() @Matches(NOT_BLANK, notBlank) @MaxLength(2000) reason!: string;
}

export class LiftLegalHoldDto {
  @IsOptional() @IsString() @IsNotEmpty() @Matches(NOT_BLANK, notBlank) @MaxLength(2000) reason?: string;
}

export class ListDeadLettersQuery {
  @IsOptional() @IsIn(['SCHEMA_INVALID', 'REJECTED', 'RETRIES_EXHAUSTED']) reason?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** A dead letter's id is `<consumer>@<record>`, not a UUID. */
/**
 * A case id as the log keys it: a case's UUID, or the key of a partner message that never became
 * a case (its dead letter and re-drives are logged under it), so not only UUIDs.
 */
export class CaseParams {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,255}$/, { message: 'caseId must be 1-256 letters, digits, dots, colons, at signs, dashes or underscores' })
  caseId!: string;
}

export class DeadLetterParams {
  @IsString() @IsNotEmpty() @MaxLength(1024) id!: string;
}

export class RedriveDto {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) note?: string;
}
