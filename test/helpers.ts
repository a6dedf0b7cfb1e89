import { vi } from 'vitest';

/** Puts the happy-dom window at this URL (protocol, host and path matter for cookies and hits). */
export function setPage(url: string, { title = 'Products & Co', referrer = '' } = {}): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.title = title;
  Object.defineProperty(document, 'referrer', { value: referrer, configurable: true });
}

/** Removes every cookie visible to the page. */
export function clearCookies(): void {
  for (const pair of document.cookie.split(/; */)) {
    const name = pair.split('=')[0];
    if (name) document.cookie = name + '=;expires=Thu, 01 Jan 1970 00:00:00 GMT;path=/';
  }
}

export interface Sent {
  via: 'beacon' | 'fetch' | 'image';
  url: string;
  body: string;
  type?: string;
  /** fetch only: its mode, credentials and keepalive */
  init?: { mode?: string; credentials?: string; keepalive?: boolean };
}

/**
 * Replaces the three transports with recorders. `beacon` decides what
 * sendBeacon returns (undefined: sendBeacon is missing); `answer` what a
 * fetch gets: a status (default 204), or 0 for a network error.
 */
export function captureTransport(options: { beacon?: boolean; fetch?: boolean; answer?: (sent: Sent) => number } = {}): Sent[] {
  // an explicit `beacon: undefined` means "the browser has no sendBeacon"
  const beacon = 'beacon' in options ? options.beacon : true;
  const hasFetch = options.fetch ?? true;
  const sent: Sent[] = [];
  const read = async (blob: Blob | undefined) => (blob ? await blob.text() : '');
  const pending: Promise<unknown>[] = [];
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value:
      beacon === undefined
        ? undefined
        : (url: string, blob: Blob) => {
            const entry: Sent = { via: 'beacon', url, body: '', type: blob?.type };
            sent.push(entry);
            pending.push(read(blob).then((b) => (entry.body = b)));
            return beacon;
          },
  });
  vi.stubGlobal(
    'fetch',
    hasFetch
      ? (url: string, init: RequestInit) => {
          const { mode, credentials, keepalive } = init;
          const type = new Headers(init.headers).get('Content-Type') ?? (init.body as Blob)?.type;
          const entry: Sent = { via: 'fetch', url, body: '', type, init: { mode, credentials, keepalive } };
          sent.push(entry);
          const body = (typeof init.body == 'string' ? Promise.resolve(init.body) : read(init.body as Blob)).then((b) => (entry.body = b));
          pending.push(body);
          // answered once the body is read, so the answer may depend on it
          return body.then(() => {
            const status = options.answer?.(entry) ?? 204;
            if (!status) throw new TypeError('Failed to fetch');
            return new Response(null, { status });
          });
        }
      : undefined,
  );
  vi.stubGlobal(
    'Image',
    class {
      set src(url: string) {
        sent.push({ via: 'image', url, body: '' });
      }
    },
  );
  (sent as Sent[] & { settled(): Promise<unknown> }).settled = () => Promise.all(pending);
  return sent;
}

/** The hit (query string) a recorded request carried, in the URL or the body. */
export function hitOf(sent: Sent): string {
  return sent.body && !sent.body.startsWith('{') ? sent.body : sent.url.split('?').slice(1).join('?');
}

/** Parameter names in wire order, and values decoded. */
export function parse(hit: string): { keys: string[]; get(name: string): string | null } {
  const params = new URLSearchParams(hit);
  return { keys: [...params.keys()], get: (name) => params.get(name) };
}

/** Lets queued timers and promises run (the transport flushes in a timer). */
export async function settle(ms = 0): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SentHit {
  /** the request URL */
  url: string;
  /** the hit query string */
  raw: string;
  keys: string[];
  get(name: string): string | null;
}

/**
 * Every hit recorded so far, one entry per hit (a bulk body gives several),
 * after running the pending dispatches under fake timers.
 */
export async function sentHits(sent: Sent[]): Promise<SentHit[]> {
  await vi.advanceTimersByTimeAsync(1000);
  await (sent as unknown as { settled(): Promise<void> }).settled();
  return sent.flatMap((s) => {
    const raws = s.body.startsWith('{') ? (JSON.parse(s.body).requests as string[]).map((q) => q.slice(1)) : [hitOf(s)];
    return raws.map((raw) => ({ url: s.url, raw, ...parse(raw) }));
  });
}
