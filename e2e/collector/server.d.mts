// Types for the e2e fixtures (TypeScript) that use the collector (plain ESM).

export type Transport = 'get' | 'beacon-query' | 'post-body' | 'bulk';
export type ActionKind = 'pageview' | 'event' | 'ping' | 'goal' | 'ecommerce' | 'search' | 'link' | 'download' | 'content' | 'media' | 'unknown';
/** How matomo.php would treat the hit: stored, excluded (accepted, nothing stored), error (400 / bulk "invalid"), fatal (400 / bulk 500), dropped (never seen). */
export type Outcome = 'stored' | 'excluded' | 'error' | 'fatal' | 'dropped';

export interface HitRecord {
  seq: number;
  receivedAt: number;
  method: string;
  path: string;
  contentType: string;
  transport: Transport;
  bulkIndex?: number;
  bulkSize?: number;
  /** The hit as received, without leading '?' (URL query and form body joined by '&' when both exist). */
  raw: string;
  /** Parameter names in wire order, duplicates kept. */
  keys: string[];
  /** Decoded values; URL beats body, last duplicate wins (Matomo's rule). */
  params: Record<string, string>;
  kind: ActionKind;
  /** Each starts with the rule id, e.g. `idsite: must be an integer > 0 (got "0")`. */
  violations: string[];
  outcome: Outcome;
  origin?: string;
  referer?: string;
  /** Value of the __e2e_tag cookie, set per test by e2e/fixtures.ts. */
  testTag?: string;
}

export interface Preflight {
  receivedAt: number;
  path: string;
  origin?: string;
  method?: string;
  headers?: string;
}

export interface CollectorOptions {
  port?: number;
  host?: string;
  root?: string;
  matomoUrl?: string;
  delayKnob?: boolean;
  quiet?: boolean;
}

export interface Collector {
  url: string;
  port: number;
  hits: HitRecord[];
  preflights: Preflight[];
  clear(): void;
  close(): Promise<void>;
}

export declare const TAG_COOKIE: string;
export declare const PIXEL_GIF: Uint8Array;
export declare function forwardTarget(matomoUrl: string, requestPath: string, query: string): string;
export declare function startCollector(options?: CollectorOptions): Promise<Collector>;
