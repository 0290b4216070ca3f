import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Credibilities, Limits, type Credibility } from '@forewarn/contracts';

/** Body of POST /v1/cases/:caseId/assessment. */
export class RecordAssessmentDto {
  @IsIn([...Credibilities]) credibility!: Credibility;
  @IsBoolean() specific!: boolean;
  @IsString() @MaxLength(Limits.longText) notes!: string;
}

export const CaseStates = ['NEEDS_ANALYST', 'DUTY', 'NO_DUTY'] as const;

/** Query of GET /v1/cases: the analysts' worklist by default. */
export class ListCasesQuery {
  @IsOptional() @IsIn([...CaseStates]) state: (typeof CaseStates)[number] = 'NEEDS_ANALYST';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 100;
}
