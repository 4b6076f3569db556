import { bootstrapService, loadEnv } from '@kt/service';
import { LedgerEnv } from './ledger.env.js';
import { LedgerModule } from './ledger.module.js';

// The one place the ledger reads its environment; the logger also scrubs its secret values.
const raw = process.env;
const env = loadEnv(LedgerEnv, raw);
await bootstrapService(LedgerModule.forRoot(env, raw), {
  name: 'ledger',
  port: env.LEDGER_PORT,
  host: env.LEDGER_HOST,
  env: raw,
});
