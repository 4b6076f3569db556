import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class ReportingEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  REPORTING_PORT: number = 41003;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({
    message: 'DATABASE_URL must point at the ledger database (read side) (kt up starts an embedded one)',
  })
  DATABASE_URL: string = '';
}
