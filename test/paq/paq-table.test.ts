// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { END, START, paqSection, tableSection } from '../../scripts/paq-table.mjs';

const FIX = 'run `node scripts/paq-table.mjs --write` to regenerate it from src/paq/methods.ts';

describe("docs/paq.md's `_paq` methods table", () => {
  it('is the table src/paq/methods.ts generates', async () => {
    const doc = readFileSync(new URL('../../docs/paq.md', import.meta.url), 'utf8');
    const section: string | undefined = tableSection(doc);
    expect(section, `docs/paq.md has no section between ${START} and ${END}: add the markers, then ${FIX}`).toBeDefined();
    expect(section, `docs/paq.md's _paq methods table differs from the code: ${FIX}`).toBe(await paqSection());
  });

  it('finds the section between the markers, and nothing without them', () => {
    expect(tableSection(`a\n${START}\nrows\n${END}\nb`)).toBe('rows');
    expect(tableSection('no markers')).toBeUndefined();
    expect(tableSection(`${END} ${START}`)).toBeUndefined();
  });
});
