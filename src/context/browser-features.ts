// matomo.js's plugin flags, in its order (§2.7): name and MIME type
const MIME_FLAGS =
  'pdf application/pdf,qt video/quicktime,realp audio/x-pn-realaudio-plugin,wma application/x-mplayer2,' +
  'fla application/x-shockwave-flash,java application/x-java-vm,ag application/x-silverlight';

/**
 * The browser feature flags and screen size matomo.js appends to every hit
 * (§2.7), serialised: `&pdf=1&qt=0&…&cookie=1&res=1920x1080`.
 *
 * They are part of the server's visitor fingerprint, so they follow the same
 * rules and stay constant for the page's life. `cookie` reports browser
 * support, not whether the tracker uses cookies, as in matomo.js. Screen
 * sizes are integers (WebIDL `long`).
 */
export function browserFeatures(): string {
  const nav = navigator;
  const mimeTypes = nav.mimeTypes;
  return (
    (mimeTypes?.length
      ? MIME_FLAGS.replace(
          /(\w+) ([^,]+),?/g,
          (_, name, type) => '&' + name + '=' + +!!(mimeTypes.namedItem(type)?.enabledPlugin || (name == 'java' && nav.javaEnabled?.())),
        )
      : '') +
    '&cookie=' + +!!nav.cookieEnabled + '&res=' + screen.width + 'x' + screen.height
  );
}
