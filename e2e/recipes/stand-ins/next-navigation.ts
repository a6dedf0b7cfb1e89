// Stand-in for 'next/navigation' (see README.md here): usePathname and
// useSearchParams, and the App Router's push and replace.
//
// Modelled as React Router above: the URL changes, then the app renders the
// new route; the route's metadata title is in the document after the render.
import { current, navigate } from './history-router';

export type ReadonlyURLSearchParams = Omit<URLSearchParams, 'append' | 'delete' | 'set' | 'sort'>;

export function usePathname(): string {
  return current.pathname;
}

export function useSearchParams(): ReadonlyURLSearchParams {
  return new URLSearchParams(current.search);
}

/** Test side: what useRouter().push and .replace do. */
export const router = {
  push: (href: string) => navigate(href),
  replace: (href: string) => navigate(href, { replace: true }),
};
