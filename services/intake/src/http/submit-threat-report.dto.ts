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

class TimeWindowDto {
  @IsISO8601(iso) earliest!: string;
  @IsISO8601(iso) latest!: string;
}

class LocationDto {
  @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) description!: string;
  @Matches(country, { message: 'countryCode must be an ISO 3166 alpha-2 code in capitals' }) countryCode!: string;
}

class ThreatDto {
  @IsIn([...ThreatTypes]) type!: ThreatType;
  @IsString() @IsNotEmpty() @MaxLength(Limits.longText) description!: string;
  @IsIn([...Credibilities]) credibility!: Credibility;
  @IsOptional() @ValidateNested() @Type(() => TimeWindowDto) window?: TimeWindowDto;
  @IsOptional() @ValidateNested() @Type(() => LocationDto) location?: LocationDto;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(Limits.longText) perpetrators?: string;
}

class ProtectorDto {
  @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) name!: string;
  @IsIn([...ProtectorKinds]) kind!: ProtectorKind;
}

class TargetDto {
  @IsIn([...TargetKinds]) kind!: TargetKind;
  @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) description!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) name?: string;
  @ValidateIf((_, v) => v !== null) @IsBoolean({ message: 'usPerson must be true, false or null (unknown)' }) usPerson!: boolean | null;
  @Matches(country, { message: 'countryCode must be an ISO 3166 alpha-2 code in capitals' }) countryCode!: string;
  @IsOptional() @ValidateNested() @Type(() => ProtectorDto) protector?: ProtectorDto;
}

class IndicatorsDto {
  @IsOptional() @IsBoolean() victimAlreadyAware?: boolean;
  @IsOptional() @IsBoolean() victimListedViolentActor?: boolean;
  @IsOptional() @IsBoolean() armedConflictParticipant?: boolean;
  @IsOptional() @IsBoolean() warningEndangersSources?: boolean;
  @IsOptional() @IsBoolean() noReasonableWayToWarn?: boolean;
}

class SensitiveDto {
  @IsString() @IsNotEmpty() @MaxLength(Limits.shortText) classification!: string;
  @IsArray() @ArrayMaxSize(Limits.listItems) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(Limits.shortText, { each: true })
  sources!: string[];
  @IsArray() @ArrayMaxSize(Limits.listItems) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(Limits.shortText, { each: true })
  methods!: string[];
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(Limits.longText) collectionDetails?: string;
}

export class SubmitThreatReportDto {
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'sourceAgency must be 1-64 letters, digits, dots, dashes or underscores' })
  sourceAgency!: string;
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, { message: 'reportId must be 1-128 letters, digits, dots, colons, dashes or underscores' })
  reportId!: string;
  @IsISO8601(iso) reportedAt!: string;
  @IsObject() @ValidateNested() @Type(() => ThreatDto) threat!: ThreatDto;
  @IsObject() @ValidateNested() @Type(() => TargetDto) target!: TargetDto;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => IndicatorsDto) indicators?: IndicatorsDto;
  @IsString() @IsNotEmpty() @MaxLength(Limits.longText) releasableSummary!: string;
  @IsObject() @ValidateNested() @Type(() => SensitiveDto) sensitive!: SensitiveDto;
}
