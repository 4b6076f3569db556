// Loads the TypeScript sources directly through SWC (decorator metadata and the @kt/* path
// aliases of tsconfig.json included), so `npx kt` and every service run right after `npm ci`.
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
process.env.SWC_NODE_PROJECT ??= fileURLToPath(new URL('tsconfig.json', root));
register('@swc-node/register/esm', root);
