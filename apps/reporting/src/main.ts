import { bootstrapService, loadEnv } from '@kt/service';
import { ReportingEnv } from './reporting.env.js';
import { ReportingModule } from './reporting.module.js';

const env = loadEnv(ReportingEnv);
await bootstrapService(ReportingModule.forRoot(env), { name: 'reporting', port: env.REPORTING_PORT });
