import { defineConfig } from 'vitest/config';

/** Unit and integration tests sit beside the code as `*.test.ts`; e2e specs are Playwright's. */
export const config = defineConfig({
  test: {
    include: ['{shared,electron,sandbox,renderer,scripts,lint-fixtures}/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
export default config;
