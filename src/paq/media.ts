/**
 * The Media Analytics plugin's `_paq` commands (PROTOCOL.md §10.5) that mean
 * something without the plugin's own script, for the full script-tag build
 * (bundles/full.ts): each is named as the plugin's command and calls the
 * matomo-lite function it stands for. `MediaAnalytics::x` is the plugin's
 * static form, `MediaAnalytics.x` its per-tracker form; media tracking is per
 * tracker here, and `_paq` runs both on each tracker it drives. The others
 * (players, rate limits, progress off) stay unknown commands: docs/media.md says why.
 */
import { api } from '../core/api.js';
import { show } from '../core/config.js';
import { warn } from '../core/log.js';
import { disableMediaTracking, enableMediaTracking, scanForMedia, setMediaOptions, type MediaOptions } from '../features/media.js';

/*@__NO_SIDE_EFFECTS__*/
function option(name: string, key: keyof MediaOptions, fixed?: boolean) {
  return api(name, (tracker, value?: unknown) => setMediaOptions(tracker, { [key]: fixed ?? value }, name));
}

export const mediaCommands = [
  api('MediaAnalytics::scanForMedia', (tracker, root?: Node) => scanForMedia(tracker, root)),
  api('MediaAnalytics::enableMediaAnalytics', (tracker) => {
    enableMediaTracking(tracker);
  }),
  api('MediaAnalytics::disableMediaAnalytics', disableMediaTracking),
  option('MediaAnalytics::setPingInterval', 'pingInterval'),
  option('MediaAnalytics::setMaxTrackingTime', 'maxTrackingTime'),
  option('MediaAnalytics.enableTrackEvents', 'trackEvents', true),
  option('MediaAnalytics.disableTrackEvents', 'trackEvents', false),
];

/**
 * What the plugin's script does once it is loaded, for the full build once
 * the `_paq` layer made `window.Matomo` (startPaq returned true):
 * `Matomo.MediaAnalytics` with the static commands, each pushed to `_paq`
 * so that it reaches every tracker; then the page's
 * `window.matomoMediaAnalyticsAsyncInit`, where a site sets them up.
 */
export function startMediaAnalytics(): void {
  const win = window as any;
  const statics: Record<string, (...args: unknown[]) => void> = (win.Matomo.MediaAnalytics = {});
  for (const { _name } of mediaCommands as { _name?: string }[]) {
    const [, method] = _name!.split('::');
    if (method) statics[method] = (...args) => win._paq.push([_name, ...args]);
  }
  try {
    win.matomoMediaAnalyticsAsyncInit?.();
  } catch (error) {
    warn('matomoMediaAnalyticsAsyncInit', __DEBUG__ && 'it threw ' + show(error));
  }
}
