import swc from 'unplugin-swc';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const libs = fileURLToPath(new URL('./libs/', import.meta.url));

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: [{ find: /^@kt\/([a-z-]+)$/, replacement: `${libs}$1/src/index.ts` }],
  },
  test: {
    setupFiles: ['reflect-metadata'],
    // The CLI falls back to a profile in the user's config directory (kt up writes one); tests never
    // read or write the real one, so a developer's own profile cannot change what they see.
    env: { KT_CONFIG_DIR: join(tmpdir(), `kt-test-config-${process.pid}`) },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'bench/**/*.spec.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
