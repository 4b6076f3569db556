import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';

export class GatewayEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  GATEWAY_PORT: number = 41002;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({ message: 'KT_PACK must name the pack file to serve' })
  KT_PACK: string = '';

  @IsOptional()
  @IsString()
  KT_API_KEYS?: string;
}
