import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Limits } from '@forewarn/contracts';

// Which codes exist, and whether a justification is blank, is the policy's to say (it answers
// 422 with a WAIVER.* code); the DTOs only bound the shape and size.

export class RequestWaiverDto {
  @ApiProperty({ type: 'array', maxItems: Limits.listItems, items: { type: 'string', maxLength: 64 }, description: 'The waiver codes the policy defines.' })
  @IsArray() @ArrayMaxSize(Limits.listItems) @IsString({ each: true }) @MaxLength(64, { each: true }) codes!: string[];
  @ApiProperty({ maxLength: Limits.longText }) @IsString() @MaxLength(Limits.longText) justification!: string;
}

export class LegalConcurrenceDto {
  @ApiProperty() @IsBoolean() concurs!: boolean;
  @ApiProperty({ maxLength: Limits.longText }) @IsString() @MaxLength(Limits.longText) note!: string;
}

export class WaiverDecisionDto {
  @ApiProperty({ enum: ['APPROVE', 'DENY'] }) @IsIn(['APPROVE', 'DENY']) decision!: 'APPROVE' | 'DENY';
  @ApiProperty({ maxLength: Limits.longText }) @IsString() @MaxLength(Limits.longText) note!: string;
}

// A full instant with a zone, as the policy's rules read time; a bare date would be ambiguous.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const instantMessage = { message: 'asOf must be an ISO 8601 instant with a time zone, e.g. 2025-06-01T12:00:00Z' };
const asOf = { type: String, format: 'date-time', pattern: INSTANT.source, description: 'An instant with a time zone; default now.' } as const;

export class EscalationsDto {
  @ApiPropertyOptional(asOf) @IsOptional() @IsISO8601({ strict: true }) @Matches(INSTANT, instantMessage) asOf?: string;
}

export const ReviewStates = ['PENDING', 'OPEN', 'WARNING_AUTHORIZED', 'WAIVED'] as const;

export class ListReviewsQuery {
  @ApiPropertyOptional({ enum: ReviewStates, default: 'OPEN' }) @IsOptional() @IsIn([...ReviewStates]) state: (typeof ReviewStates)[number] = 'OPEN';
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}

export class OverdueQuery {
  @ApiPropertyOptional(asOf) @IsOptional() @IsISO8601({ strict: true }) @Matches(INSTANT, instantMessage) asOf?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}

/** Normalised to UTC so SQL comparisons and the event's note read the same instant. */
export const toInstant = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());
