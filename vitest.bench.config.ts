import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

// The TypeScript parts of `npm run bench` (desk test servers are TypeScript).
export default defineConfig({
  resolve: { alias: { '@': resolve(import.meta.dirname) } },
  test: { include: ['bench/**/*.bench.ts'], environment: 'node' },
});
