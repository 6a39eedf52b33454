import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/contract/**/*.test.ts'],
    environment: 'node',
    allowOnly: !process.env.CI,
    // A few tests drive 100+ calls through the spec-checked desk servers (4 s alone on the 2-core
    // machine): the 5 s default failed one when other jobs loaded it (CI, 2026-12-06).
    testTimeout: 20_000,
  },
});
