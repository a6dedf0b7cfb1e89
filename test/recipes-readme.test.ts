// @vitest-environment node
// README's SPA recipes are the files e2e/recipes.spec.ts runs and tsc checks:
// each file is in README verbatim, in a ts block, so neither can drift.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const recipes = readdirSync(new URL('e2e/recipes/', root)).filter((name) => name.endsWith('.ts'));

describe("README's single-page app recipes", () => {
  it('are the files of e2e/recipes/, each shown whole', () => {
    expect(recipes.sort()).toEqual(['angular-router.ts', 'any-router.ts', 'matomo.ts', 'next-app-router.ts', 'react-router.ts', 'vue-router.ts']);
    for (const name of recipes) {
      const code = readFileSync(new URL('e2e/recipes/' + name, root), 'utf8');
      expect(readme.includes('```ts\n' + code + '```\n'), `README.md lacks e2e/recipes/${name} as it is: copy the file into its block`).toBe(true);
    }
  });
});
