import { bootstrapService, loadEnv } from '@kt/service';
import { ReportingEnv } from './reporting.env.js';
import { ReportingModule } from './reporting.module.js';

const env = loadEnv(ReportingEnv, process.env);
await bootstrapService(ReportingModule.forRoot(env), {
  name: 'reporting',
  port: env.REPORTING_PORT,
  env: process.env,
});
