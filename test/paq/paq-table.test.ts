// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { END, START, paqSection, readmeSection } from '../../scripts/paq-table.mjs';

const FIX = 'run `node scripts/paq-table.mjs --write` to regenerate it from src/paq/methods.ts';

describe("README's `_paq` methods table", () => {
  it('is the table src/paq/methods.ts generates', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section: string | undefined = readmeSection(readme);
    expect(section, `README.md has no section between ${START} and ${END}: add the markers, then ${FIX}`).toBeDefined();
    expect(section, `README.md's _paq methods table differs from the code: ${FIX}`).toBe(await paqSection());
  });

  it('finds the section between the markers, and nothing without them', () => {
    expect(readmeSection(`a\n${START}\nrows\n${END}\nb`)).toBe('rows');
    expect(readmeSection('no markers')).toBeUndefined();
    expect(readmeSection(`${END} ${START}`)).toBeUndefined();
  });
});
