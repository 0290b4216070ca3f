import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Credibilities, Limits, type Credibility } from '@forewarn/contracts';

/** Body of POST /v1/cases/:caseId/assessment. */
export class RecordAssessmentDto {
  @ApiProperty({ enum: Credibilities }) @IsIn([...Credibilities]) credibility!: Credibility;
  @ApiProperty() @IsBoolean() specific!: boolean;
  @ApiProperty({ maxLength: Limits.longText }) @IsString() @MaxLength(Limits.longText) notes!: string;
}

export const CaseStates = ['NEEDS_ANALYST', 'DUTY', 'NO_DUTY'] as const;

/** Query of GET /v1/cases: the analysts' worklist by default. */
export class ListCasesQuery {
  @ApiPropertyOptional({ enum: CaseStates, default: 'NEEDS_ANALYST' }) @IsOptional() @IsIn([...CaseStates]) state: (typeof CaseStates)[number] = 'NEEDS_ANALYST';
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}
