import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Limits } from '@forewarn/contracts';
import { DeliveryStates, type DeliveryState } from '../domain/delivery';

export class AcknowledgeDeliveryDto {
  @ApiPropertyOptional({ maxLength: Limits.longText }) @IsOptional() @IsString() @MaxLength(Limits.longText) note?: string;
}

export class WorklistQueryDto {
  @ApiPropertyOptional({ enum: DeliveryStates }) @IsOptional() @IsIn([...DeliveryStates]) state?: DeliveryState;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
