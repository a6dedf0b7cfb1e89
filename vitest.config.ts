import { defineConfig } from 'vitest/config';

// Unit tests only: logic in happy-dom, the collector in plain Node (files that
// need Node say so with a `// @vitest-environment node` comment). Anything that
// needs a real browser lives in e2e/ and runs under Playwright.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,mjs}'],
    environment: 'happy-dom',
    restoreMocks: true,
  },
});
