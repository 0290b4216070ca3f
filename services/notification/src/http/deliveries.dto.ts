import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Limits } from '@forewarn/contracts';
import { DeliveryStates, type DeliveryState } from '../domain/delivery';

export class AcknowledgeDeliveryDto {
  @IsOptional() @IsString() @MaxLength(Limits.longText) note?: string;
}

export class WorklistQueryDto {
  @IsOptional() @IsIn([...DeliveryStates]) state?: DeliveryState;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}
