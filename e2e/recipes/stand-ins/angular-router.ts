// Stand-in for '@angular/router' (see README.md here): Router with events
// and navigateByUrl, NavigationStart and NavigationEnd.
//
// Modelled after Angular's router: a route's redirectTo is followed before
// the URL changes; a navigation to the current URL is ignored (the default
// onSameUrlNavigation); the URL is updated, then NavigationEnd is emitted,
// then the title strategy sets the route's title (so a subscriber that
// reads document.title at NavigationEnd gets the previous route's).
import { Subject, type Observable } from './rxjs';

export class NavigationStart {
  constructor(
    public id: number,
    public url: string,
  ) {}
}

export class NavigationEnd {
  constructor(
    public id: number,
    public url: string,
    public urlAfterRedirects: string,
  ) {}
}

export type Event = NavigationStart | NavigationEnd;

export interface Route {
  path: string;
  redirectTo?: string;
  title?: string;
}

export class Router {
  readonly events: Observable<Event>;
  private readonly subject = new Subject<Event>();
  private id = 0;
  private url?: string;

  constructor(private readonly routes: Route[]) {
    this.events = this.subject;
  }

  async navigateByUrl(url: string): Promise<boolean> {
    let route = this.routes.find((r) => r.path == url.split('?')[0]);
    let target = url;
    while (route?.redirectTo) {
      target = route.redirectTo;
      route = this.routes.find((r) => r.path == target);
    }
    if (target == this.url) return false;
    const id = ++this.id;
    this.subject.next(new NavigationStart(id, url));
    if (this.url == null) history.replaceState(null, '', target);
    else history.pushState(null, '', target);
    this.url = target;
    this.subject.next(new NavigationEnd(id, url, target));
    if (route?.title) document.title = route.title;
    return true;
  }
}
