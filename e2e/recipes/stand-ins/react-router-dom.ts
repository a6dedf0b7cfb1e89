// Stand-in for 'react-router-dom' (see README.md here): useLocation, and
// navigate() as useNavigate's function and <Navigate replace> use it.
//
// Modelled: a navigation pushes (or replaces) the URL first, then the app
// renders the new location; a <Navigate> redirect runs in the effect of the
// route that renders it, after that route rendered at its own location.
import { current, navigate, type RouterLocation } from './history-router';

export type Location = RouterLocation;

export function useLocation(): Location {
  return current;
}

export { navigate };
