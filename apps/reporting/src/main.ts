import { bootstrapService, loadEnv } from '@kt/service';
import { ReportingEnv } from './reporting.env.js';
import { ReportingModule } from './reporting.module.js';

// The one place the reporting reads its environment; the logger also scrubs its secret values.
const raw = process.env;
const env = loadEnv(ReportingEnv, raw);
await bootstrapService(ReportingModule.forRoot(env, raw), {
  name: 'reporting',
  port: env.REPORTING_PORT,
  env: raw,
});
