// docs/paq.md's TypeScript snippet for `_paq`, compiled by
// the tarball e2e against the packed package (e2e/package-consumer.ts). Not
// in the repository's own typecheck (tsconfig.json excludes it): its
// `declare global` would type `window._paq` for every file there.
import type { Paq } from 'matomo-lite';

declare global {
  interface Window {
    _paq: Paq;
  }
}

window._paq = window._paq || [];
window._paq.push(['trackEvent', 'Video', 'Play', 'Intro']);
window._paq.push(['setCustomDimension', 1, 'member'], ['trackPageView']);
// @ts-expect-error a typo in a method name is a compile error
window._paq.push(['trackEvnt', 'Video', 'Play']);
