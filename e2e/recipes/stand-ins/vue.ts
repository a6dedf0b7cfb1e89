// Stand-in for 'vue' (see README.md here): nextTick.
//
// Modelled: a change of reactive state (the router's current route) queues a
// render, flushed in a microtask; nextTick runs its callback after the
// pending flush, so after the new route's component has rendered.
let flushing: Promise<void> = Promise.resolve();

export function nextTick(callback?: () => void): Promise<void> {
  return callback ? flushing.then(callback) : flushing;
}

/** Test side: what a state change does to the view, a render in the next flush. */
export function queueRender(render: () => void): void {
  flushing = flushing.then(render);
}
