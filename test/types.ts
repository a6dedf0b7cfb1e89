/**
 * Type tests of the public API, checked by `npm run typecheck` (tsc), never
 * run: calls a user may write must compile, and each `@ts-expect-error` line
 * must not (tsc fails on one that compiles). They import the package by its
 * name: `npm run typecheck` maps it to src/ (tsconfig.json `paths`), and the
 * tarball e2e (e2e/package.spec.ts) compiles this same file against the
 * packed `.d.ts` files under `moduleResolution` bundler and node16. Nothing
 * but the package is imported, so the file works in both places.
 */
import * as api from 'matomo-lite';
import {
  createTracker,
  trackPageView,
  trackEvent,
  trackGoal,
  trackSiteSearch,
  addEcommerceItem,
  trackEcommerceOrder,
  setCustomDimension,
  enableHeartBeatTimer,
  enableSpaTracking,
  requireConsent,
  rememberConsentGiven,
  getVisitorId,
  setSiteId,
  setDomains,
  setCookieSameSite,
  addTracker,
  enableLinkTracking,
  addListener,
  trackLink,
  setDownloadExtensions,
  type Paq,
  type PaqCommand,
  type SpaOptions,
  type Tracker,
  type TrackerConfig,
} from 'matomo-lite';

/** true when A and B are the same type (not merely assignable either way). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only for `true`. */
const expectTrue = <T extends true>(): T | void => {};

