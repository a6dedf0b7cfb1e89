import { defineConfig } from 'vitest/config';

// Unit tests only: logic in happy-dom, the collector in plain Node (files that
// need Node say so with a `// @vitest-environment node` comment). Anything that
// needs a real browser lives in e2e/ and runs under Playwright.
//
// The tracker's tests run twice, once per build flavour (`__DEBUG__`, see
// src/debug.d.ts): as production ships it, and as the debug build. Both must
// do exactly the same; only the words of the warnings differ, and tests
// compare them through test/warnings.ts.
const TRACKER_TESTS = 'test/{context,core,features,paq}/**/*.test.ts';

export default defineConfig({
  test: {
    environment: 'happy-dom',
    restoreMocks: true,
    projects: [
      {
        extends: true,
        define: { __DEBUG__: 'false' },
        test: { name: 'production', include: ['test/**/*.test.{ts,mjs}'] },
      },
      {
        extends: true,
        define: { __DEBUG__: 'true' },
        test: { name: 'debug', include: [TRACKER_TESTS] },
      },
    ],
  },
});
