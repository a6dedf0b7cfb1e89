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

/** A fault mode of the tracker endpoint (see server.mjs). */
export interface Fault {
  /** answer this status, recording nothing */
  status?: number;
  /** close the connection unanswered */
  drop?: boolean;
  /** hold each request this many ms, then handle it as usual */
  hang?: number;
  /** switch off after this many requests */
  count?: number;
}

/** A tracker request a fault mode answered or dropped. */
export interface Refused {
  receivedAt: number;
  method: string;
  path: string;
  mode: number | 'drop';
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
  refused: Refused[];
  clear(): void;
  /** Switches a fault mode on (null: off). */
  setFault(fault: Fault | null): void;
  close(): Promise<void>;
}

export declare const TAG_COOKIE: string;
export declare const PIXEL_GIF: Uint8Array;
export declare function forwardTarget(matomoUrl: string, requestPath: string, query: string): string;
export declare function parseFault(query: string): Fault | null;
export declare function startCollector(options?: CollectorOptions): Promise<Collector>;
