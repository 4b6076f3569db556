import { bootstrapService, loadEnv } from '@kt/service';
import { LedgerEnv } from './ledger.env.js';
import { LedgerModule } from './ledger.module.js';

const env = loadEnv(LedgerEnv, process.env);
await bootstrapService(LedgerModule.forRoot(env), {
  name: 'ledger',
  port: env.LEDGER_PORT,
  host: env.LEDGER_HOST,
  env: process.env,
});
