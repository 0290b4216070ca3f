import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Credibilities, Limits, ProtectorKinds, TargetKinds, ThreatTypes } from '@forewarn/contracts';
import type { Credibility, ProtectorKind, TargetKind, ThreatType } from '@forewarn/contracts';

// The HTTP body of POST /v1/threat-reports; mirrors the contract's JSON Schema, which the
// Kafka path uses, so both paths accept exactly the same reports.

const iso = { strict: true, strictSeparator: true };
const country = /^[A-Z]{2}$/;
// The OpenAPI document's view of the same rules (docs/openapi/intake.json).
const instant = { type: String, format: 'date-time' } as const;
const countryCode = { pattern: country.source, description: 'ISO 3166 alpha-2, in capitals', example: 'DE' } as const;
const shortText = { minLength: 1, maxLength: Limits.shortText } as const;
const longText = { minLength: 1, maxLength: Limits.longText } as const;
const shortTexts: ApiPropertyOptions = { type: 'array', maxItems: Limits.listItems, items: { type: 'string', minLength: 1, maxLength: Limits.shortText } };

class TimeWindowDto {
  @ApiProperty(instant) @IsISO8601(iso) earliest!: string;
  @ApiProperty(instant) @IsISO8601(iso) latest!: string;
}

class LocationDto {
  @ApiProperty(shortText) @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) description!: string;
  @ApiProperty(countryCode) @Matches(country, { message: 'countryCode must be an ISO 3166 alpha-2 code in capitals' }) countryCode!: string;
}

class ThreatDto {
  @ApiProperty({ enum: ThreatTypes }) @IsIn([...ThreatTypes]) type!: ThreatType;
  @ApiProperty(longText) @IsString() @IsNotEmpty() @MaxLength(Limits.longText) description!: string;
  @ApiProperty({ enum: Credibilities }) @IsIn([...Credibilities]) credibility!: Credibility;
  @ApiPropertyOptional({ type: () => TimeWindowDto }) @IsOptional() @ValidateNested() @Type(() => TimeWindowDto) window?: TimeWindowDto;
  @ApiPropertyOptional({ type: () => LocationDto }) @IsOptional() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
  @ApiPropertyOptional(longText) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(Limits.longText) perpetrators?: string;
}

class ProtectorDto {
  @ApiProperty(shortText) @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) name!: string;
  @ApiProperty({ enum: ProtectorKinds }) @IsIn([...ProtectorKinds]) kind!: ProtectorKind;
}

class TargetDto {
  @ApiProperty({ enum: TargetKinds }) @IsIn([...TargetKinds]) kind!: TargetKind;
  @ApiProperty(shortText) @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) description!: string;
  @ApiPropertyOptional(shortText) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) name?: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null when unknown' }) @ValidateIf((_, v) => v !== null) @IsBoolean({ message: 'usPerson must be true, false or null (unknown)' }) usPerson!: boolean | null;
  @ApiProperty(countryCode) @Matches(country, { message: 'countryCode must be an ISO 3166 alpha-2 code in capitals' }) countryCode!: string;
  @ApiPropertyOptional({ type: () => ProtectorDto }) @IsOptional() @ValidateNested() @Type(() => ProtectorDto) protector?: ProtectorDto;
}

class IndicatorsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimAlreadyAware?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() victimListedViolentActor?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() armedConflictParticipant?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() warningEndangersSources?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() noReasonableWayToWarn?: boolean;
}

class SensitiveDto {
  @ApiProperty(shortText) @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) classification!: string;
  @IsArray() @ArrayMaxSize(Limits.listItems) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(Limits.shortText, { each: true })
  @ApiProperty(shortTexts)
  sources!: string[];
  @IsArray() @ArrayMaxSize(Limits.listItems) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(Limits.shortText, { each: true })
  @ApiProperty(shortTexts)
  methods!: string[];
  @ApiPropertyOptional(longText) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(Limits.longText) collectionDetails?: string;
}

export class SubmitThreatReportDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', example: 'NCTC' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'sourceAgency must be 1-64 letters, digits, dots, dashes or underscores' })
  sourceAgency!: string;
  @ApiProperty({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$', example: 'NCTC-2025-0001' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { message: 'reportId must be 1-128 letters, digits, dots, colons, dashes or underscores' })
  reportId!: string;
  @ApiProperty(instant) @IsISO8601(iso) reportedAt!: string;
  @ApiProperty({ type: () => ThreatDto }) @IsObject() @ValidateNested() @Type(() => ThreatDto) threat!: ThreatDto;
  @ApiProperty({ type: () => TargetDto }) @IsObject() @ValidateNested() @Type(() => TargetDto) target!: TargetDto;
  @ApiPropertyOptional({ type: () => IndicatorsDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => IndicatorsDto) indicators?: IndicatorsDto;
  @ApiProperty(longText) @IsString() @IsNotEmpty() @MaxLength(Limits.longText) releasableSummary!: string;
  @ApiProperty({ type: () => SensitiveDto }) @IsObject() @ValidateNested() @Type(() => SensitiveDto) sensitive!: SensitiveDto;
}
