import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

const whole = (): PropertyDecorator => {
  const decorators = [Type(() => Number), IsInt(), Min(0), Max(Number.MAX_SAFE_INTEGER)];
  return (target, key) => decorators.forEach((d) => d(target, key));
};

export class InclusionQueryDto {
  @ApiProperty({ description: 'Leaf index of the event', minimum: 0 })
  @whole()
  index!: number;

  @ApiProperty({ description: 'Tree size (take it from a signed checkpoint)', minimum: 1 })
  @whole()
  size!: number;
}

export class ConsistencyQueryDto {
  @ApiProperty({ description: 'Size of the earlier tree (at least 1)', minimum: 1 })
  @whole()
  from!: number;

  @ApiProperty({ description: 'Size of the later tree', minimum: 1 })
  @whole()
  to!: number;
}

export class BundleQueryDto {
  @ApiPropertyOptional({ description: 'Size of a signed checkpoint to prove against; default: the latest' })
  @IsOptional()
  @whole()
  size?: number;

  @ApiPropertyOptional({
    description: 'Size of an earlier signed checkpoint: adds the consistency proof from it',
  })
  @IsOptional()
  @whole()
  from?: number;
}
