import { bootstrapService, loadEnv } from '@kt/service';
import { ProberEnv } from './prober.env.js';
import { ProberModule } from './prober.module.js';

const env = loadEnv(ProberEnv);
await bootstrapService(ProberModule.forRoot(env), { name: 'prober', port: env.PROBER_PORT });
