import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class ProberEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  PROBER_PORT: number = 41005;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({ message: 'KT_PACK must name the pack file whose targets are probed' })
  KT_PACK: string = '';
}
