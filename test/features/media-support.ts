// Shared by the media tests (test/features/media.test.ts, test/paq/media.test.ts):
// an IntersectionObserver the test drives, and media elements that play on the fake clock.

/** IntersectionObserver as the test decides: show(el) makes the element intersect. */
export class FakeObserver {
  static all: FakeObserver[] = [];
  targets = new Set<Element>();
  constructor(private callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.add(el);
  }
  unobserve(el: Element) {
    this.targets.delete(el);
  }
  disconnect() {}
  static show(el: Element) {
    for (const io of FakeObserver.all) {
      if (io.targets.has(el)) io.callback([{ isIntersecting: true, target: el } as IntersectionObserverEntry], io as unknown as IntersectionObserver);
    }
  }
  static watched = (el: Element) => FakeObserver.all.some((io) => io.targets.has(el));
}

export const SRC = 'https://www.example.com/media/intro%20clip.webm';

/**
 * A media element whose state follows the fake clock as a browser's would:
 * the position runs while it plays (not paused, seeking, ended or
 * stalled), and each method fires the events a browser fires.
 */
export class Player {
  el: HTMLMediaElement;
  paused = true;
  seeking = false;
  ended = false;
  readyState = 4;
  duration = 30;
  playbackRate = 1;
  currentSrc = SRC;
  private pos = 0;
  private at = 0;

  constructor(tag: 'video' | 'audio' = 'video', attributes: Record<string, string> = {}, parent: ParentNode = document.body) {
    this.el = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) this.el.setAttribute(name, value);
    for (const key of ['paused', 'seeking', 'ended', 'readyState', 'duration', 'playbackRate', 'currentSrc', 'currentTime'] as const) {
      Object.defineProperty(this.el, key, { configurable: true, get: () => this[key] });
    }
    parent.append(this.el);
  }

  get currentTime(): number {
    const running = !this.paused && !this.seeking && !this.ended && this.readyState > 2;
    return running ? Math.min(this.pos + ((Date.now() - this.at) / 1000) * this.playbackRate, this.duration) : this.pos;
  }

  private fire(...types: string[]) {
    for (const type of types) this.el.dispatchEvent(new Event(type));
  }

  /** Freezes the position at now before a change of state. */
  private hold() {
    this.pos = this.currentTime;
    this.at = Date.now();
  }

  play() {
    this.hold();
    this.paused = this.ended = false;
    this.fire('play', 'playing');
  }
  pause() {
    this.hold();
    this.paused = true;
    this.fire('pause');
  }
  seek(to: number) {
    this.hold();
    this.seeking = true;
    this.pos = to;
    this.fire('seeking');
    this.seeking = false;
    this.fire('seeked');
  }
  /** Plays to the end: a browser pauses, then ends. */
  end(withPause = true) {
    this.hold();
    this.pos = this.duration;
    this.ended = true;
    if (withPause) {
      this.paused = true;
      this.fire('pause');
    }
    this.fire('ended');
  }
  stall() {
    this.hold();
    this.readyState = 2;
    this.fire('waiting');
  }
  resume() {
    this.hold();
    this.readyState = 4;
    this.fire('playing');
  }
  /** A new source: load() resets the element, then starts loading the new one. */
  load(src: string) {
    this.hold();
    this.paused = true;
    this.readyState = 0;
    this.pos = 0;
    this.duration = NaN;
    this.currentSrc = src;
    this.fire('loadstart');
    this.readyState = 4;
    this.duration = 20;
  }
  set position(value: number) {
    this.pos = value;
  }
}
