import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class LedgerEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  LEDGER_PORT: number = 41004;

  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS: string = 'localhost:9092';

  @IsString()
  @IsNotEmpty({ message: 'DATABASE_URL must point at the ledger database (kt up starts an embedded one)' })
  DATABASE_URL: string = '';
}