type Api = typeof api;
type Functions = { [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never }[keyof Api];

// ---- calls a user writes compile, with the types they expect back ----------

const config: TrackerConfig = { trackerUrl: 'https://stats.example.org/matomo.php', siteId: 3, domains: ['*.example.org'] };
const tracker: Tracker = createTracker(config);
trackPageView(tracker);
trackPageView(tracker, 'Title', { dimension1: 'x' });
trackEvent(tracker, 'Video', 'Play', 'Intro', 12.5);
trackEvent(tracker, 'Video', 'Play', undefined, '1e3');
trackGoal(tracker, 3, 9.99);
trackSiteSearch(tracker, 'shoes', 'Shop', 0);
addEcommerceItem(tracker, 'SKU1', 'Shirt', ['Clothes', 'Tops'], 19.99, 2);
trackEcommerceOrder(tracker, 'A100', 49.98, 39.98, 5, 5, 0);
setCustomDimension(tracker, 1, 'member');
setSiteId(tracker, '7');
setDomains(tracker, ['example.org', '*.example.net']);
const stop = enableHeartBeatTimer(tracker, 30);
// functions that start something return stop(), a no-op after a refused call
expectTrue<Equal<typeof stop, () => void>>();
const spa: SpaOptions = { hash: true, delay: 50, title: () => 'Home' };
expectTrue<Equal<ReturnType<typeof enableSpaTracking>, () => void>>();
enableSpaTracking(tracker, spa);
enableSpaTracking(tracker, { manual: true });
requireConsent(tracker);
rememberConsentGiven(tracker, 24);
expectTrue<Equal<ReturnType<typeof getVisitorId>, string | undefined>>();
expectTrue<Equal<ReturnType<typeof addTracker>, Tracker | undefined>>();
const stopLinks = enableLinkTracking(tracker, true);
expectTrue<Equal<typeof stopLinks, () => void>>();
addListener(tracker, document.body)();
trackLink(tracker, 'https://partner.example.net/', 'link', { dimension1: 'x' }, () => {});
setDownloadExtensions(tracker, ['pdf', 'zip']);
setDownloadExtensions(tracker, 'pdf|zip');

// ---- wrong argument types are compile errors --------------------------------

// @ts-expect-error the tracker comes first, as in every function
trackEvent('Video', 'Play');
// @ts-expect-error a category is required
trackEvent(tracker);
// @ts-expect-error an event value is a number or a numeric string
trackEvent(tracker, 'Video', 'Play', 'Intro', { seconds: 12 });
// @ts-expect-error heartbeat seconds are a number
enableHeartBeatTimer(tracker, '30');
// @ts-expect-error a title is a string
trackPageView(tracker, { title: 'Home' });
// @ts-expect-error a link hit is `link` or `download`, the name of its parameter
trackLink(tracker, 'https://partner.example.net/', 'outlink');
// @ts-expect-error extensions are strings
setDownloadExtensions(tracker, [1]);
// @ts-expect-error SPA options are true or false, a number of ms, a function
enableSpaTracking(tracker, { hash: 'yes' });
// @ts-expect-error an unknown SPA option
enableSpaTracking(tracker, { hsah: true });
// @ts-expect-error a goal id is a number or a string
trackGoal(tracker, [3]);
// @ts-expect-error a dimension value is a string or a number
setCustomDimension(tracker, 1, { plan: 'pro' });
// @ts-expect-error domains are strings
setDomains(tracker, [1, 2]);
// @ts-expect-error too many arguments
setCookieSameSite(tracker, 'Lax', true);
// @ts-expect-error a tracker is what createTracker returns, not its options
trackPageView(config);

// ---- options: createTracker takes exactly TrackerConfig ---------------------

// so an editor completes the option names from TrackerConfig, with their docs
// (test/api-types.test.ts asks the language service), and refuses others
expectTrue<Equal<Parameters<typeof createTracker>, [config?: TrackerConfig]>>();
// no index signature: an unknown key is an error, not a new option
expectTrue<Equal<string extends keyof TrackerConfig ? true : false, false>>();
// @ts-expect-error an unknown option is a type error (and a runtime warning)
createTracker({ siteID: 3 });
// @ts-expect-error a site id is a number or a string
createTracker({ siteId: true });
// @ts-expect-error a tracker URL is a string
createTracker({ trackerUrl: new URL('https://stats.example.org/matomo.php') });

// every option is also a function: `setX` for option `x` taking the option's
// type, or a function of the option's own name (disableCookies)
type OptionFunction<K extends keyof TrackerConfig> = `set${Capitalize<K>}` extends infer S extends keyof Api
  ? Api[S] extends (tracker: Tracker, value: infer V, ...rest: never[]) => unknown
    ? Equal<V, TrackerConfig[K]>
    : false
  : K extends Functions
    ? true
    : false;
type OptionsWithoutFunction = { [K in keyof TrackerConfig]-?: OptionFunction<K> extends true ? never : K }[keyof TrackerConfig];
expectTrue<Equal<OptionsWithoutFunction, never>>();

// ---- every exported function takes a Tracker first (createTracker makes one) -

// over the module's exports, so a new function is checked without a line here;
// the tarball e2e applies the same rule to every entry of the exports map
type TrackerFirst<F> = F extends (...args: infer A) => unknown ? (A extends [infer T, ...unknown[]] ? Equal<T, Tracker> : false) : false;
type NotTrackerFirst = { [K in Functions]: TrackerFirst<Api[K]> extends true ? never : K }[Functions];
expectTrue<Equal<NotTrackerFirst, 'createTracker'>>();

// ---- `_paq` commands --------------------------------------------------------

// A page declares `interface Window { _paq: Paq }` in a `declare global`
// block (docs/paq.md); a global here would reach every file `npm run typecheck`
// checks (e2e/paq.spec.ts types `_paq` its own way), so a local window.
const window = globalThis as unknown as { _paq: Paq };
window._paq = window._paq || [];
window._paq.push(['trackEvent', 'Video', 'Play']);
window._paq.push(['setUserId', 'u1'], ['trackPageView']);
window._paq.push(['setSiteId', '3'], ['setTrackerUrl', 'https://stats.example.org/matomo.php']);
window._paq.push(['addTracker', null, 7]);
window._paq.push(['alwaysUseSendBeacon']);
window._paq.push(['enableLinkTracking'], ['setDownloadClasses', 'file-link'], ['trackLink', '/guide.pdf', 'download']);
window._paq.push([
  function () {
    // `this` is the tracker object: getters return values
    const id: string | undefined = this.getVisitorId();
    void id;
  },
]);
// the Media Analytics plugin's commands of the full build
window._paq.push(['enableMediaTracking', { trackEvents: true }], ['MediaAnalytics::setPingInterval', 10], ['MediaAnalytics.enableTrackEvents']);
window._paq.push(['MediaAnalytics::scanForMedia'], ['MediaAnalytics::scanForMedia', document.body]);
// @ts-expect-error seconds are a number
window._paq.push(['MediaAnalytics::setPingInterval', '10']);
// @ts-expect-error not one the full build accepts
window._paq.push(['MediaAnalytics::removePlayer', 'youtube']);
const queue: PaqCommand[] = [['trackPageView'], ['enableHeartBeatTimer', 30], ['enableSpaTracking', { hash: true }]];
window._paq.push(...queue);

// @ts-expect-error an action is required
window._paq.push(['trackEvent', 'Video']);
// @ts-expect-error an action is a string
window._paq.push(['trackEvent', 'Video', 5]);
// @ts-expect-error trackPageView takes a title and custom data, no more
window._paq.push(['trackPageView', 'Title', {}, 'extra']);
// @ts-expect-error an unknown method
window._paq.push(['trackEvnt', 'Video', 'Play']);
// @ts-expect-error a link hit's type is `link` or `download`
window._paq.push(['trackLink', '/guide.pdf', 'file']);
// @ts-expect-error createTracker is not a command: the script makes the tracker
window._paq.push(['createTracker', { siteId: 3 }]);
// @ts-expect-error a command is an array
window._paq.push('trackPageView');

// every function that takes a tracker first is a command of the same name
type CommandName = Extract<PaqCommand[0], string>;
expectTrue<Equal<Exclude<Exclude<Functions, 'createTracker'>, CommandName>, never>>();
