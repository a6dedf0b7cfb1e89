// Loads the app of the recipe the query names (e2e/recipes/apps/), which e2e/recipes.spec.ts serves.
const recipe = new URLSearchParams(location.search).get('recipe') || '';
if (/^[a-z-]+$/.test(recipe)) import('/e2e/recipes/apps/' + recipe + '.ts');
