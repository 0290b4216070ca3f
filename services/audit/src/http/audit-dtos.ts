import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const STATUSES = [
  'UNKNOWN', 'RECEIVED', 'NEEDS_ANALYST', 'NO_DUTY', 'DUTY', 'UNDER_REVIEW', 'WAIVER_REQUESTED', 'WAIVER_DENIED', 'WAIVED',
  'ESCALATED', 'WARNING_AUTHORIZED', 'DELIVERY_PLANNED', 'WARNING_DISPATCHED', 'DELIVERY_FAILED', 'WARNED', 'ACKNOWLEDGED',
];

export class ListCasesQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  // A log position: a bigint in the database, and only exact in JavaScript up to 2^53 - 1.
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Cases logged before this log position.' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) before?: number;
}

export class StateQuery {
  /** A log position (integer) or an ISO 8601 instant. */
  @ApiPropertyOptional({ maxLength: 40, description: 'A log position (integer) or an ISO 8601 instant; default now.' })
  @IsOptional() @IsString() @MaxLength(40) asOf?: string;
}

export class HistoryQuery {
  @ApiPropertyOptional({ enum: ['log', 'occurred'] }) @IsOptional() @IsIn(['log', 'occurred']) order?: 'log' | 'occurred';
}

export class GapsQuery {
  @ApiPropertyOptional({ enum: ['open', 'resolved', 'all'] }) @IsOptional() @IsIn(['open', 'resolved', 'all']) status?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

// A reason of only spaces says nothing: a hold (and lifting one) must say why.
const NOT_BLANK = /\S/;
const notBlank = { message: '$property must not be blank' };
const reason = { minLength: 1, maxLength: 2000, pattern: NOT_BLANK.source } as const;

export class LegalHoldDto {
  @ApiProperty(reason) @IsString() @IsNotEmpty() @Matches(NOT_BLANK, notBlank) @MaxLength(2000) reason!: string;
}

export class LiftLegalHoldDto {
  @ApiPropertyOptional(reason) @IsOptional() @IsString() @IsNotEmpty() @Matches(NOT_BLANK, notBlank) @MaxLength(2000) reason?: string;
}

export class ListDeadLettersQuery {
  @ApiPropertyOptional({ enum: ['SCHEMA_INVALID', 'REJECTED', 'RETRIES_EXHAUSTED'] }) @IsOptional() @IsIn(['SCHEMA_INVALID', 'REJECTED', 'RETRIES_EXHAUSTED']) reason?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

/** A dead letter's id is `<consumer>@<record>`, not a UUID. */
/**
 * A case id as the log keys it: a case's UUID, or the key of a partner message that never became
 * a case (its dead letter and re-drives are logged under it), so not only UUIDs.
 */
export class CaseParams {
  @ApiProperty({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:@-]{0,255}$', description: "A case's UUID, or the key of a partner message that never became a case." })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,255}$/, { message: 'caseId must be 1-256 letters, digits, dots, colons, at signs, dashes or underscores' })
  caseId!: string;
}

export class DeadLetterParams {
  @ApiProperty({ minLength: 1, maxLength: 1024, description: 'A dead letter id: <consumer>@<record>.' }) @IsString() @IsNotEmpty() @MaxLength(1024) id!: string;
}

export class RedriveDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) note?: string;
}
